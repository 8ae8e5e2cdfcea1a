package dev.actionlayer.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.mcp.ActionlayerMcpServerTest.EchoCatalog;
import dev.actionlayer.mcp.ActionlayerMcpServerTest.Lines;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed lines fed through {@link ActionlayerMcpServer#serve}: each one gets the
 * JSON-RPC error the specification names, and a valid request sent after it still gets its answer.
 */
class McpHostileInputTest {
  final EchoCatalog catalog = new EchoCatalog();
  final Lines out = new Lines();
  final PipedOutputStream client = new PipedOutputStream();
  CompletableFuture<Void> serving;
  int nextId = 100;

  void start(String protocolVersion) throws Exception {
    PipedInputStream in = new PipedInputStream(client, 64 * 1024);
    serving = CompletableFuture.runAsync(() -> ActionlayerMcpServer.serve(catalog, in, out));
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
        + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
    assertThat(Json.object(out.next(), "result")).containsEntry("protocolVersion", protocolVersion);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  void start() throws Exception {
    start("2025-06-18");
  }

  void send(String line) throws IOException {
    client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    client.flush();
  }

  @AfterEach
  void closeInput() throws IOException {
    client.close();
  }

  /** The error a hostile line got: its code, its id (a double, as Moshi reads numbers, or null). */
  static Map<String, Object> error(Map<String, Object> response, Object id) {
    assertThat(response).as("a response").containsEntry("jsonrpc", "2.0").containsEntry("id", id)
        .doesNotContainKey("result");
    Map<String, Object> error = Json.object(response, "error");
    assertThat(error).as("an error in " + response).isNotNull();
    String message = (String) error.get("message");
    // Plain messages: no library's class names, no stack traces.
    assertThat(message).isNotBlank().doesNotContain("jackson").doesNotContain("modelcontextprotocol")
        .doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
    return error;
  }

  /** A call sent after the hostile line still reaches the catalog and comes back. */
  void stillServes() throws Exception {
    int id = nextId++;
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"ok" + id % 10 + "\"}}}");
    Map<String, Object> response = out.next();
    assertThat(response).containsEntry("id", (double) id);
    assertThat(Json.object(response, "result")).containsEntry("isError", false)
        .containsEntry("content", List.of(Map.of("type", "text", "text", "{\"text\":\"ok" + id % 10 + "\"}")));
    assertThat(serving).isNotDone();
  }

  /** An object nesting {@code levels} levels of objects, itself being the first. */
  static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  @Test
  void aLineThatIsNotJsonGetsAParseErrorWithANullId() throws Exception {
    start();
    send("this is not json");
    assertThat(error(out.next(), null)).containsEntry("code", -32700.0);
    stillServes();
    send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"} trailing");
    assertThat(error(out.next(), null)).containsEntry("code", -32700.0);
    send("{\"jsonrpc\":\"2.0\",\"id\":7,");
    assertThat(error(out.next(), null)).containsEntry("code", -32700.0);
    stillServes();
  }

  @Test
  void invalidUtf8IsAParseError() throws Exception {
    start();
    client.write(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"', '\n'});
    client.flush();
    assertThat(error(out.next(), null)).containsEntry("code", -32700.0);
    stillServes();
  }

  @Test
  void jsonThatIsNotAJsonRpcMessageIsAnInvalidRequest() throws Exception {
    start();
    for (String line : List.of("{\"hello\":\"world\"}", "42", "\"text\"", "null", "true")) {
      send(line);
      assertThat(error(out.next(), null)).as(line).containsEntry("code", -32600.0);
      stillServes();
    }
  }

  @Test
  void anIdThatIsNotAStringOrAnIntegerIsAnInvalidRequestAnsweredWithANullId() throws Exception {
    start();
    for (String id : List.of("{\"a\":1}", "[1]", "true", "null", "1.5", "12345678901234567890123")) {
      send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
      Map<String, Object> e = error(out.next(), null);
      assertThat(e).as(id).containsEntry("code", -32600.0);
      assertThat((String) e.get("message")).contains("id");
      stillServes();
    }
  }

  @Test
  void aRequestWithoutJsonrpc20OrWithANonStringMethodIsAnInvalidRequestWithItsId() throws Exception {
    start();
    send("{\"id\":5,\"method\":\"tools/list\"}");
    assertThat(error(out.next(), 5.0)).containsEntry("code", -32600.0);
    send("{\"jsonrpc\":\"1.0\",\"id\":\"x\",\"method\":\"tools/list\"}");
    assertThat(error(out.next(), "x")).containsEntry("code", -32600.0);
    send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":17}");
    assertThat(error(out.next(), 6.0)).containsEntry("code", -32600.0);
    send("{\"jsonrpc\":\"2.0\",\"id\":8}");
    assertThat(error(out.next(), 8.0)).containsEntry("code", -32600.0);
    stillServes();
  }

  @Test
  void blankLinesAreSkipped() throws Exception {
    start();
    send("");
    send("   \r");
    stillServes();
  }

  @Test
  void aBatchAfterNegotiating20250326IsAnsweredWithABatch() throws Exception {
    start("2025-03-26");
    send("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"one\"}}},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"zz\"}},"
        + "{\"hello\":\"world\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_put\"}}]");
    String line = out.lines.poll(20, TimeUnit.SECONDS);
    assertThat(line).as("one line answering the batch").isNotNull().startsWith("[");
    List<?> replies = Json.arrayOrNull(line);
    assertThat(replies).as(line).hasSize(4);
    @SuppressWarnings("unchecked")
    Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
    for (Object reply : replies) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) reply;
      byId.put(r.get("id"), r);
    }
    assertThat(byId).containsOnlyKeys("a", 2.0, 3.0, null);
    assertThat(Json.object(byId.get("a"), "result")).containsEntry("isError", false)
        .containsEntry("content", List.of(Map.of("type", "text", "text", "{\"text\":\"one\"}")));
    assertThat(Json.array(Json.object(byId.get(2.0), "result"), "tools")).hasSize(1);
    assertThat(error(byId.get(3.0), 3.0)).containsEntry("code", -32602.0);
    assertThat(error(byId.get(null), null)).containsEntry("code", -32600.0);
    assertThat(catalog.received).containsExactly("{\"text\":\"one\"}");
    stillServes();

    // Notifications only: nothing to answer, and nothing is written.
    send("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"zz\"}}]");
    stillServes();
    send("[]");
    assertThat(error(out.next(), null)).containsEntry("code", -32600.0);
    stillServes();
  }

  @Test
  void aBatchIsRefusedAsAWholeWhereTheNegotiatedVersionHasNoBatches() throws Exception {
    start("2025-06-18");
    send("[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}]");
    Map<String, Object> e = error(out.next(), null);
    assertThat(e).containsEntry("code", -32600.0);
    assertThat((String) e.get("message")).contains("2025-06-18");
    stillServes();
  }

  @Test
  void argumentsNestedTooDeepAreInvalidParamsThatSaySo_notANonObject() throws Exception {
    start();
    for (int levels : List.of(63, 300, 497, 500, 5_000, 20_000)) {
      int id = nextId++;
      send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
          + "\"arguments\":" + nested(levels) + "}}");
      Map<String, Object> e = error(out.next(), (double) id);
      assertThat(e).as("%d levels", levels).containsEntry("code", -32602.0);
      assertThat((String) e.get("message")).contains("arguments are nested too deep")
          .contains("limit " + ActionlayerMcpServer.MAX_NESTING_DEPTH);
      stillServes();
    }
    assertThat(catalog.received).allSatisfy(a -> assertThat(a).startsWith("{\"text\":\"ok"));
  }

  @Test
  void argumentsNestedWithinTheLimitReachTheCatalog() throws Exception {
    start();
    // The message object, params and arguments are three of the levels.
    String arguments = nested(ActionlayerMcpServer.MAX_NESTING_DEPTH - 2);
    send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":" + arguments + "}}");
    Map<String, Object> response = out.next();
    assertThat(Json.object(response, "result")).containsEntry("isError", true);
    assertThat(catalog.received).containsExactly(arguments);
  }

  @Test
  void aLineOverTheCapIsRefusedUnreadAndTheNextRequestIsServed() throws Exception {
    start();
    String big = "x".repeat(21 * 1024 * 1024);
    send("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"" + big + "\"}}}");
    Map<String, Object> e = error(out.next(), 77.0);
    assertThat(e).containsEntry("code", -32600.0);
    assertThat((String) e.get("message")).contains(String.valueOf(ActionlayerMcpServer.MAX_LINE_BYTES));
    assertThat(catalog.received).isEmpty();
    stillServes();

    // A line over the cap whose id comes after the large part is still refused, with a null id.
    send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"text\":\"" + big + "\"},\"id\":78}");
    assertThat(error(out.next(), null)).containsEntry("code", -32600.0);
    stillServes();
  }

  @Test
  void argumentsThatAreNotAnObjectAreInvalidParamsWithAPlainMessage() throws Exception {
    start();
    for (String arguments : List.of("[\"hi\"]", "\"hi\"", "5")) {
      send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
          + "\"arguments\":" + arguments + "}}");
      Map<String, Object> e = error(out.next(), 4.0);
      assertThat(e).as(arguments).containsEntry("code", -32602.0);
      assertThat((String) e.get("message")).contains("arguments").contains("object");
      stillServes();
    }
    assertThat(catalog.received).allSatisfy(a -> assertThat(a).startsWith("{\"text\":\"ok"));
  }

  @Test
  void paramsOfAToolCallThatAreNotAnObjectOrLackANameAreInvalidParams() throws Exception {
    start();
    for (String params : List.of("[\"notes_get\"]", "{}", "{\"name\":5}")) {
      send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":" + params + "}");
      assertThat(error(out.next(), 4.0)).as(params).containsEntry("code", -32602.0);
      stillServes();
    }
    send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\"}");
    assertThat(error(out.next(), 4.0)).containsEntry("code", -32602.0);
    stillServes();
  }

  @Test
  void anUnknownToolIsNamedInTheError() throws Exception {
    start();
    send("{\"jsonrpc\":\"2.0\",\"id\":\"u\",\"method\":\"tools/call\",\"params\":{\"name\":\"notes_frobnicate\","
        + "\"arguments\":{}}}");
    Map<String, Object> e = error(out.next(), "u");
    assertThat(e).containsEntry("code", -32602.0);
    assertThat((String) e.get("message")).contains("notes_frobnicate").doesNotContain("invalid_tool_name")
        .contains("tools/list");
    stillServes();
  }

  @Test
  void requestsReadBeforeTheInputEndsAreStillAnswered() throws Exception {
    start();
    send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"last\"}}}");
    client.close();
    Map<String, Object> response = out.next();
    assertThat(response).containsEntry("id", 3.0);
    assertThat(Json.object(response, "result")).containsEntry("isError", false);
    serving.get(20, TimeUnit.SECONDS);
  }

  @Test
  void anInputThatFailsEndsServingWithAnUncheckedIOException() {
    byte[] init = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n")
        .getBytes(StandardCharsets.UTF_8);
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("stdin is gone");
      }
    };
    InputStream in = new SequenceInputStream(new java.io.ByteArrayInputStream(init), failing);
    assertThatThrownBy(() -> ActionlayerMcpServer.serve(catalog, in, out))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("stdin is gone");
  }

  @Test
  void anOutputThatFailsEndsServingWithAnUncheckedIOException_evenAPrintStreamThatHidesIt() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("stdout is gone");
      }
    };
    for (OutputStream output : List.of(broken, new PrintStream(broken, true, StandardCharsets.UTF_8))) {
      InputStream in = new java.io.ByteArrayInputStream("not json\n".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> ActionlayerMcpServer.serve(catalog, in, output))
          .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("writing to the client failed");
    }
  }

  @Test
  void aBatchBeforeInitializationIsRefusedAsAWhole() throws Exception {
    PipedInputStream in = new PipedInputStream(client, 64 * 1024);
    serving = CompletableFuture.runAsync(() -> ActionlayerMcpServer.serve(catalog, in, out));
    send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}]");
    Map<String, Object> e = error(out.next(), null);
    assertThat(e).containsEntry("code", -32600.0);
    assertThat((String) e.get("message")).contains("initialization");
    assertThat(serving).isNotDone();
  }

  @Test
  void aMetaThatIsNotAnObjectIsInvalidParams() throws Exception {
    start();
    send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_get\","
        + "\"arguments\":{\"text\":\"hi\"},\"_meta\":\"x\"}}");
    assertThat(error(out.next(), 4.0)).containsEntry("code", -32602.0);
    stillServes();
  }

  @Test
  void aFailureInsideTheSdkIsAnsweredWithAPlainMessage() throws Exception {
    start();
    // The SDK cannot read a level that is an object; it would answer with Jackson's message.
    send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"logging/setLevel\",\"params\":{\"level\":{\"a\":1}}}");
    assertThat(error(out.next(), 4.0)).containsEntry("code", -32603.0);
    stillServes();
  }
}
