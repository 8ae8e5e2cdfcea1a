package dev.actionlayer.mcp;

import dev.actionlayer.tools.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Serves a {@link ToolCatalog} to MCP clients (the Model Context Protocol, with the official MCP
 * Java SDK): every catalog tool becomes an MCP tool with its name, a title, its description, its
 * JSON Schema and annotations from its {@link dev.actionlayer.tools.ToolHints hints}
 * ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint}, {@code openWorldHint});
 * a call runs {@link ToolCatalog#execute} and comes back as one text content holding the catalog's
 * JSON, with {@code isError} set when the catalog says it failed. The server introduces itself as
 * {@code actionlayer} with this library's version.
 *
 * <p>Arguments are checked by the catalog, not by the SDK: the catalog's {@code INVALID_REQUEST}
 * answer names each bad field and says what to do, which is what a model can act on.
 *
 * <p>Each method serves one client and blocks until it goes away; the catalog is used from the
 * SDK's threads, concurrently when the client sends calls concurrently (catalogs are thread-safe).
 *
 * <pre>{@code
 * try (ActionLayer layer = ActionLayer.builder()...build()) {
 *   ActionlayerMcpServer.serveStdio(layer.tools());
 * }
 * }</pre>
 */
public final class ActionlayerMcpServer {
  private ActionlayerMcpServer() {}

  /**
   * Serves {@code catalog} over this process's standard input and output until the client closes
   * the input (or the session ends on an unreadable message), then returns. For a process started
   * by an MCP host: its stdout carries only the protocol, so while serving, {@code System.out} is
   * pointed at {@code System.err} — anything that looks up {@code System.out} when it prints (a
   * stray {@code println}, a console logger) lands on stderr instead of corrupting the stream.
   * Code that captured {@code System.out} earlier is beyond reach: log to stderr (slf4j-simple
   * does by default). {@code System.out} is restored on return.
   *
   * @throws NullPointerException if {@code catalog} is null
   */
  public static void serveStdio(ToolCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog == null");
    PrintStream protocol = System.out;
    System.setOut(System.err);
    try {
      serve(catalog, System.in, protocol);
    } finally {
      System.setOut(protocol);
    }
  }

  /**
   * Serves {@code catalog} to one client speaking MCP's stdio framing (one JSON-RPC message per
   * line) on {@code in} and {@code out}, until {@code in} ends or the session ends on an
   * unreadable message, then returns. Neither stream is closed.
   *
   * @throws NullPointerException if an argument is null
   */
  public static void serve(ToolCatalog catalog, InputStream in, OutputStream out) {
    Objects.requireNonNull(catalog, "catalog == null");
    Objects.requireNonNull(in, "in == null");
    Objects.requireNonNull(out, "out == null");
    McpJsonMapper json = McpJsonDefaults.getMapper();
    StdioSession transport = new StdioSession(json, in, out);
    McpSyncServer server = McpServer.sync(transport)
        .serverInfo("actionlayer", Version.current())
        .instructions(McpTools.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        // The catalog validates against the same schema and explains each bad field; the SDK's
        // own validator would answer first with a message a model can do less with.
        .validateToolInputs(false)
        .tools(McpTools.specifications(catalog, json))
        .build();
    try {
      transport.awaitEnd();
    } finally {
      server.closeGracefully();
    }
  }
}
