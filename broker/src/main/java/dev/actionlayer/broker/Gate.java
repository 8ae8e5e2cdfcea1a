package dev.actionlayer.broker;

import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet in front of everything, in this order: the {@code Origin} check (a browser
 * page from an origin not allowed gets {@code 403}, before anything else: the MCP specification's
 * defence against DNS rebinding); {@code /healthz} and {@code /readyz} (no key needed, nothing
 * secret said); then the key ({@code Authorization: Bearer}; missing or unknown → {@code 401} with
 * {@code WWW-Authenticate}, before any MCP processing) and the principal's MCP endpoint at
 * {@code /mcp}, or the approvals at {@code /approvals} for an approver.
 */
final class Gate extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(Gate.class);
  static final String REALM = "Bearer realm=\"actionlayer\"";
  /** The largest unread request body the broker reads and drops to keep a connection open. */
  static final int DISCARDABLE = 64 * 1024;

  private final transient Set<String> allowedOrigins;
  private final transient Principals principals;
  private final transient McpEndpoints endpoints;
  private final transient ApprovalsEndpoint approvals;
  private final transient Map<String, BooleanSupplier> readiness;
  private final transient McpJsonMapper json;
  /** The Prometheus text of the metrics registry, or null when there is none. */
  private final transient java.util.function.Supplier<String> metrics;
  private transient volatile boolean closing;
  /** Requests being served other than a GET's event stream, which lasts as long as its session. */
  private final transient java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  Gate(Set<String> allowedOrigins, Principals principals, McpEndpoints endpoints, ApprovalsEndpoint approvals,
      Map<String, BooleanSupplier> readiness, McpJsonMapper json, java.util.function.Supplier<String> metrics) {
    this.metrics = metrics;
    this.allowedOrigins = allowedOrigins;
    this.principals = principals;
    this.endpoints = endpoints;
    this.approvals = approvals;
    this.readiness = readiness;
    this.json = json;
  }

  @Override
  public void init() {
    endpoints.init(getServletConfig());
  }

  /**
   * Refuses new requests from now on and waits, at most {@code max}, for those being served (tool
   * calls included) to finish. Returns whether they all did.
   */
  boolean drain(java.time.Duration max) {
    closing = true;
    long deadline = System.nanoTime() + max.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline > 0) return false;
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      route(request, response);
    } catch (RuntimeException | ServletException e) {
      // Jetty's error page would quote the exception's message; the client gets a plain one.
      log.error("failed on {} {}", request.getMethod(), request.getRequestURI(), e);
      if (!response.isCommitted()) {
        response.reset();
        error(request, response, 500, -32603, "Internal error: the broker failed on this request; its log says why");
      }
    }
  }

  private void route(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
      error(request, response, 403, -32600, "Forbidden: requests from origin " + printable(origin)
          + " are not allowed (the broker's allowed origins do not list it)");
      return;
    }
    String path = request.getRequestURI();
    if (path.equals("/healthz")) {
      write(request, response, 200, Map.of("status", "alive"));
      return;
    }
    if (path.equals("/readyz")) {
      ready(request, response);
      return;
    }
    boolean mcp = path.equals(Broker.MCP_PATH);
    boolean admin = path.equals(ApprovalsEndpoint.PATH) || path.startsWith(ApprovalsEndpoint.PATH + "/");
    boolean scrape = path.equals("/metrics") && metrics != null;
    if (!mcp && !admin && !scrape) {
      error(request, response, 404, -32601, "Not found: the broker serves /mcp, /approvals, "
          + (metrics == null ? "" : "/metrics, ") + "/healthz and /readyz");
      return;
    }
    Optional<Principal> principal = bearer(request).flatMap(principals::authenticate);
    if (principal.isEmpty()) {
      response.setHeader("WWW-Authenticate", REALM);
      error(request, response, 401, -32001, "Unauthorized: send Authorization: Bearer <broker key>");
      return;
    }
    if (closing) {
      error(request, response, 503, -32603, "The broker is shutting down");
      return;
    }
    if (scrape) {
      scrape(request, response);
      return;
    }
    boolean stream = request.getMethod().equals("GET");
    if (!stream) inFlight.incrementAndGet();
    try {
      if (mcp) {
        endpoints.of(principal.get()).servlet().service(request, response);
      } else {
        approvals.service(principal.get(), request, response);
      }
    } finally {
      if (!stream) inFlight.decrementAndGet();
    }
  }

  /** {@code GET /metrics}: the registry in Prometheus's text format (version 0.0.4). */
  private void scrape(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!request.getMethod().equals("GET")) {
      error(request, response, 405, -32601, "Method not allowed: GET /metrics");
      return;
    }
    byte[] bytes = metrics.get().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private void ready(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("broker", closing ? "closing" : "ok");
    checks.put("principals", principals.healthy() ? "ok" : "failing");
    readiness.forEach((name, check) -> {
      boolean ok;
      try {
        ok = check.getAsBoolean();
      } catch (RuntimeException e) {
        log.warn("readiness check {} failed", name, e);
        ok = false;
      }
      checks.put(name, ok ? "ok" : "failing");
    });
    boolean ready = checks.values().stream().allMatch("ok"::equals);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ready" : "unavailable");
    body.put("checks", checks);
    write(request, response, ready ? 200 : 503, body);
  }

  /** The key of an {@code Authorization: Bearer <key>} header, if the request has one. */
  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = header.substring(7).strip();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  /** A JSON-RPC-shaped error body (id null: no message was read), with the HTTP status. */
  void error(HttpServletRequest request, HttpServletResponse response, int status, int code, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", null);
    body.put("error", Map.of("code", code, "message", message));
    write(request, response, status, body);
  }

  /** Answers {@code request} with {@code body} as JSON, settling first whatever of its body nobody read. */
  void write(HttpServletRequest request, HttpServletResponse response, int status, Object body) throws IOException {
    settleBody(request, response);
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * Answering without reading the request's body (a refusal, a 404) would make Jetty close the
   * connection after the response without saying so, and a client that reuses the connection for its
   * next request, as the JDK's HttpClient does, would get no response at all. So a body of at most
   * {@value #DISCARDABLE} bytes is read and dropped, and the connection stays usable; a larger one, or
   * one of unknown length, is left unread and the response says {@code Connection: close}.
   */
  static void settleBody(HttpServletRequest request, HttpServletResponse response) {
    long length = request.getContentLengthLong();
    if (length <= 0 && request.getHeader("Transfer-Encoding") == null) return;
    try {
      ServletInputStream in = request.getInputStream();
      if (in.isFinished()) return;
      if (length > 0 && length <= DISCARDABLE) {
        // Jetty ends the stream at the declared length, so this reads at most DISCARDABLE bytes.
        in.transferTo(OutputStream.nullOutputStream());
        return;
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the body was taken as a reader: the connection cannot be reused.
    }
    response.setHeader("Connection", "close");
  }

  /** An origin as it may be echoed: at most 100 printable ASCII characters, quoted. */
  static String printable(String origin) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < origin.length() && i < 100; i++) {
      char c = origin.charAt(i);
      b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
    }
    return b.append(origin.length() > 100 ? "...\"" : "\"").toString();
  }
}
