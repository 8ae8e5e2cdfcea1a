package dev.actionlayer.mcp;

import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolHints;
import dev.actionlayer.tools.ToolResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Catalog tools as MCP tool specifications (the definition a client lists, the handler it calls),
 * for servers built on the MCP Java SDK with other transports than stdio (the broker's Streamable
 * HTTP): the same tools, titles, annotations and results as {@link ActionlayerMcpServer}'s.
 * Stateless; thread-safe.
 */
public final class McpTools {
  /**
   * Runs one tool call of a client: gets the exchange with that client, and must call
   * {@code call} exactly once, on the calling thread, returning its result. Lets a server make the
   * exchange available to what the catalog calls (an approver that asks the client) for exactly
   * the duration of the call.
   */
  @FunctionalInterface
  public interface CallScope {
    /** Passes every call straight through. */
    CallScope DIRECT = (exchange, call) -> call.get();

    ToolResult run(McpSyncServerExchange exchange, Supplier<ToolResult> call);
  }

  /** What the server tells a model once, at initialization; each tool's description says the rest. */
  public static final String INSTRUCTIONS = "These tools create, read and delete records in business"
      + " systems (work trackers, CRMs, file stores, billing). Each takes a connection argument naming"
      + " the system to act on; its schema lists the connections. A failed call returns"
      + " {\"error\":{...}} with a code, whether it is retryable, retryAfterSeconds and fieldErrors"
      + " where they apply, and a hint: follow the hint.";

  private McpTools() {}

  /** This library's version, as the servers report it in their MCP {@code serverInfo}. */
  public static String version() {
    return Version.current();
  }

  /**
   * One specification per tool of {@code catalog}, in its order; a call runs
   * {@link ToolCatalog#execute} directly.
   */
  public static List<SyncToolSpecification> specifications(ToolCatalog catalog, McpJsonMapper json) {
    return specifications(catalog, json, CallScope.DIRECT);
  }

  /**
   * One specification per tool of {@code catalog}, in its order; each call runs
   * {@link ToolCatalog#execute} inside {@code scope}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<SyncToolSpecification> specifications(ToolCatalog catalog, McpJsonMapper json,
      CallScope scope) {
    Objects.requireNonNull(catalog, "catalog == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(scope, "scope == null");
    return catalog.tools().stream().map(tool -> specification(catalog, tool, json, scope)).toList();
  }

  static SyncToolSpecification specification(ToolCatalog catalog, Tool tool, McpJsonMapper json,
      CallScope scope) {
    String title = title(tool.name());
    ToolHints hints = tool.hints();
    McpSchema.Tool definition = McpSchema.Tool.builder(tool.name(), json, tool.inputSchema())
        .title(title)
        .description(tool.description())
        .annotations(McpSchema.ToolAnnotations.builder()
            .title(title)
            .readOnlyHint(hints.readOnly())
            .destructiveHint(hints.destructive())
            .idempotentHint(hints.idempotent())
            .openWorldHint(hints.openWorld())
            .build())
        .build();
    return SyncToolSpecification.builder()
        .tool(definition)
        .callHandler((exchange, request) -> call(catalog, tool.name(), request, json, exchange, scope))
        .build();
  }

  private static CallToolResult call(ToolCatalog catalog, String name, CallToolRequest request,
      McpJsonMapper json, McpSyncServerExchange exchange, CallScope scope) {
    // No arguments is an empty object to the catalog, which then names each required one missing.
    String arguments = request.arguments() == null ? "{}" : write(json, request.arguments());
    ToolResult result = scope.run(exchange, () -> catalog.execute(name, arguments));
    return CallToolResult.builder().addTextContent(result.json()).isError(result.isError()).build();
  }

  private static String write(McpJsonMapper json, Object arguments) {
    try {
      return json.writeValueAsString(arguments);
    } catch (IOException e) {
      // The arguments were just read from JSON by the same mapper: writing them back cannot fail
      // for anything the client sent.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A display name from the catalog's {@code <resource>_<verb>} name: {@code tasks_create} is
   * "Create task". A name of another shape is its own title.
   */
  static String title(String name) {
    int underscore = name.indexOf('_');
    if (underscore <= 0 || underscore == name.length() - 1) return name;
    String noun = name.substring(0, underscore);
    String verb = name.substring(underscore + 1).replace('_', ' ');
    // "List tasks" reads one page of many; every other verb acts on one record.
    if (!verb.equals("list") && noun.endsWith("s") && noun.length() > 1) noun = noun.substring(0, noun.length() - 1);
    return verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1) + " " + noun;
  }
}
