package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.spi.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals in PostgreSQL are shared by every broker on the database and outlive the one that
 * recorded them: an approval asked through one broker is listed and approved on another (its own
 * store instance), and the agent's repeat through the first consumes it. Runs under
 * {@code scripts/with-postgres}; skipped, saying so, without {@code ACTIONLAYER_PG_URL}.
 */
class PostgresApprovalsAcrossBrokersTest {
  @TempDir
  Path dir;
  HikariDataSource pool;
  BrokerFixture f;
  Broker second;

  @BeforeEach
  void connect() {
    String url = System.getenv("ACTIONLAYER_PG_URL");
    assumeTrue(url != null && !url.isBlank(),
        "ACTIONLAYER_PG_URL is not set: run under scripts/with-postgres to test approvals in PostgreSQL");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"));
    config.setPassword(System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
    config.setMaximumPoolSize(8);
    pool = new HikariDataSource(config);
  }

  @AfterEach
  void close() {
    if (second != null) second.close();
    if (f != null) f.close();
    if (pool != null) pool.close();
  }

  @Test
  void anApprovalAskedThroughOneBrokerIsDecidedOnAnotherAndConsumedThroughTheFirst() {
    f = new BrokerFixture(dir, ApprovalsOverHttpTest.POLICY, ApprovalStore.jdbc(pool));
    BrokerApprovals otherStore = BrokerApprovals.builder().store(ApprovalStore.jdbc(pool)).build();
    second = Broker.builder(f.layer).principals(f.principals).approvals(otherStore).build().start();
    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      CallToolResult created = agent.callTool(new McpSchema.CallToolRequest("tasks_create",
          Map.of("connection", "jira", "project", "PROJ", "title", "Shared")));
      String id = (String) ApprovalsOverHttpTest.json(created).get("id");
      String approvalId = (String) ApprovalsOverHttpTest.error(ApprovalsOverHttpTest.delete(agent, id)).get("approvalId");

      URI other = URI.create("http://127.0.0.1:" + second.port());
      HttpResponse<String> list = f.send(HttpRequest.newBuilder(other.resolve("/approvals"))
          .header("Authorization", "Bearer " + f.approverKey));
      assertThat(list.body()).contains(approvalId);
      HttpResponse<String> approved = f.send(HttpRequest.newBuilder(other.resolve("/approvals/" + approvalId + "/approve"))
          .header("Authorization", "Bearer " + f.approverKey).POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
      assertThat(Json.objectOrNull(approved.body())).containsEntry("decidedBy", "alice");

      CallToolResult deleted = ApprovalsOverHttpTest.delete(agent, id);
      assertThat(deleted.isError()).as(BrokerTest.text(deleted)).isFalse();
      assertThat(f.jira.issues()).isEmpty();
    }
  }
}
