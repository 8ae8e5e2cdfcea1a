package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.policy.ApprovalRequest;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.spi.CreateSafety;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ActionLayer.Builder#build()} refuses about a policy, and the approval types' contracts. */
class PolicyBuildTest {
  static ActionLayer.Builder layer() {
    Connector a = new Connector();
    return ActionLayer.builder()
        .connection("jira", a.connector)
        .connection("sf", a.connector);
  }

  /** No server is started: build() sends nothing. */
  static final class Connector {
    final TestConnector connector = new TestConnector(URI.create("http://127.0.0.1:9/"),
        Credentials.bearer("tok-123456789"), CreateSafety.KEYED);
  }

  @Test
  void anUnknownConnectionFailsBuildNamingItsLocation() {
    Policy p = Policy.parse("{\"version\":1,\"principals\":{\"bot\":{\"allow\":[{\"operations\":[\"*\"],"
        + "\"connections\":[\"jira\",\"stripe\"]}]}}}");
    assertThatThrownBy(() -> layer().policy(p).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy: principals.bot.allow[0].connections[1]: no connection of the layer has that name;"
            + " connections: [jira, sf]");
    Policy q = Policy.parse("{\"version\":1,\"principals\":{\"bot\":{\"quotas\":[{\"operations\":[\"*\"],"
        + "\"connections\":[\"gone\"],\"limit\":1,\"per\":\"PT1M\"}]}}}");
    assertThatThrownBy(() -> layer().policy(q).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("policy: principals.bot.quotas[0].connections[0]: no connection");
  }

  @Test
  void approvalRulesNeedAnApprover() {
    Policy p = Policy.parse("{\"version\":1,\"principals\":{\"bot\":{\"allow\":[{\"operations\":[\"*.delete\"],"
        + "\"connections\":[\"*\"],\"approval\":\"required\"}]}}}");
    assertThatThrownBy(() -> layer().policy(p).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no approver");
    try (ActionLayer built = layer().policy(p).approver(r -> ApprovalDecision.approved("alice")).build()) {
      assertThat(built.connections()).containsExactly("jira", "sf");
    }
  }

  @Test
  void approvalIdIsCarriedByTheError() {
    ActionError e = ActionError.builder(ErrorCode.APPROVAL_REQUIRED).approvalId("ap-1").build();
    assertThat(e.retryable()).isTrue();
    assertThat(e.approvalId()).contains("ap-1");
    assertThat(e.toBuilder().build()).isEqualTo(e);
    assertThat(ActionError.builder(ErrorCode.PERMISSION_DENIED).build().approvalId()).isEmpty();
    assertThatThrownBy(() -> ActionError.builder(ErrorCode.APPROVAL_REQUIRED).approvalId("a b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisionsValidateTheirValues() {
    assertThat(ApprovalDecision.approved("alice").status()).isEqualTo(ApprovalDecision.Status.APPROVED);
    assertThat(ApprovalDecision.denied("bob", "no").reason()).contains("no");
    assertThat(ApprovalDecision.pending("ap-7").approvalId()).contains("ap-7");
    assertThatThrownBy(() -> ApprovalDecision.pending("../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApprovalDecision.approved(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRequestsDigestBindsOperationConnectionAndArgumentsAndItsSummaryIsOneLine() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("project", "PROJ");
    args.put("title", "Fix\nlogin");
    args.put("description", null);
    ApprovalRequest r = new ApprovalRequest("bot", "jira", "jira", "tasks.create", args, "rule-1");
    assertThat(r.arguments()).containsOnlyKeys("project", "title");
    assertThat(r.summary()).isEqualTo("bot wants tasks.create on jira (jira): project=PROJ, title=Fix login [rule rule-1]");
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("title", "Fix\nlogin");
    reordered.put("project", "PROJ");
    String digest = r.argumentsDigest();
    assertThat(digest).matches("[0-9a-f]{64}");
    assertThat(new ApprovalRequest("other", "jira", "jira", "tasks.create", reordered, "r2").argumentsDigest())
        .isEqualTo(digest);
    reordered.put("project", "OPS");
    assertThat(new ApprovalRequest("bot", "jira", "jira", "tasks.create", reordered, "rule-1").argumentsDigest())
        .isNotEqualTo(digest);
    assertThat(new ApprovalRequest("bot", "sf", "jira", "tasks.create", args, "rule-1").argumentsDigest())
        .isNotEqualTo(digest);
  }
}
