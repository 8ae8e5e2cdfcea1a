package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy that lets {@code triage-bot} create and read Jira tasks and delete them only with a
 * person's approval: asked through the MCP client when it can elicit, otherwise recorded in the
 * store, decided at {@code /approvals} by the approver {@code alice}, consumed by the agent's repeat.
 */
class ApprovalsOverHttpTest {
  static final String POLICY = "{\"version\":1,\"principals\":{\"triage-bot\":{\"allow\":["
      + "{\"id\":\"jira-work\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"jira\"]},"
      + "{\"id\":\"jira-delete\",\"operations\":[\"tasks.delete\"],\"connections\":[\"jira\"],\"approval\":\"required\"}"
      + "]}}}";

  @TempDir
  Path dir;
  BrokerFixture f;

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  static Map<String, Object> json(CallToolResult result) {
    return Json.objectOrNull(BrokerTest.text(result));
  }

  static Map<String, Object> error(CallToolResult result) {
    assertThat(result.isError()).as(BrokerTest.text(result)).isTrue();
    return Json.object(json(result), "error");
  }

  String createTask(McpSyncClient client, String title) {
    CallToolResult created = client.callTool(new McpSchema.CallToolRequest("tasks_create",
        Map.of("connection", "jira", "project", "PROJ", "title", title)));
    assertThat(created.isError()).as(BrokerTest.text(created)).isFalse();
    return (String) json(created).get("id");
  }

  static CallToolResult delete(McpSyncClient client, String id) {
    return client.callTool(new McpSchema.CallToolRequest("tasks_delete", Map.of("connection", "jira", "id", id)));
  }

  HttpResponse<String> admin(String key, String method, String path, String body) {
    HttpRequest.Builder r = f.request(path).header("Authorization", "Bearer " + key);
    r = method.equals("GET") ? r.GET() : r.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    return f.send(r);
  }

  @Test
  void withoutElicitation_aDeleteWaitsForAnApprover_andTheRepeatConsumesTheApprovalOnce() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("tasks_create", "tasks_get", "tasks_delete");
      String id = createTask(agent, "Old ticket");

      Map<String, Object> first = error(delete(agent, id));
      assertThat(first).containsEntry("code", "APPROVAL_REQUIRED").containsEntry("retryable", true);
      String approvalId = (String) first.get("approvalId");
      assertThat(approvalId).matches("apr_[0-9a-f]{20}");
      assertThat(error(delete(agent, id))).as("a repeat while pending").containsEntry("approvalId", approvalId);
      assertThat(f.jira.issues()).hasSize(1);

      assertThat(admin(f.agentKey, "GET", "/approvals", null).statusCode()).as("an agent is no approver").isEqualTo(403);
      HttpResponse<String> list = admin(f.approverKey, "GET", "/approvals", null);
      assertThat(list.statusCode()).isEqualTo(200);
      List<?> pending = Json.array(Json.objectOrNull(list.body()), "approvals");
      assertThat(pending).singleElement().satisfies(a -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> approval = (Map<String, Object>) a;
        assertThat(approval).containsEntry("id", approvalId).containsEntry("principal", "triage-bot")
            .containsEntry("operation", "tasks.delete").containsEntry("connection", "jira");
        assertThat((String) approval.get("summary")).contains("id=" + id);
      });

      HttpResponse<String> approved = admin(f.approverKey, "POST", "/approvals/" + approvalId + "/approve", null);
      assertThat(approved.statusCode()).isEqualTo(200);
      assertThat(Json.objectOrNull(approved.body())).containsEntry("status", "approved").containsEntry("decidedBy", "alice");
      assertThat(admin(f.approverKey, "POST", "/approvals/" + approvalId + "/approve", null).statusCode())
          .as("decided once").isEqualTo(404);

      CallToolResult repeat = delete(agent, id);
      assertThat(repeat.isError()).as(BrokerTest.text(repeat)).isFalse();
      assertThat(f.jira.issues()).isEmpty();
      // Used: the same call again needs a new approval.
      assertThat(error(delete(agent, id))).containsEntry("code", "APPROVAL_REQUIRED")
          .doesNotContainEntry("approvalId", approvalId);
    }
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("approval.approve");
      assertThat(e.principal()).isEqualTo("alice");
      assertThat(e.context()).containsEntry("agent", "triage-bot").containsKey("decidedAt");
    });
  }

  @Test
  void anApprovalIsBoundToTheExactArguments() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      String one = createTask(agent, "One");
      String two = createTask(agent, "Two");
      String approvalId = (String) error(delete(agent, one)).get("approvalId");
      assertThat(admin(f.approverKey, "POST", "/approvals/" + approvalId + "/approve", null).statusCode()).isEqualTo(200);
      assertThat(error(delete(agent, two))).containsEntry("code", "APPROVAL_REQUIRED");
      assertThat(f.jira.issues()).hasSize(2);
      assertThat(delete(agent, one).isError()).isFalse();
    }
  }

  @Test
  void aDenialFailsTheRepeatWithPermissionDeniedAndTheReason() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient agent = f.client(f.agentKey)) {
      agent.initialize();
      String id = createTask(agent, "Keep me");
      String approvalId = (String) error(delete(agent, id)).get("approvalId");
      HttpResponse<String> denied = admin(f.approverKey, "POST", "/approvals/" + approvalId + "/deny",
          "{\"reason\":\"still needed\"}");
      assertThat(denied.statusCode()).isEqualTo(200);
      Map<String, Object> err = error(delete(agent, id));
      assertThat(err).containsEntry("code", "PERMISSION_DENIED");
      assertThat(f.jira.issues()).hasSize(1);
    }
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("approval.deny");
      assertThat(e.context()).containsEntry("reason", "still needed");
    });
  }

  @Test
  void anUnknownApprovalIs404_andAPathOfAnotherShapeToo() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    assertThat(admin(f.approverKey, "POST", "/approvals/apr_00000000000000000000/approve", null).statusCode())
        .isEqualTo(404);
    assertThat(admin(f.approverKey, "POST", "/approvals/../healthz/approve", null).statusCode()).isEqualTo(404);
    assertThat(admin(f.approverKey, "POST", "/approvals", null).statusCode()).isEqualTo(405);
    assertThat(f.send(f.request("/approvals")).statusCode()).as("no key").isEqualTo(401);
  }

  @Test
  void withElicitation_thePersonAtTheClientApproves_andTheDeleteProceeds() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    try (McpSyncClient agent = f.client(f.agentKey, spec -> spec
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> {
          asked.add(request);
          return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true));
        }))) {
      agent.initialize();
      String id = createTask(agent, "Delete me");
      CallToolResult deleted = delete(agent, id);
      assertThat(deleted.isError()).as(BrokerTest.text(deleted)).isFalse();
      assertThat(f.jira.issues()).isEmpty();
    }
    assertThat(asked).singleElement().satisfies(r -> {
      assertThat(r.message()).contains("tasks.delete").contains("jira").contains("id = ");
      assertThat(r.requestedSchema()).containsKey("properties");
    });
    assertThat(f.approvals.store().pending(java.time.Instant.now())).isEmpty();
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("approval.approve");
      assertThat(e.principal()).isEqualTo("elicitation:triage-bot");
    });
  }

  @Test
  void withElicitation_aDeclineIsPermissionDenied_andNothingIsSent() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient agent = f.client(f.agentKey, spec -> spec
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> new ElicitResult(ElicitResult.Action.DECLINE, null)))) {
      agent.initialize();
      String id = createTask(agent, "Keep me");
      int before = f.jira.requestCount();
      Map<String, Object> err = error(delete(agent, id));
      assertThat(err).containsEntry("code", "PERMISSION_DENIED");
      assertThat(f.jira.requestCount()).isEqualTo(before);
      assertThat(f.jira.issues()).hasSize(1);
    }
    assertThat(f.audit).extracting(AuditEvent::operation).contains("approval.deny");
  }

  @Test
  void withElicitation_anAcceptThatSaysNoIsADenialToo() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient agent = f.client(f.agentKey, spec -> spec
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", false))))) {
      agent.initialize();
      String id = createTask(agent, "Keep me");
      assertThat(error(delete(agent, id))).containsEntry("code", "PERMISSION_DENIED");
      assertThat(f.jira.issues()).hasSize(1);
    }
  }

  @Test
  void aPrincipalWithoutRulesSeesNoTools() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
    try (McpSyncClient approver = f.client(f.approverKey)) {
      approver.initialize();
      assertThat(approver.listTools().tools()).isEmpty();
    }
  }

  @Test
  void withElicitation_noAnswerWithinTheApprovalTimeoutIsADenial() {
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory(), java.util.function.UnaryOperator.identity(),
        b -> b.approvalTimeout(java.time.Duration.ofMillis(500)));
    try (McpSyncClient agent = f.client(f.agentKey, spec -> spec
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true));
        }))) {
      agent.initialize();
      String id = createTask(agent, "Keep me");
      Map<String, Object> err = error(delete(agent, id));
      assertThat(err).containsEntry("code", "PERMISSION_DENIED");
      assertThat(f.jira.issues()).hasSize(1);
    }
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("approval.deny");
      assertThat(e.context()).containsEntry("reason", "no answer from the user in time");
    });
  }
}
