package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: the layer's meters in Prometheus's text format, over real HTTP on loopback. */
class BrokerMetricsTest {
  static final String CALLS_LINE =
      "actionlayer_calls_seconds_count{connection=\"jira\",operation=\"tasks.create\",outcome=\"SUCCESS\"} ";

  @TempDir
  Path dir;
  BrokerFixture f;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  BrokerFixture metered(String policy) {
    f = new BrokerFixture(dir, policy, ApprovalStore.inMemory(), b -> b.meterRegistry(registry),
        b -> b.metrics(registry));
    return f;
  }

  HttpResponse<String> scrape(String key) {
    var r = f.request("/metrics").GET();
    if (key != null) r.header("Authorization", "Bearer " + key);
    return f.send(r);
  }

  @Test
  void aToolCallMovesTheCallsCounterOnTheScrape() {
    metered(null);
    HttpResponse<String> before = scrape(f.agentKey);
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(before.body()).doesNotContain(CALLS_LINE)
        .contains("actionlayer_circuitbreaker_state{connection=\"jira\",state=\"closed\"} 1.0");

    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      assertThat(ApprovalsOverHttpTest.json(agent.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
          "tasks_create", Map.of("connection", "jira", "project", "PROJ", "title", "Ticket")))))
          .containsKey("id");
    }

    String after = scrape(f.agentKey).body();
    assertThat(after).contains(CALLS_LINE + "1\n")
        .contains("actionlayer_retry_calls_total{connection=\"jira\",kind=\"successful_without_retry\","
            + "operation=\"tasks.create\"} 1.0");
    for (String secret : BrokerFixture.SECRETS) assertThat(after).doesNotContain(secret);
  }

  @Test
  void scrapingNeedsAKeyAndAGet() {
    metered(null);
    assertThat(scrape(null).statusCode()).isEqualTo(401);
    assertThat(scrape("al_not-a-real-key").statusCode()).isEqualTo(401);
    assertThat(f.send(f.request("/metrics").header("Authorization", "Bearer " + f.agentKey)
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
  }

  @Test
  void withoutARegistryThereIsNoMetricsEndpoint() {
    f = new BrokerFixture(dir);
    assertThat(scrape(f.agentKey).statusCode()).isEqualTo(404);
  }

  @Test
  void approvalsDecidedThroughTheBrokerAreCounted() {
    metered(ApprovalsOverHttpTest.POLICY);
    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      var test = new ApprovalsOverHttpTest();
      test.f = f;
      String id = test.createTask(agent, "Old ticket");
      String approvalId = (String) ApprovalsOverHttpTest.error(ApprovalsOverHttpTest.delete(agent, id)).get("approvalId");
      assertThat(test.admin(f.approverKey, "POST", "/approvals/" + approvalId + "/approve", null).statusCode())
          .isEqualTo(200);
      assertThat(ApprovalsOverHttpTest.delete(agent, id).isError()).isFalse();
    }

    String text = scrape(f.agentKey).body();
    assertThat(text).contains("actionlayer_approvals_total{decision=\"pending\",operation=\"tasks.delete\"} 1.0")
        .contains("actionlayer_approvals_total{decision=\"approved\",operation=\"tasks.delete\"} 1.0")
        .contains("actionlayer_policy_denials_total{connection=\"jira\",operation=\"tasks.delete\","
            + "reason=\"approval_pending\"} 1.0");
  }
}
