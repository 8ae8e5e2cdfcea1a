package dev.actionlayer.tools;

import java.util.List;
import java.util.Optional;

/**
 * The layer's canonical operations as tools a language model can call: one tool per operation
 * ({@code tasks_create}, {@code contacts_get}, {@code folders_delete}, …) with a {@code connection}
 * argument naming where to act, a description written for a model, a JSON Schema for the
 * arguments and hints derived from the operation. Obtained from {@code ActionLayer.tools()};
 * thread-safe.
 *
 * <p>One tool per operation rather than per connection keeps the list short however many
 * connections there are (models choose worse among many similar tools), and the connection's
 * {@code enum} in the schema still tells the model exactly which ones exist.
 */
public interface ToolCatalog {
  /** Every tool, in a stable order; only operations some connection supports are listed. */
  List<Tool> tools();

  /** The tool named {@code name}, if listed. */
  Optional<Tool> tool(String name);

  /**
   * Runs tool {@code name} with {@code jsonArguments} (a JSON object), validated against the
   * tool's schema before anything is sent. Never throws for what a model can get wrong: an
   * unknown tool, malformed JSON, a schema violation and every vendor failure come back as a
   * {@link ToolResult#isError() error} result whose JSON says what to do — never a stack trace or a
   * credential.
   */
  ToolResult execute(String name, String jsonArguments);

  /**
   * {@link #execute(String, String)}, naming the caller's id for this tool call (a model's
   * tool-call id, a JSON-RPC request id), which the call's trace carries as
   * {@code gen_ai.tool.call.id}. The default ignores the id.
   *
   * @param toolCallId the caller's id of this call, or null
   */
  default ToolResult execute(String name, String jsonArguments, String toolCallId) {
    return execute(name, jsonArguments);
  }
}
