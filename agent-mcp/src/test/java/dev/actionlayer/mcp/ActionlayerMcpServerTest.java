package dev.actionlayer.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolHints;
import dev.actionlayer.tools.ToolParameter;
import dev.actionlayer.tools.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server over given streams, spoken to in raw JSON-RPC lines: what the catalog receives for
 * a call, how its result is framed, and that serving ends when the client goes away (and only then).
 */
class ActionlayerMcpServerTest {
  /** A one-tool catalog that records the arguments each call brought. */
  static final class EchoCatalog implements ToolCatalog {
    final List<String> received = new CopyOnWriteArrayList<>();
    final Tool echo = new Tool("notes_get", "Echoes its text.",
        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":5}},"
            + "\"required\":[\"text\"],\"additionalProperties\":false}",
        List.of(new ToolParameter("text", "Any text.", true, List.of(), 5, null)),
        new ToolHints(true, false, true, false));

    @Override
    public List<Tool> tools() {
      return List.of(echo);
    }

    @Override
    public Optional<Tool> tool(String name) {
      return echo.name().equals(name) ? Optional.of(echo) : Optional.empty();
    }

    @Override
    public ToolResult execute(String name, String jsonArguments) {
      received.add(jsonArguments);
      Map<String, Object> args = Json.objectOrNull(jsonArguments);
      Object text = args == null ? null : args.get("text");
      return text instanceof String s && s.length() <= 5
          ? new ToolResult("{\"text\":\"" + s + "\"}", false)
          : new ToolResult("{\"error\":{\"code\":\"INVALID_REQUEST\"}}", true);
    }
  }

  /** Collects what the server writes, one protocol line at a time. */
  static final class Lines extends OutputStream {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(current.toString(StandardCharsets.UTF_8));
        current.reset();
      } else {
        current.write(b);
      }
    }

    Map<String, Object> next() throws InterruptedException {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("a line from the server").isNotNull();
      return Json.objectOrNull(line);
    }
  }

  final EchoCatalog catalog = new EchoCatalog();
  final Lines out = new Lines();
  final PipedOutputStream client = new PipedOutputStream();
  CompletableFuture<Void> serving;

  void start() throws IOException {
    PipedInputStream in = new PipedInputStream(client, 64 * 1024);
    serving = CompletableFuture.runAsync(() -> ActionlayerMcpServer.serve(catalog, in, out));
  }

  void send(String json) throws IOException {
    client.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    client.flush();
  }

  void initialize() throws Exception {
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
    assertThat(Json.object(Json.object(out.next(), "result"), "serverInfo")).containsEntry("name", "actionlayer");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  @AfterEach
  void closeInput() throws IOException {
    client.close();
  }

  @Test
  void aCallReachesTheCatalogAsJsonTextAndItsResultComesBackAsTextWithIsError() throws Exception {
    start();
    initialize();
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"hi\"}}}");
    Map<String, Object> ok = Json.object(out.next(), "result");
    assertThat(ok).containsEntry("isError", false)
        .containsEntry("content", List.of(Map.of("type", "text", "text", "{\"text\":\"hi\"}")));

    // The catalog's schema check answers, not the SDK's: its error JSON is what a model acts on.
    send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"far too long\"}}}");
    Map<String, Object> bad = Json.object(out.next(), "result");
    assertThat(bad).containsEntry("isError", true)
        .containsEntry("content", List.of(Map.of("type", "text", "text", "{\"error\":{\"code\":\"INVALID_REQUEST\"}}")));

    // No arguments at all reach the catalog as an empty object, so it can name what is missing.
    send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\"}}");
    assertThat(Json.object(out.next(), "result")).containsEntry("isError", true);
    assertThat(catalog.received).containsExactly("{\"text\":\"hi\"}", "{\"text\":\"far too long\"}", "{}");
  }

  @Test
  void toolsCarryTitleAndAnnotationsFromTheHints() throws Exception {
    start();
    initialize();
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    List<?> tools = Json.array(Json.object(out.next(), "result"), "tools");
    assertThat(tools).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> tool = (Map<String, Object>) tools.get(0);
    assertThat(tool).containsEntry("name", "notes_get").containsEntry("title", "Get note")
        .containsEntry("description", "Echoes its text.");
    assertThat(Json.object(tool, "annotations")).containsEntry("title", "Get note")
        .containsEntry("readOnlyHint", true).containsEntry("destructiveHint", false)
        .containsEntry("idempotentHint", true).containsEntry("openWorldHint", false);
    assertThat(Json.object(Json.object(tool, "inputSchema"), "properties")).containsKey("text");
  }

  @Test
  void servingReturnsWhenTheClientClosesTheInput() throws Exception {
    start();
    initialize();
    client.close();
    serving.get(20, TimeUnit.SECONDS);
    assertThat(serving).isCompleted();
  }

  @Test
  void anUnreadableLineDoesNotEndServing_closingTheInputDoes() throws Exception {
    start();
    initialize();
    // The SDK's own transport ended the session here; this one answers and reads on.
    send("this is not json");
    assertThat(Json.object(out.next(), "error")).containsEntry("code", -32700.0);
    assertThat(serving).isNotDone();
    client.close();
    serving.get(20, TimeUnit.SECONDS);
    assertThat(serving).isCompleted();
  }
}
