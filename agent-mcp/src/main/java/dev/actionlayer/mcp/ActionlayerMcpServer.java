package dev.actionlayer.mcp;

import dev.actionlayer.tools.Tool;
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
import java.util.Set;
import java.util.stream.Collectors;

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
 * <p>A bad line never ends the session: it is answered with the JSON-RPC error the specification
 * names, and the next line is read as usual.
 * <ul>
 *   <li>{@code -32700} (id null): a line that is not JSON (or not UTF-8, or with text after the value).
 *   <li>{@code -32600}: JSON that is not a JSON-RPC message (not an object, no
 *       {@code "jsonrpc":"2.0"}, no method, or an id that is neither a string nor a 64-bit
 *       integer, answered with id null); a line over {@link #MAX_LINE_BYTES}; a message nested
 *       deeper than {@link #MAX_NESTING_DEPTH} outside its params; more than 100,000 JSON values
 *       in a line; an empty batch, a batch of more than 100 messages, or a batch where the
 *       negotiated version has none.
 *   <li>{@code -32602}: params nested too deep, an array or a non-object {@code _meta}; a
 *       {@code tools/call} without a tool name, naming a tool the catalog does not have (the
 *       error names it), or with {@code arguments} that are not an object.
 *   <li>{@code -32603}: a failure inside the server or the SDK, with a plain message (the
 *       details go to the log).
 * </ul>
 * Batches (a JSON array of messages) are answered with one array when the version negotiated at
 * initialization is 2024-11-05 or 2025-03-26 (plain JSON-RPC 2.0): each element is handled as if
 * sent alone. 2025-06-18 removed batches, so under it and later versions, and before
 * initialization, a batch is refused as a whole. A malformed notification cannot be answered and
 * is dropped with a warning in the log. Blank lines are skipped.
 *
 * <pre>{@code
 * try (ActionLayer layer = ActionLayer.builder()...build()) {
 *   ActionlayerMcpServer.serveStdio(layer.tools());
 * }
 * }</pre>
 */
public final class ActionlayerMcpServer {
  /**
   * The longest line (one JSON-RPC message or batch) the server reads, in bytes: 4 MiB. A longer
   * line is read to its end without being kept and answered with {@code -32600} (with its id
   * when the id comes before the first 4 MiB). Tool arguments are records' fields, the longest a
   * task's description of at most 32,000 characters (under 200 KB even fully escaped): the cap
   * leaves twenty times that, while bounding what one line costs in memory.
   */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  /**
   * How deeply a message may nest objects and arrays, the message itself being level 1: 64. The
   * catalog's arguments are flat, so a deeper message is a mistake or an attack; a request whose
   * params are too deep gets {@code -32602} saying so, with its id (up to 10,000 levels; beyond
   * that, its id when it comes before the deep part).
   */
  public static final int MAX_NESTING_DEPTH = 64;

  private ActionlayerMcpServer() {}

  /**
   * Serves {@code catalog} over this process's standard input and output, as {@link #serve} does,
   * until the client closes the input. For a process started by an MCP host: its stdout carries
   * only the protocol, so while serving, {@code System.out} is pointed at {@code System.err} —
   * anything that looks up {@code System.out} when it prints (a stray {@code println}, a console
   * logger) lands on stderr instead of corrupting the stream.
   * Code that captured {@code System.out} earlier is beyond reach: log to stderr (slf4j-simple
   * does by default). {@code System.out} is restored on return.
   *
   * @throws NullPointerException if {@code catalog} is null
   * @throws java.io.UncheckedIOException if reading standard input or writing standard output fails
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
   * line) on {@code in} and {@code out}, until {@code in} ends, then returns once the requests
   * already read are answered (waiting for them at most 30 seconds). Neither stream is closed.
   *
   * @throws NullPointerException if an argument is null
   * @throws java.io.UncheckedIOException if reading {@code in} or writing {@code out} fails: the
   *     client can no longer be served
   */
  public static void serve(ToolCatalog catalog, InputStream in, OutputStream out) {
    Objects.requireNonNull(catalog, "catalog == null");
    Objects.requireNonNull(in, "in == null");
    Objects.requireNonNull(out, "out == null");
    McpJsonMapper json = McpJsonDefaults.getMapper();
    Set<String> toolNames = catalog.tools().stream().map(Tool::name).collect(Collectors.toSet());
    StdioSession transport = new StdioSession(json, in, out, new MessageCheck(toolNames));
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
      transport.serve();
    } finally {
      server.closeGracefully();
    }
  }
}
