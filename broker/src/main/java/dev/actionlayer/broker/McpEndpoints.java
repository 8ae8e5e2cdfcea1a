package dev.actionlayer.broker;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.mcp.McpTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server, with its own Streamable HTTP transport, per principal, created on the
 * principal's first request: its {@code tools/list} is the catalog of
 * {@code layer.forPrincipal(name)} (filtered by the layer's policy, when it has one), and its
 * sessions are its own — a session id obtained with one principal's key is unknown to another's.
 * Thread-safe.
 */
final class McpEndpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpEndpoints.class);
  /** A request body cap: the stdio server's line cap, for the same reasons. */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  /** A principal's server and the servlet its requests go to. */
  record Endpoint(HttpServletStreamableServerTransportProvider servlet, McpSyncServer server) {}

  private final ActionLayer layer;
  private final McpJsonMapper json;
  private final Duration elicitationTimeout;
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private volatile ServletConfig config;

  McpEndpoints(ActionLayer layer, McpJsonMapper json, Duration elicitationTimeout) {
    this.layer = layer;
    this.json = json;
    this.elicitationTimeout = elicitationTimeout;
  }

  void init(ServletConfig config) {
    this.config = config;
  }

  Endpoint of(Principal principal) {
    return endpoints.computeIfAbsent(principal.name(), name -> create(principal));
  }

  private Endpoint create(Principal principal) {
    HttpServletStreamableServerTransportProvider servlet = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(json)
        .mcpEndpoint(Broker.MCP_PATH)
        .maxRequestSize(MAX_REQUEST_BYTES)
        .build();
    try {
      if (config != null) servlet.init(config);
    } catch (ServletException e) {
      throw new IllegalStateException("the MCP transport refused its servlet configuration", e);
    }
    McpSyncServer server = McpServer.sync(servlet)
        .serverInfo("actionlayer", McpTools.version())
        .instructions(McpTools.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        // The catalog validates against the same schema and explains each bad field.
        .validateToolInputs(false)
        // How long a request to the client (an elicitation asking for approval) may wait.
        .requestTimeout(elicitationTimeout)
        .tools(McpTools.specifications(layer.forPrincipal(principal.name()).tools(), json,
            (exchange, call) -> CurrentCall.with(new CurrentCall.Call(principal, exchange), call)))
        .build();
    log.info("MCP endpoint created for principal {}", principal.name());
    return new Endpoint(servlet, server);
  }

  /**
   * Closes the servers (and so the sessions and event streams) of principals not in {@code names}:
   * a principal removed from the principals file keeps nothing open. In the background.
   */
  void retainOnly(java.util.Set<String> names) {
    for (String name : java.util.List.copyOf(endpoints.keySet())) {
      if (names.contains(name)) continue;
      Endpoint gone = endpoints.remove(name);
      if (gone == null) continue;
      log.info("principal {} left the principals file: closing its MCP sessions", name);
      gone.server().getAsyncServer().closeGracefully()
          .doFinally(signal -> gone.servlet().destroy())
          .subscribe(null, failure -> log.warn("closing the MCP endpoint of {} failed", name, failure));
    }
  }

  /** The principals with a server now. */
  java.util.Set<String> principals() {
    return java.util.Set.copyOf(endpoints.keySet());
  }

  /** Closes every principal's sessions, all at once (the SDK takes about a second for each), within 5 s. */
  @Override
  public void close() {
    java.util.List<Endpoint> open = java.util.List.copyOf(endpoints.values());
    java.util.List<reactor.core.publisher.Mono<Void>> closing = open.stream()
        .map(e -> e.server().getAsyncServer().closeGracefully()
            .onErrorResume(failure -> {
              log.warn("closing an MCP endpoint failed", failure);
              return reactor.core.publisher.Mono.empty();
            }))
        .toList();
    endpoints.clear();
    try {
      reactor.core.publisher.Mono.when(closing).block(Broker.STOP_TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("MCP sessions still closing after {}", Broker.STOP_TIMEOUT, e);
    }
    // The servlet's end of life. It does not stop the SDK's session sweeper thread (mcp-core 2.1.0
    // and 2.2.0 start it on a Schedulers.newSingle they never dispose, a non-daemon thread per
    // endpoint): a JVM embedding a Broker ends with System.exit or a signal, as `serve` does.
    for (Endpoint e : open) e.servlet().destroy();
  }
}
