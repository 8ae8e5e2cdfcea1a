package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.policy.ApprovalRequest;
import dev.actionlayer.policy.Approver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Rules that require approval, through the layer's views, with each answer an approver can give. */
class ApprovalTest extends PolicyTestSupport {
  static final String DOC = "{\"version\":1,\"principals\":{\"bot\":{\"allow\":["
      + "{\"id\":\"work\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"a\"]},"
      + "{\"id\":\"deletes\",\"operations\":[\"*.delete\"],\"connections\":[\"a\"],\"approval\":\"required\"},"
      + "{\"id\":\"contacts\",\"operations\":[\"contacts.create\"],\"connections\":[\"a\"],\"approval\":\"required\"}],"
      + "\"quotas\":[{\"id\":\"one-contact\",\"operations\":[\"contacts.create\"],\"limit\":1,\"per\":\"PT1H\"}]}}}";

  final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();

  ActionLayer bot(Approver approver) {
    return layer(DOC, r -> {
      asked.add(r);
      return approver.decide(r);
    }).forPrincipal("bot");
  }

  String createdTask() {
    return layer.forPrincipal("bot").tasks("a").create(new NewTask(null, "t", null)).id();
  }

  @Test
  void approvedCallsProceedAndTheApproverSawExactlyTheCall() {
    ActionLayer bot = bot(r -> ApprovalDecision.approved("alice"));
    String id = createdTask();
    assertThat(asked).isEmpty(); // the create's rule needs no approval
    bot.tasks("a").delete(id);
    assertThat(a.received).containsExactly("POST /tasks", "DELETE /tasks/" + id);
    ApprovalRequest r = asked.get(0);
    assertThat(r).isEqualTo(new ApprovalRequest("bot", "a", "office", "tasks.delete", Map.of("id", id), "deletes"));
    assertThat(r.summary()).isEqualTo("bot wants tasks.delete on a (office): id=" + id + " [rule deletes]");
    assertThat(lastEvent().decision()).isEqualTo(new AuditEvent.Decision(true, "deletes", null, "approved", "alice", null));
    assertThat(lastEvent().toJson()).contains("\"approval\":\"approved\",\"approvedBy\":\"alice\"");
  }

  @Test
  void theApprovalRequestCarriesTheCanonicalFieldsOfACreate() {
    ActionLayer bot = bot(r -> ApprovalDecision.approved("alice"));
    bot.contacts("a").create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    assertThat(asked).singleElement().satisfies(r -> {
      assertThat(r.arguments()).containsExactly(Map.entry("firstName", "Ada"), Map.entry("lastName", "Lovelace"),
          Map.entry("email", "ada@example.com"));
      assertThat(r.operation()).isEqualTo("contacts.create");
    });
    assertThat(a.records.values()).singleElement().satisfies(body ->
        assertThat(body).containsEntry("firstName", "Ada").containsEntry("email", "ada@example.com"));
  }

  @Test
  void aDeniedApprovalIsPermissionDeniedNamingTheRuleWithNothingSent() {
    ActionLayer bot = bot(r -> ApprovalDecision.denied("bob", "not during the freeze"));
    String id = createdTask();
    ActionError e = failure(() -> bot.tasks("a").delete(id));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.message()).isEqualTo("policy: rule 'deletes' requires approval, and bob denied this call:"
        + " not during the freeze; nothing was sent");
    assertThat(a.received).containsExactly("POST /tasks");
    assertThat(lastEvent().decision()).isEqualTo(new AuditEvent.Decision(false, "deletes", "approval denied", "denied", "bob", null));
  }

  @Test
  void aPendingApprovalIsApprovalRequiredCarryingItsIdAndTheRepeatProceedsOnceApproved() {
    String[] decided = {null};
    ActionLayer bot = bot(r -> decided[0] == null ? ApprovalDecision.pending("ap-" + r.argumentsDigest().substring(0, 12))
        : ApprovalDecision.approved(decided[0]));
    String id = createdTask();
    ActionError e = failure(() -> bot.tasks("a").delete(id));
    assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_REQUIRED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.approvalId()).hasValueSatisfying(v -> assertThat(v).matches("ap-[0-9a-f]{12}"));
    assertThat(e.message()).contains("approval " + e.approvalId().get() + " is pending");
    assertThat(a.received).containsExactly("POST /tasks");
    assertThat(lastEvent().decision().approvalId()).isEqualTo(e.approvalId().get());
    assertThat(lastEvent().toJson()).contains("\"approvalId\":\"" + e.approvalId().get() + "\"");
    decided[0] = "carol";
    bot.tasks("a").delete(id);
    assertThat(a.received).containsExactly("POST /tasks", "DELETE /tasks/" + id);
    assertThat(asked).extracting(ApprovalRequest::argumentsDigest).containsOnly(asked.get(0).argumentsDigest());
  }

  @Test
  void anApproverThatThrowsIsAnInternalErrorWithoutItsStackTrace() throws IOException {
    ActionLayer bot = bot(r -> {
      throw new IllegalStateException("approval service at 10.0.0.7 is down");
    });
    String id = createdTask();
    ActionError e = failure(() -> bot.tasks("a").delete(id));
    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("policy: rule 'deletes' requires approval, and the approver failed"
        + " (IllegalStateException); nothing was sent");
    assertThat(a.received).containsExactly("POST /tasks");
    assertThat(lastEvent().decision().approval()).isEqualTo("failed");
    // Logged for a developer, with the cause.
    assertThat(Files.readString(Path.of("target/test-log.txt")))
        .contains("the approver failed on tasks.delete for principal bot (rule deletes)")
        .contains("approval service at 10.0.0.7 is down");
    layer.close();
    ActionLayer silent = layer(DOC, r -> null).forPrincipal("bot");
    assertThat(failure(() -> silent.tasks("a").delete(id)).message()).contains("the approver failed (NullPointerException)");
  }

  @Test
  void aCallThatIsNotApprovedSpendsNoQuota() {
    int[] calls = {0};
    ActionLayer bot = bot(r -> ++calls[0] <= 2 ? ApprovalDecision.pending("ap-1") : ApprovalDecision.approved("alice"));
    NewContact ada = new NewContact("Ada", "Lovelace", null);
    assertThat(failure(() -> bot.contacts("a").create(ada)).code()).isEqualTo(ErrorCode.APPROVAL_REQUIRED);
    assertThat(failure(() -> bot.contacts("a").create(ada)).code()).isEqualTo(ErrorCode.APPROVAL_REQUIRED);
    bot.contacts("a").create(ada); // the quota of one is still whole
    ActionError spent = failure(() -> bot.contacts("a").create(new NewContact("Grace", "Hopper", null)));
    assertThat(spent.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(calls[0]).isEqualTo(3); // an exhausted quota asks nobody
    assertThat(a.received).containsExactly("POST /contacts");
  }

  @Test
  void whatNoRuleAllowsNeverReachesTheApprover() {
    ActionLayer bot = bot(r -> ApprovalDecision.approved("alice"));
    assertThat(failure(() -> bot.tasks("b").delete("T1")).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(asked).isEmpty();
    assertThat(requests()).isZero();
  }
}
