package dev.actionlayer.mcp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.actionlayer.mcp.MessageCheck.Answer;
import dev.actionlayer.mcp.MessageCheck.Dispatch;
import dev.actionlayer.mcp.MessageCheck.Drop;
import dev.actionlayer.mcp.MessageCheck.Line;
import dev.actionlayer.mcp.MessageCheck.Outcome;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's stdio transport for one client, in place of the SDK's: it reads lines itself (bounded by
 * {@link ActionlayerMcpServer#MAX_LINE_BYTES}), has each checked by {@link MessageCheck}, answers
 * what fails the check and hands the rest to the SDK's session; one bad line no longer ends the
 * session, as it does in the SDK's transport.
 *
 * <p>Batches: where the negotiated protocol version has them (2024-11-05 and 2025-03-26, plain
 * JSON-RPC 2.0), each element is checked and handed on alone, the requests under ids of this
 * transport's making, and the responses are written together as one array with the client's ids
 * back once the last is in. 2025-06-18 removed batches: there, and before initialization, a batch
 * is refused as a whole with {@code -32600}.
 *
 * <p>{@link #serve()} runs the reading on the caller's thread; the SDK answers on its own threads,
 * and writes are serialized here, one line each.
 */
final class StdioSession implements McpServerTransportProvider {
  private static final Logger log = LoggerFactory.getLogger(StdioSession.class);
  /** How long requests read before the input ended may still take to be answered. */
  static final Duration DRAIN = Duration.ofSeconds(30);
  private static final Set<String> BATCH_VERSIONS =
      Set.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26);

  private final McpJsonMapper json;
  private final InputStream in;
  private final OutputStream out;
  private final MessageCheck check;
  private final Transport transport = new Transport();
  private final Map<String, Slot> batchSlots = new ConcurrentHashMap<>();
  // Random, so no id a client chooses can collide with one of a batch's requests.
  private final String batchIdPrefix = "actionlayer-batch-" + UUID.randomUUID() + "-";
  private final AtomicLong batchIds = new AtomicLong();
  private final InFlight inFlight = new InFlight();
  private final Object writing = new Object();
  private volatile McpServerSession session;
  private volatile String protocolVersion;
  private volatile IOException writeFailure;
  private volatile boolean closed;

  StdioSession(McpJsonMapper json, InputStream in, OutputStream out, MessageCheck check) {
    this.json = json;
    this.in = in;
    this.out = out;
    this.check = check;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    session = sessionFactory.create(transport);
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    McpServerSession s = session;
    return s == null ? Mono.error(new IllegalStateException("no session to notify")) : s.sendNotification(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    McpServerSession s = session;
    return s == null ? Mono.empty() : s.closeGracefully();
  }

  /**
   * Reads and answers lines until the input ends, then waits (at most {@link #DRAIN}) for the
   * requests already read to be answered.
   *
   * @throws UncheckedIOException if reading the input or writing the output fails
   */
  void serve() {
    LineReader lines = new LineReader(in, ActionlayerMcpServer.MAX_LINE_BYTES);
    try {
      while (!closed && lines.next()) {
        try {
          take(check.check(lines.bytes(), lines.length(), lines.truncated()));
        } catch (RuntimeException e) {
          // A defect met on one line must not cost the client every tool: answer it and read on.
          log.error("failed on a line from the client", e);
          write(check.write(check.error(null, -32603, "Internal error: the server failed on this line")));
        }
        failIfWritesFailed();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading from the client failed: " + e.getMessage(), e);
    }
    inFlight.awaitNone(DRAIN);
    failIfWritesFailed();
  }

  private void failIfWritesFailed() {
    IOException failure = writeFailure;
    if (failure != null) throw new UncheckedIOException("writing to the client failed: " + failure.getMessage(), failure);
  }

  private void take(Line line) {
    if (!line.batch()) {
      for (Outcome outcome : line.outcomes()) take(outcome, null, 0);
      return;
    }
    String version = protocolVersion;
    if (version == null || !BATCH_VERSIONS.contains(version)) {
      write(check.write(check.error(null, -32600, version == null
          ? "Invalid request: a batch cannot come before initialization"
          : "Invalid request: MCP " + version + " has no batches; send one message per line")));
      return;
    }
    Batch batch = new Batch(line.outcomes().size());
    for (int i = 0; i < line.outcomes().size(); i++) take(line.outcomes().get(i), batch, i);
    batch.seal();
  }

  private void take(Outcome outcome, Batch batch, int index) {
    if (outcome instanceof Answer answer) {
      if (batch == null) write(check.write(answer.response()));
      else batch.answer(index, check.write(answer.response()));
    } else if (outcome instanceof Drop drop) {
      log.warn("ignored a message from the client: {}", drop.reason());
    } else if (outcome instanceof Dispatch dispatch) {
      if (batch != null && dispatch.id() != null) {
        String internal = batchIdPrefix + batchIds.incrementAndGet();
        batch.expect();
        batchSlots.put(internal, new Slot(batch, index, dispatch.id()));
        dispatch.message().put("id", internal);
      }
      dispatch(dispatch);
    }
  }

  private void dispatch(Dispatch dispatch) {
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, check.write(dispatch.message()));
    } catch (IOException | RuntimeException e) {
      // MessageCheck let it through, so the SDK should read it: a defect here, not the client's.
      log.error("the SDK could not read a checked message", e);
      JsonNode id = dispatch.message().get("id");
      if (id != null) answer(id, check.error(id, -32603, "Internal error: the server could not take this message"));
      return;
    }
    inFlight.begin();
    session.handle(message)
        .doFinally(signal -> inFlight.end())
        .subscribe(null, e -> log.warn("handling a message from the client failed", e));
  }

  /** Writes an error response of ours, or files it with its batch when {@code id} is a batch's. */
  private void answer(JsonNode id, ObjectNode response) {
    Slot slot = id.isString() ? batchSlots.remove(id.stringValue()) : null;
    if (slot == null) {
      write(check.write(response));
      return;
    }
    response.set("id", slot.clientId);
    slot.batch.complete(slot.index, check.write(response));
  }

  /** Writes a message from the SDK, or files a response to a batch's request with its batch. */
  private void route(McpSchema.JSONRPCMessage message) {
    if (message instanceof JSONRPCResponse sdkResponse) {
      JSONRPCResponse response = plain(sdkResponse);
      if (response.error() == null && response.result() instanceof McpSchema.InitializeResult init
          && protocolVersion == null) {
        protocolVersion = init.protocolVersion(); // the first initialization's; a repeat changes nothing
      }
      Slot slot = response.id() instanceof String id ? batchSlots.remove(id) : null;
      if (slot != null) {
        slot.batch.complete(slot.index, serialize(
            new JSONRPCResponse(response.jsonrpc(), javaId(slot.clientId), response.result(), response.error())));
        return;
      }
      message = response;
    }
    write(serialize(message));
  }

  /**
   * The SDK answers a failure inside it with {@code -32603} and the exception's message, which
   * names library classes (a params member of the wrong type, say): the client gets a plain
   * message, the log gets the SDK's.
   */
  private static JSONRPCResponse plain(JSONRPCResponse response) {
    JSONRPCResponse.JSONRPCError error = response.error();
    if (error == null || error.code() == null || error.code() != -32603) return response;
    log.warn("the SDK failed on request {}: {}", response.id(), error.message());
    return new JSONRPCResponse(response.jsonrpc(), response.id(), null, new JSONRPCResponse.JSONRPCError(-32603,
        "Internal error: the server could not handle this request; its log says why"));
  }

  private String serialize(Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String line) {
    byte[] bytes = (line + "\n").getBytes(UTF_8);
    synchronized (writing) {
      if (writeFailure != null) return;
      try {
        out.write(bytes);
        out.flush();
        // System.out is a PrintStream, which swallows its IOExceptions and only reports them here.
        if (out instanceof PrintStream print && print.checkError()) {
          throw new IOException("the output is closed or broken");
        }
      } catch (IOException e) {
        writeFailure = e;
      }
    }
  }

  private static Object javaId(JsonNode id) {
    return id.isString() ? id.stringValue() : id.numberValue();
  }

  /** Where the response to one of a batch's requests goes, and the id the client gave it. */
  private record Slot(Batch batch, int index, JsonNode clientId) {}

  /** A batch's responses, written as one array once every request in it is answered. */
  private final class Batch {
    private final String[] responses;
    private int outstanding;
    private boolean sealed;

    Batch(int size) {
      responses = new String[size];
    }

    synchronized void expect() {
      outstanding++;
    }

    synchronized void answer(int index, String response) {
      responses[index] = response;
    }

    synchronized void complete(int index, String response) {
      responses[index] = response;
      outstanding--;
      writeIfDone();
    }

    /** Every element was taken: from now on the last response completes the batch. */
    synchronized void seal() {
      sealed = true;
      writeIfDone();
    }

    private void writeIfDone() {
      if (!sealed || outstanding > 0) return;
      StringBuilder array = new StringBuilder("[");
      for (String response : responses) {
        if (response == null) continue;
        if (array.length() > 1) array.append(',');
        array.append(response);
      }
      // Notifications and responses only: JSON-RPC writes nothing back, not even an empty array.
      if (array.length() > 1) write(array.append(']').toString());
    }
  }

  /** Counts messages the SDK is still handling, so the end of input can wait for their answers. */
  private static final class InFlight {
    private int count;

    synchronized void begin() {
      count++;
    }

    synchronized void end() {
      if (--count == 0) notifyAll();
    }

    synchronized void awaitNone(Duration max) {
      long deadline = System.nanoTime() + max.toNanos();
      try {
        for (long left = max.toMillis(); count > 0 && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
          wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The session's side: sends through {@link #route}; closing stops the reading. */
  private final class Transport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.fromRunnable(() -> route(message));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
