package dev.actionlayer.broker;

import dev.actionlayer.ActionLayer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action broker: an {@link ActionLayer}'s tool catalog served to many agents over MCP's
 * Streamable HTTP transport at {@code /mcp}, on an embedded Jetty. Agents hold only a broker key;
 * the vendor credentials stay in the layer, in this process.
 *
 * <ul>
 *   <li>{@code /mcp} — MCP (official MCP Java SDK). Each principal has its own MCP server, created
 *       on its first request, serving {@code layer.forPrincipal(name).tools()}: its calls carry its
 *       name into audit events, policy decisions and sagas, and its {@code tools/list} is what its
 *       policy allows.
 *   <li>{@code /approvals} — pending approvals, and deciding them, for approvers (see
 *       {@link BrokerApprovals}).
 *   <li>{@code /metrics} — the {@linkplain Builder#metrics metrics registry} in Prometheus's text
 *       format, for any principal's key (give the scraper a principal of its own); absent
 *       ({@code 404}) when the broker has no registry.
 *   <li>{@code /healthz} — 200 while the process serves; {@code /readyz} — 200 when the principals
 *       file, the approvals store and every {@linkplain Builder#readinessCheck added check} answer,
 *       503 naming the failing check otherwise. Neither needs a key.
 * </ul>
 *
 * <p>Every request first passes the {@code Origin} check: one carrying an {@code Origin} header that
 * is not among the {@linkplain Builder#allowedOrigins allowed origins} gets {@code 403} (the
 * defence the MCP specification requires against DNS rebinding). The default list is empty:
 * browsers are refused, while agents, which send no {@code Origin}, pass. Then {@code /mcp} and
 * {@code /approvals} need {@code Authorization: Bearer <key>} naming a principal of the
 * principals file ({@link BrokerKeys}); without one: {@code 401} with
 * {@code WWW-Authenticate: Bearer realm="actionlayer"}, before any MCP processing.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder(layer).principals(Path.of("principals.properties")).build().start()) {
 *   System.out.println("listening on " + broker.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the server (letting requests in flight finish, up to a few
 * seconds) and the MCP sessions; it does not close the layer, which the caller built and owns.
 */
public final class Broker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Broker.class);
  /** The MCP endpoint's path. */
  public static final String MCP_PATH = "/mcp";
  /** How long {@link #close()} lets requests in flight finish. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final ActionLayer layer;
  private final Path principalsFile;
  private final String host;
  private final int requestedPort;
  private final Set<String> allowedOrigins;
  private final Duration approvalTimeout;
  private final Map<String, BooleanSupplier> readinessChecks;
  private final McpJsonMapper json = McpJsonDefaults.getMapper();
  private final BrokerApprovals approvals;
  /** Served at /metrics; null when the broker has none. */
  private final PrometheusMeterRegistry metrics;
  private Server server;
  private Gate gate;
  private McpEndpoints endpoints;
  private volatile int port = -1;

  private Broker(Builder b) {
    this.layer = b.layer;
    this.principalsFile = b.principals;
    this.host = b.host;
    this.requestedPort = b.port;
    this.allowedOrigins = Set.copyOf(b.allowedOrigins);
    this.approvalTimeout = b.approvalTimeout;
    this.readinessChecks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.readiness));
    this.approvals = b.approvals == null ? BrokerApprovals.builder().build() : b.approvals;
    this.metrics = b.metrics;
  }

  /** A builder serving {@code layer} (already built, with its policy, approver and journal). */
  public static Builder builder(ActionLayer layer) {
    return new Builder(layer);
  }

  /**
   * Binds and starts serving. Returns this broker.
   *
   * @throws IllegalArgumentException when the principals file cannot be read or is invalid
   * @throws IllegalStateException when already started, or the address cannot be bound
   */
  public synchronized Broker start() {
    if (server != null) throw new IllegalStateException("already started");
    McpEndpoints mcp = new McpEndpoints(layer, json, approvalTimeout);
    Principals principals = new Principals(principalsFile, System::nanoTime, mcp::retainOnly);
    endpoints = mcp;
    ApprovalsEndpoint admin = new ApprovalsEndpoint(approvals);
    Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
    readiness.put("approvals", approvals.store()::ready);
    readiness.putAll(readinessChecks);
    gate = new Gate(allowedOrigins, principals, endpoints, admin, readiness, json,
        metrics == null ? null : metrics::scrape);
    admin.gate(gate);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("broker");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(requestedPort);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder("gate", gate);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/*");
    jetty.setHandler(context);
    // close() drains the requests itself (Gate.drain) before it stops Jetty, which then need not wait.
    jetty.setStopTimeout(0);
    jetty.setStopAtShutdown(false);
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // the start failure is what matters
      }
      endpoints.close();
      throw new IllegalStateException("cannot serve on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
    }
    server = jetty;
    port = connector.getLocalPort();
    log.info("broker listening on {}", uri());
    return this;
  }

  /** The port it listens on (the one chosen when built with port 0). */
  public int port() {
    if (port < 0) throw new IllegalStateException("not started");
    return port;
  }

  /** The principals that have an MCP server now (for tests). */
  synchronized java.util.Set<String> activePrincipals() {
    return endpoints == null ? java.util.Set.of() : endpoints.principals();
  }

  /** The MCP endpoint's URL, {@code http://<host>:<port>/mcp}. */
  public URI uri() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port() + MCP_PATH);
  }

  /**
   * Stops serving: new requests get {@code 503}, those in flight (tool calls) get up to 5 seconds
   * to finish, then the MCP sessions are closed (ending their event streams) and the server stops.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (server == null) return;
    if (!gate.drain(STOP_TIMEOUT)) log.warn("stopping with requests still in flight after {}", STOP_TIMEOUT);
    // Then the sessions, which ends their event streams (they would hold Jetty's stop), then Jetty.
    endpoints.close();
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the broker's server failed", e);
    } finally {
      server = null;
    }
  }

  /**
   * Configures a {@link Broker}. Each setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private static final Pattern ORIGIN = Pattern.compile("(?i)https?://[a-z0-9.\\-\\[\\]:]+(:\\d{1,5})?");
    private final ActionLayer layer;
    private Path principals;
    private String host = "127.0.0.1";
    private int port = 0;
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private Duration approvalTimeout = Duration.ofMinutes(5);
    private BrokerApprovals approvals;
    private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
    private PrometheusMeterRegistry metrics;

    private Builder(ActionLayer layer) {
      this.layer = Objects.requireNonNull(layer, "layer == null");
    }

    /** The principals file (required): {@code <principal>.key=sha256:<64 hex>} lines; see {@link BrokerKeys}. */
    public Builder principals(Path file) {
      this.principals = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1} (this machine only). */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host == null");
      if (host.isBlank()) throw new IllegalArgumentException("host is blank");
      this.host = host;
      return this;
    }

    /** The port, 0..65535; 0 (the default) takes a free one, which {@link Broker#port()} tells. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535: " + port);
      this.port = port;
      return this;
    }

    /**
     * The browser origins allowed to call the broker, each {@code scheme://host[:port]} (e.g.
     * {@code http://localhost:6274} for a local inspector). Default none: any request with an
     * {@code Origin} header is refused; requests without one (agents, CLIs) are not affected.
     * Compared case-insensitively and exactly: no wildcards. This only lifts the refusal: the
     * broker sends no CORS headers, so a page needs a host (or proxy) that does not enforce CORS.
     */
    public Builder allowedOrigins(Collection<String> origins) {
      Objects.requireNonNull(origins, "origins == null");
      Set<String> checked = new LinkedHashSet<>();
      for (String o : origins) {
        Objects.requireNonNull(o, "an origin is null");
        if (!ORIGIN.matcher(o).matches()) {
          throw new IllegalArgumentException("allowed origin must be scheme://host[:port] with http or https,"
              + " no path or trailing slash: " + Gate.printable(o));
        }
        checked.add(o.toLowerCase(Locale.ROOT));
      }
      allowedOrigins.clear();
      allowedOrigins.addAll(checked);
      return this;
    }

    /**
     * How long a person has to answer an approval asked through the MCP client (elicitation)
     * before the call is denied; default 5 minutes. Also bounds any other request the broker sends
     * a client. Approvals through {@code /approvals} have their own lifetime
     * ({@link BrokerApprovals.Builder#ttl}).
     */
    public Builder approvalTimeout(Duration timeout) {
      this.approvalTimeout = positive(timeout, "approvalTimeout");
      return this;
    }

    /**
     * The approvals of this broker: the same {@link BrokerApprovals} given to the layer as its
     * approver, so that approvers can list and decide at {@code /approvals} what the layer's calls
     * asked. Default: a fresh in-memory one (nothing to decide unless the layer uses it).
     */
    public Builder approvals(BrokerApprovals approvals) {
      this.approvals = Objects.requireNonNull(approvals, "approvals == null");
      return this;
    }

    /**
     * A check {@code /readyz} runs (the saga journal, the shared state…): the broker is ready
     * only while every check returns true. The name appears in {@code /readyz}'s answer.
     */
    public Builder readinessCheck(String name, BooleanSupplier check) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(check, "check == null");
      if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException("readiness check name must be 1..32 lowercase letters, digits or -");
      }
      readiness.put(name, check);
      return this;
    }

    /**
     * Serves {@code registry} at {@code /metrics} in Prometheus's text format. Give the same
     * registry to the layer ({@code ActionLayer.Builder#meterRegistry}) so that its calls, retries,
     * breakers, sagas, policy denials and approvals show there. Scraping needs a principal's key,
     * like everything but {@code /healthz} and {@code /readyz}. Default: none ({@code /metrics} is
     * {@code 404}).
     */
    public Builder metrics(PrometheusMeterRegistry registry) {
      this.metrics = Objects.requireNonNull(registry, "registry == null");
      return this;
    }

    /** @throws IllegalStateException when no principals file was given */
    public Broker build() {
      if (principals == null) throw new IllegalStateException("principals file not set: principals(Path)");
      return new Broker(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
      return d;
    }
  }
}
