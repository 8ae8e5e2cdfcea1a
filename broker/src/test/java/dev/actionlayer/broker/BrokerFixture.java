package dev.actionlayer.broker;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.stripe.Stripe;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeStripe;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A broker on an ephemeral loopback port over a layer on the Jira and Stripe fakes (connections
 * {@code jira} and {@code stripe}), with two principals: the agent {@code triage-bot} and the
 * approver {@code alice}. Vendor credentials are planted secrets that must never reach an agent.
 */
final class BrokerFixture implements AutoCloseable {
  static final String JIRA_EMAIL = "bot@example.com";
  static final String JIRA_TOKEN = "jira-Secret-Token-90af";
  static final String STRIPE_KEY = "sk_test_StripeSecret4242abcd";
  static final List<String> SECRETS = List.of(JIRA_TOKEN, STRIPE_KEY);

  final FakeJira jira = new FakeJira().projects("PROJ").requireBasic(JIRA_EMAIL, JIRA_TOKEN);
  final FakeStripe stripe = new FakeStripe().requireKey(STRIPE_KEY);
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  final Path principals;
  final String agentKey = BrokerKeys.generate();
  final String approverKey = BrokerKeys.generate();
  final BrokerApprovals approvals;
  final ActionLayer layer;
  final Broker broker;
  final HttpClient http = HttpClient.newHttpClient();

  BrokerFixture(Path dir) {
    this(dir, UnaryOperator.identity(), UnaryOperator.identity());
  }

  BrokerFixture(Path dir, UnaryOperator<ActionLayer.Builder> layerConfig, UnaryOperator<Broker.Builder> brokerConfig) {
    this(dir, null, ApprovalStore.inMemory(), layerConfig, brokerConfig);
  }

  /** With {@code policy} (JSON, or null for none) and approvals kept in {@code store}. */
  BrokerFixture(Path dir, String policy, ApprovalStore store) {
    this(dir, policy, store, UnaryOperator.identity(), UnaryOperator.identity());
  }

  BrokerFixture(Path dir, String policy, ApprovalStore store, UnaryOperator<ActionLayer.Builder> layerConfig,
      UnaryOperator<Broker.Builder> brokerConfig) {
    jira.start();
    stripe.start();
    principals = dir.resolve("principals.properties");
    writePrincipals("triage-bot.key=" + BrokerKeys.hash(agentKey) + "\n"
        + "alice.key=" + BrokerKeys.hash(approverKey) + "\n"
        + "alice.role=approver\n");
    UnaryOperator<ConnectionPolicy.Builder> fast = p -> p.noRateLimit()
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxWait(Duration.ofSeconds(1));
    approvals = BrokerApprovals.builder().store(store).auditSink(audit::add).build();
    ActionLayer.Builder b = ActionLayer.builder()
        .connection("jira", Jira.connector(jira.uri(), Credentials.basic(JIRA_EMAIL, JIRA_TOKEN)), fast)
        .connection("stripe", Stripe.connector(stripe.uri(), Credentials.bearer(STRIPE_KEY)), fast)
        .auditSink(audit::add);
    if (policy != null) b.policy(Policy.parse(policy)).approver(approvals);
    layer = layerConfig.apply(b).build();
    broker = brokerConfig.apply(Broker.builder(layer).principals(principals).approvals(approvals)).build().start();
  }

  void writePrincipals(String content) {
    try {
      Path tmp = Files.createTempFile(principals.getParent(), "principals", ".tmp");
      Files.writeString(tmp, content);
      Files.move(tmp, principals, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + broker.port());
  }

  /** The MCP SDK's own Streamable HTTP client, sending {@code key}. */
  McpSyncClient client(String key) {
    return client(key, UnaryOperator.identity());
  }

  McpSyncClient client(String key, UnaryOperator<McpClient.SyncSpec> spec) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base().toString())
        .endpoint(Broker.MCP_PATH)
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
        .build();
    return spec.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))).build();
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30));
  }

  /** The body of an MCP initialize request. */
  static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
      + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
      + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  /** A raw MCP initialize POST, as a client would send it first. */
  HttpRequest.Builder initialize() {
    return request(Broker.MCP_PATH)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
  }

  @Override
  public void close() {
    broker.close();
    layer.close();
    jira.close();
    stripe.close();
  }
}
