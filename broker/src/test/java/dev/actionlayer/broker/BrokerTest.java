package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.spi.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker over HTTP: the MCP SDK's own client lists and calls tools through it; raw requests
 * check what happens before any MCP processing (origin, key) and the health endpoints.
 */
class BrokerTest {
  @TempDir
  Path dir;
  BrokerFixture f;

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void theSdkClientListsTheCatalogAndCallsATool_asThePrincipalOfItsKey() {
    f = new BrokerFixture(dir);
    try (McpSyncClient client = f.client(f.agentKey)) {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("actionlayer");
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools).contains("tasks_create", "tasks_get", "tasks_delete", "contacts_create");

      CallToolResult created = client.callTool(new McpSchema.CallToolRequest("tasks_create",
          Map.of("connection", "jira", "project", "PROJ", "title", "Fix login")));
      assertThat(created.isError()).as(text(created)).isFalse();
      assertThat(Json.objectOrNull(text(created))).containsKey("id");
      assertThat(f.jira.issues()).singleElement().extracting(i -> i.summary()).isEqualTo("Fix login");
      assertThat(f.audit).anySatisfy(e -> {
        assertThat(e.operation()).isEqualTo("tasks.create");
        assertThat(e.principal()).isEqualTo("triage-bot");
      });
    }
  }

  @Test
  void aFailedCallIsAnErrorResultTheModelCanActOn() {
    f = new BrokerFixture(dir);
    try (McpSyncClient client = f.client(f.agentKey)) {
      client.initialize();
      CallToolResult result = client.callTool(new McpSchema.CallToolRequest("tasks_create",
          Map.of("connection", "jira", "project", "NOPE", "title", "x")));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("\"code\":");
    }
  }

  @Test
  void noKey_is401WithWwwAuthenticate_beforeAnyMcpProcessing() {
    f = new BrokerFixture(dir);
    HttpResponse<String> r = f.send(f.initialize());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"actionlayer\"");
    assertThat(r.headers().firstValue("mcp-session-id")).isEmpty();
    assertThat(Json.object(Json.objectOrNull(r.body()), "error")).containsKey("message");
  }

  @Test
  void anUnknownKeyOrAnotherSchemeIs401() {
    f = new BrokerFixture(dir);
    assertThat(f.send(f.initialize().header("Authorization", "Bearer " + BrokerKeys.generate())).statusCode())
        .isEqualTo(401);
    assertThat(f.send(f.initialize().header("Authorization", "Basic " + f.agentKey)).statusCode()).isEqualTo(401);
    assertThat(f.send(f.initialize().header("Authorization", "Bearer ")).statusCode()).isEqualTo(401);
    assertThat(f.send(f.initialize().header("Authorization", "Bearer " + f.agentKey)).statusCode()).isEqualTo(200);
  }

  /**
   * A refusal written before the body was read used to leave that body unread, and Jetty then closed
   * the connection without saying so: a client reusing it (the JDK's HttpClient does) got no response
   * to its next request. Here the body arrives after the headers, as it did in that race.
   */
  @Test
  void aRefusedRequestsBodyIsReadSoTheConnectionServesTheNextRequest() throws Exception {
    f = new BrokerFixture(dir);
    byte[] body = BrokerFixture.INITIALIZE.getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), f.broker.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      out.write(postHeaders("Bearer " + BrokerKeys.generate(), body.length));
      out.flush();
      Thread.sleep(100);
      out.write(body);
      out.flush();
      Map<String, String> refused = readHead(in);
      assertThat(refused).containsEntry(":status", "401").doesNotContainEntry("connection", "close");
      in.readNBytes(Integer.parseInt(refused.get("content-length")));

      out.write(postHeaders("Bearer " + f.agentKey, body.length));
      out.write(body);
      out.flush();
      assertThat(readHead(in)).containsEntry(":status", "200");
    }
  }

  @Test
  void aRefusedRequestWithABodyTooLargeToDropIsToldTheConnectionCloses() throws Exception {
    f = new BrokerFixture(dir);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), f.broker.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(postHeaders("Bearer " + BrokerKeys.generate(), Gate.DISCARDABLE + 1));
      socket.getOutputStream().flush();
      // Nothing of the body is sent: the broker answers without waiting for it.
      Map<String, String> refused = readHead(new BufferedInputStream(socket.getInputStream()));
      assertThat(refused).containsEntry(":status", "401").containsEntry("connection", "close");
    }
  }

  private static byte[] postHeaders(String authorization, int length) {
    return ("POST " + Broker.MCP_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nAuthorization: " + authorization + "\r\n"
        + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** A response's status (as {@code :status}) and headers, names lower-cased; the body is left unread. */
  private static Map<String, String> readHead(InputStream in) throws IOException {
    Map<String, String> head = new java.util.HashMap<>();
    String status = line(in);
    assertThat(status).as("status line").startsWith("HTTP/1.1 ");
    head.put(":status", status.substring(9, 12));
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      head.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
    }
    return head;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new EOFException("the broker closed the connection; read so far: " + b);
      if (c != '\r') b.append((char) c);
    }
    return b.toString();
  }

  @Test
  void aForeignOrigin_is403BeforeTheKeyIsEvenLookedAt() {
    f = new BrokerFixture(dir);
    HttpResponse<String> r = f.send(f.initialize().header("Origin", "http://evil.example")
        .header("Authorization", "Bearer " + f.agentKey));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"jsonrpc\":\"2.0\"").contains("evil.example");
    assertThat(f.send(f.initialize().header("Origin", "http://evil.example")).statusCode()).isEqualTo(403);
    // Loopback pages are browsers too: refused unless listed.
    assertThat(f.send(f.initialize().header("Origin", "http://localhost:6274")
        .header("Authorization", "Bearer " + f.agentKey)).statusCode()).isEqualTo(403);
  }

  @Test
  void anAllowedOriginPasses_caseInsensitively() {
    f = new BrokerFixture(dir, UnaryOperator.identity(),
        b -> b.allowedOrigins(List.of("http://localhost:6274")));
    assertThat(f.send(f.initialize().header("Origin", "http://LOCALHOST:6274")
        .header("Authorization", "Bearer " + f.agentKey)).statusCode()).isEqualTo(200);
    assertThat(f.send(f.initialize().header("Origin", "http://localhost:6275")
        .header("Authorization", "Bearer " + f.agentKey)).statusCode()).isEqualTo(403);
  }

  @Test
  void healthzAndReadyzNeedNoKey_andReadyzNamesAFailingCheck() {
    boolean[] journal = {true};
    f = new BrokerFixture(dir, UnaryOperator.identity(), b -> b.readinessCheck("journal", () -> journal[0]));
    HttpResponse<String> health = f.send(f.request("/healthz"));
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> ready = f.send(f.request("/readyz"));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"journal\":\"ok\"").contains("\"approvals\":\"ok\"");
    journal[0] = false;
    HttpResponse<String> notReady = f.send(f.request("/readyz"));
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("\"journal\":\"failing\"");
  }

  @Test
  void aKeyRemovedFromThePrincipalsFileIsRefusedWithoutARestart() throws Exception {
    f = new BrokerFixture(dir);
    assertThat(f.send(f.initialize().header("Authorization", "Bearer " + f.agentKey)).statusCode()).isEqualTo(200);
    f.writePrincipals("alice.key=" + BrokerKeys.hash(f.approverKey) + "\nalice.role=approver\n");
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = f.send(f.initialize().header("Authorization", "Bearer " + f.agentKey)).statusCode();
    }
    assertThat(status).isEqualTo(401);
    assertThat(f.broker.activePrincipals()).as("its MCP sessions are closed").doesNotContain("triage-bot");
    assertThat(f.send(f.initialize().header("Authorization", "Bearer " + f.approverKey)).statusCode()).isEqualTo(200);
  }

  @Test
  void aSessionOfOnePrincipalIsUnknownToAnother() {
    f = new BrokerFixture(dir);
    HttpResponse<String> init = f.send(f.initialize().header("Authorization", "Bearer " + f.agentKey));
    String session = init.headers().firstValue("mcp-session-id").orElseThrow();
    HttpResponse<String> other = f.send(f.request(Broker.MCP_PATH)
        .header("Authorization", "Bearer " + f.approverKey)
        .header("mcp-session-id", session)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")));
    assertThat(other.statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownPathIs404_andABadPrincipalsFileStopsTheStart() {
    f = new BrokerFixture(dir);
    assertThat(f.send(f.request("/admin").header("Authorization", "Bearer " + f.agentKey)).statusCode())
        .isEqualTo(404);
    Path bad = dir.resolve("bad.properties");
    String pasted = BrokerKeys.generate();
    try {
      java.nio.file.Files.writeString(bad, "bot.key=" + pasted + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThatThrownBy(() -> Broker.builder(f.layer).principals(bad).build().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1: bot.key: must be sha256:")
        .hasMessageNotContaining(pasted);
  }

  @Test
  void closeLetsAToolCallInFlightFinish_thenRefusesConnections() throws Exception {
    f = new BrokerFixture(dir);
    f.stripe.processingDelay(java.time.Duration.ofMillis(800));
    try (McpSyncClient client = f.client(f.agentKey)) {
      client.initialize();
      java.util.concurrent.CompletableFuture<CallToolResult> call = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> client.callTool(new McpSchema.CallToolRequest("contacts_create",
              Map.of("connection", "stripe", "firstName", "Ada", "lastName", "L", "email", "ada@example.com"))));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (f.stripe.requestCount() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
      f.broker.close();
      CallToolResult result = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(result.isError()).as(text(result)).isFalse();
      assertThat(f.stripe.customers()).hasSize(1);
    }
    assertThatThrownBy(() -> f.http.send(f.request("/healthz").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
  }}
