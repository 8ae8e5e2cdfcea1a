package dev.actionlayer.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least an MCP client can be over Streamable HTTP, so that the broker benchmark measures the
 * broker and not a client library: {@code initialize} (keeping the {@code Mcp-Session-Id}), the
 * {@code notifications/initialized} notification, then {@code tools/call} requests, one at a
 * time, on the JDK's {@link HttpClient} (HTTP/1.1, one keep-alive connection). An answer may come
 * as {@code application/json} or as a {@code text/event-stream}; either way the JSON-RPC response
 * is returned as text. Not thread-safe: one client per caller thread. Used by {@link
 * BrokerCostHarness} and by the shared-limit load harness's agents ({@code load.SharedLimitLoad}).
 */
public final class StreamableHttpClient implements AutoCloseable {
  private static final String PROTOCOL_VERSION = "2025-06-18";
  private final HttpClient http;
  private final URI uri;
  private final String authorization;
  private final AtomicLong ids = new AtomicLong(1);
  private String session;
  private String lastContentType = "";

  private StreamableHttpClient(URI uri, String key) {
    // One client per caller: its own connection pool, so each caller keeps one connection alive.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.uri = uri;
    this.authorization = "Bearer " + key;
  }

  /** A client with an initialized session on {@code uri} (the broker's {@code /mcp}). */
  public static StreamableHttpClient connect(URI uri, String key) {
    StreamableHttpClient c = new StreamableHttpClient(uri, key);
    HttpResponse<String> init = c.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"broker-cost\",\"version\":\"1\"}}}");
    if (init.statusCode() != 200) throw new IllegalStateException("initialize: HTTP " + init.statusCode() + " " + init.body());
    c.session = init.headers().firstValue("mcp-session-id")
        .orElseThrow(() -> new IllegalStateException("initialize: no Mcp-Session-Id"));
    HttpResponse<String> ack = c.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    if (ack.statusCode() / 100 != 2) throw new IllegalStateException("initialized: HTTP " + ack.statusCode());
    return c;
  }

  /** Calls a tool; returns the JSON-RPC response (its {@code result} holds the tool result). */
  public String callTool(String name, String jsonArguments) {
    long id = ids.incrementAndGet();
    HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{"
        + "\"name\":\"" + name + "\",\"arguments\":" + jsonArguments + "}}");
    if (r.statusCode() != 200) throw new IllegalStateException("tools/call: HTTP " + r.statusCode() + " " + r.body());
    String body = r.body();
    String type = r.headers().firstValue("content-type").orElse("");
    lastContentType = type;
    if (type.startsWith("text/event-stream")) body = lastData(body);
    if (!body.contains("\"result\"")) throw new IllegalStateException("tools/call: no result: " + body);
    return body;
  }

  /** The {@code Content-Type} of the last {@code tools/call} answer. */
  public String lastContentType() {
    return lastContentType;
  }

  /** The data of the last event of an SSE body (the response; earlier events would be notifications). */
  private static String lastData(String sse) {
    String data = "";
    StringBuilder current = new StringBuilder();
    for (String line : sse.split("\r?\n", -1)) {
      if (line.startsWith("data:")) {
        if (current.length() > 0) current.append('\n');
        current.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
      } else if (line.isEmpty() && current.length() > 0) {
        data = current.toString();
        current.setLength(0);
      }
    }
    return current.length() > 0 ? current.toString() : data;
  }

  private HttpResponse<String> post(String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", authorization)
        .header("MCP-Protocol-Version", PROTOCOL_VERSION)
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (session != null) b.header("Mcp-Session-Id", session);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends the session ({@code DELETE}), best effort. */
  @Override
  public void close() {
    if (session == null) return;
    try {
      http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Authorization", authorization)
          .header("Mcp-Session-Id", session).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | RuntimeException e) {
      // the broker may already be closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
