package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tool catalog under a policy: what a principal sees, what it may call, and dry runs. */
class PolicyToolsTest extends PolicyTestSupport {
  static final String DOC = "{\"version\":1,\"principals\":{"
      + "\"bot\":{\"allow\":["
      + "{\"id\":\"tasks-a\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"a\"],"
      + "\"where\":{\"project\":[\"PROJ\"]}},"
      + "{\"id\":\"read-b\",\"operations\":[\"tasks.get\"],\"connections\":[\"b\"]},"
      + "{\"id\":\"deletes\",\"operations\":[\"tasks.delete\"],\"connections\":[\"a\"],\"approval\":\"required\"},"
      + "{\"id\":\"folders\",\"operations\":[\"folders.create\"],\"connections\":[\"b\"]}],"
      + "\"quotas\":[{\"id\":\"one-create\",\"operations\":[\"tasks.create\"],\"limit\":1,\"per\":\"PT1H\"}]},"
      + "\"reader\":{\"allow\":[{\"operations\":[\"*.get\"],\"connections\":[\"*\"]}]}}}";

  final AtomicInteger approvals = new AtomicInteger();

  ToolCatalog tools(String principal) {
    if (layer == null) {
      layer(DOC, r -> {
        approvals.incrementAndGet();
        return ApprovalDecision.pending("ap-42");
      });
    }
    return layer.forPrincipal(principal).tools();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(ToolResult r) {
    return Json.objectOrNull(r.json());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(ToolResult r) {
    assertThat(r.isError()).as(r.json()).isTrue();
    return (Map<String, Object>) json(r).get("error");
  }

  static List<?> connectionsOf(Tool tool) {
    return Json.array(Json.object(Json.object(Json.objectOrNull(tool.inputSchema()), "properties"), "connection"), "enum");
  }

  @Test
  void aPrincipalSeesOnlyTheToolsAndConnectionsItMayUse() {
    ToolCatalog bot = tools("bot");
    assertThat(bot.tools()).extracting(Tool::name)
        .containsExactly("tasks_create", "tasks_get", "tasks_delete", "folders_create");
    assertThat(connectionsOf(bot.tool("tasks_create").orElseThrow())).isEqualTo(List.of("a"));
    assertThat(connectionsOf(bot.tool("tasks_get").orElseThrow())).isEqualTo(List.of("a", "b"));
    assertThat(connectionsOf(bot.tool("folders_create").orElseThrow())).isEqualTo(List.of("b"));
    assertThat(bot.tool("folders_get")).isEmpty();
    assertThat(bot.tool("contacts_create")).isEmpty();
    assertThat(tools("reader").tools()).extracting(Tool::name).containsExactly("tasks_get", "contacts_get", "folders_get");
    assertThat(tools("stranger").tools()).isEmpty();
    assertThat(layer.tools().tools()).isEmpty(); // the default principal has no rules
    try (ActionLayer open = builder().build()) {
      assertThat(open.tools().tools()).hasSize(11); // no policy: everything (office tasks also update and list)
    }
  }

  @Test
  void aToolThePrincipalMayNotUseIsUnknownToIt() {
    Map<String, Object> e = error(tools("bot").execute("contacts_create", "{\"connection\":\"a\",\"lastName\":\"X\"}"));
    assertThat(e).containsEntry("code", "INVALID_REQUEST");
    Map<String, Object> c = error(tools("bot").execute("tasks_create", "{\"connection\":\"b\",\"title\":\"X\"}"));
    assertThat(c.get("fieldErrors")).isEqualTo(Map.of("connection", "must be one of [a]"));
    assertThat(requests()).isZero();
  }

  @Test
  void aDenialComesBackAsErrorJsonWithAHint() {
    Map<String, Object> e = error(tools("bot").execute("tasks_create", "{\"connection\":\"a\",\"project\":\"HR\",\"title\":\"X\"}"));
    assertThat(e).containsEntry("code", "PERMISSION_DENIED").containsEntry("retryable", false);
    assertThat((String) e.get("message")).contains("rule 'tasks-a'");
    assertThat(e.get("fieldErrors")).isEqualTo(Map.of("project", "not one of the values rule 'tasks-a' allows"));
    assertThat((String) e.get("hint")).startsWith("Your policy does not allow this call");
    assertThat(requests()).isZero();
  }

  @Test
  void aPendingApprovalComesBackWithItsIdAndAHintToRepeatTheCall() {
    Map<String, Object> e = error(tools("bot").execute("tasks_delete", "{\"connection\":\"a\",\"id\":\"T1\"}"));
    assertThat(e).containsEntry("code", "APPROVAL_REQUIRED").containsEntry("retryable", true)
        .containsEntry("approvalId", "ap-42");
    assertThat((String) e.get("hint")).contains("A person must approve").contains("repeat exactly the same call");
    assertThat(requests()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyToolDeclaresAnOptionalBooleanDryRun() {
    try (ActionLayer open = builder().build()) {
      for (Tool t : open.tools().tools()) {
        Map<String, Object> schema = Json.objectOrNull(t.inputSchema());
        assertThat(Json.object(Json.object(schema, "properties"), "dryRun")).containsEntry("type", "boolean");
        assertThat((List<Object>) Json.array(schema, "required")).doesNotContain("dryRun");
        assertThat(t.parameters()).filteredOn(p -> p.name().equals("dryRun")).singleElement()
            .satisfies(p -> assertThat(p.isBoolean() && !p.required()).isTrue());
      }
    }
    Map<String, Object> e = error(tools("bot").execute("tasks_get", "{\"connection\":\"a\",\"id\":\"T1\",\"dryRun\":\"yes\"}"));
    assertThat(e.get("fieldErrors")).isEqualTo(Map.of("dryRun", "must be true or false"));
  }

  @Test
  void aDryRunShowsTheDecisionAndTheRedactedRequestAndSendsNothing() {
    ToolResult r = tools("bot").execute("tasks_create",
        "{\"connection\":\"a\",\"project\":\"PROJ\",\"title\":\"Fix login\",\"idempotencyKey\":\"key-12345678\",\"dryRun\":true}");
    assertThat(r.isError()).as(r.json()).isFalse();
    Map<String, Object> out = json(r);
    assertThat(out).containsEntry("dryRun", true);
    assertThat(out.get("decision")).isEqualTo(Map.of("allowed", true, "rule", "tasks-a", "approval", "none"));
    Map<String, Object> request = Json.object(out, "request");
    assertThat(request).containsEntry("method", "POST").containsEntry("path", "/tasks");
    assertThat(Json.object(request, "body")).containsEntry("project", "PROJ").containsEntry("title", "Fix login")
        .containsEntry("key", "agent-key-12345678").containsEntry("api_key", "[REDACTED]");
    assertThat(r.json()).doesNotContain("planted-api-key-value").doesNotContain(SECRET);
    assertThat(requests()).isZero();
    assertThat(events).isEmpty();
    // No quota was spent (the limit is one) and nothing entered the duplicate window: the real
    // call after the dry run is sent.
    ToolResult real = tools("bot").execute("tasks_create",
        "{\"connection\":\"a\",\"project\":\"PROJ\",\"title\":\"Fix login\",\"idempotencyKey\":\"key-12345678\"}");
    assertThat(real.isError()).as(real.json()).isFalse();
    assertThat(json(real)).doesNotContainKey("deduplicated");
    assertThat(a.received).containsExactly("POST /tasks");
  }

  @Test
  void aDryRunOfAnApprovalRuleSaysApprovalIsRequiredAndAsksNobody() {
    ToolResult r = tools("bot").execute("tasks_delete", "{\"connection\":\"a\",\"id\":\"T 1/x\",\"dryRun\":true}");
    assertThat(r.isError()).as(r.json()).isFalse();
    Map<String, Object> out = json(r);
    assertThat(out.get("decision")).isEqualTo(Map.of("allowed", true, "rule", "deletes", "approval", "required"));
    assertThat(Json.object(out, "request")).isEqualTo(Map.of("method", "DELETE", "path", "/tasks/T%201%2Fx"));
    assertThat((String) out.get("hint")).contains("a person must approve it first");
    assertThat(approvals).hasValue(0);
    assertThat(requests()).isZero();
  }

  @Test
  void aDeniedDryRunSaysWhyAndShowsNoRequest() {
    Map<String, Object> out = json(tools("bot").execute("tasks_create",
        "{\"connection\":\"a\",\"project\":\"HR\",\"title\":\"X\",\"dryRun\":true}"));
    assertThat(out).doesNotContainKey("request");
    Map<String, Object> decision = Json.object(out, "decision");
    assertThat(decision).containsEntry("allowed", false).containsEntry("rule", "tasks-a").containsEntry("code", "PERMISSION_DENIED");
    assertThat((String) decision.get("message")).contains("only where project is one of the values the rule lists");
    // A dry run beyond the quota says so, without spending it.
    tools("bot").execute("tasks_create", "{\"connection\":\"a\",\"project\":\"PROJ\",\"title\":\"X\"}");
    Map<String, Object> over = Json.object(json(tools("bot").execute("tasks_create",
        "{\"connection\":\"a\",\"project\":\"PROJ\",\"title\":\"Y\",\"dryRun\":true}")), "decision");
    assertThat(over).containsEntry("allowed", false).containsEntry("rule", "one-create").containsEntry("code", "QUOTA_EXHAUSTED");
    assertThat(a.received).containsExactly("POST /tasks");
  }

  @Test
  void aDryRunThatWouldNeedAnAuxiliaryRequestSaysSoAndSendsNothing() {
    Map<String, Object> out = json(tools("bot").execute("folders_create", "{\"connection\":\"b\",\"name\":\"F\",\"dryRun\":true}"));
    assertThat(out).doesNotContainKey("request");
    assertThat(Json.object(out, "decision")).containsEntry("allowed", true);
    assertThat((String) out.get("note")).contains("GET /ids").contains("a dry run sends nothing");
    assertThat(requests()).isZero();
  }

  @Test
  void aDryRunWithoutAPolicyIsAllowed() {
    layer = builder().build();
    Map<String, Object> out = json(layer.tools().execute("contacts_get", "{\"connection\":\"b\",\"id\":\"C1\",\"dryRun\":true}"));
    assertThat(out.get("decision")).isEqualTo(Map.of("allowed", true, "approval", "none"));
    assertThat(Json.object(out, "request")).isEqualTo(Map.of("method", "GET", "path", "/contacts/C1"));
    assertThat(requests()).isZero();
  }
}
