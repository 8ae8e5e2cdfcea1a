package dev.actionlayer.mcp;

import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolHints;
import dev.actionlayer.tools.ToolResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Catalog tools as MCP tool specifications: the definition a client lists, the handler it calls. */
final class McpTools {
  /** What the server tells a model once, at initialization; each tool's description says the rest. */
  static final String INSTRUCTIONS = "These tools create, read and delete records in business"
      + " systems (work trackers, CRMs, file stores, billing). Each takes a connection argument naming"
      + " the system to act on; its schema lists the connections. A failed call returns"
      + " {\"error\":{...}} with a code, whether it is retryable, retryAfterSeconds and fieldErrors"
      + " where they apply, and a hint: follow the hint.";

  private McpTools() {}

  static List<SyncToolSpecification> specifications(ToolCatalog catalog, McpJsonMapper json) {
    return catalog.tools().stream().map(tool -> specification(catalog, tool, json)).toList();
  }

  static SyncToolSpecification specification(ToolCatalog catalog, Tool tool, McpJsonMapper json) {
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
        .callHandler((exchange, request) -> call(catalog, tool.name(), request, json))
        .build();
  }

  private static CallToolResult call(ToolCatalog catalog, String name, CallToolRequest request,
      McpJsonMapper json) {
    // No arguments is an empty object to the catalog, which then names each required one missing.
    String arguments = request.arguments() == null ? "{}" : write(json, request.arguments());
    ToolResult result = catalog.execute(name, arguments);
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
    if (noun.endsWith("s") && noun.length() > 1) noun = noun.substring(0, noun.length() - 1);
    return verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1) + " " + noun;
  }
}
