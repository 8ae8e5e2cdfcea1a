package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.saga.SagaResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Allow rules, where-constraints, quotas, principals, audit and sagas under a policy, through the layer's views. */
class PolicyEnforcementTest extends PolicyTestSupport {
  static final String TRIAGE = policy("triage-bot",
      "{\"id\":\"a-work\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"a\"],"
          + "\"where\":{\"project\":[\"PROJ\",\"OPS\"]}}");

  @Test
  void withoutAPolicyEveryCallGoesThroughAndNoDecisionIsAudited() {
    layer = builder().build();
    Task t = layer.tasks("a").create(new NewTask("ANY", "t", null));
    layer.tasks("a").delete(t.id());
    assertThat(a.requests()).isEqualTo(2);
    assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.decision()).isNull());
    assertThat(events.get(0).toJson()).doesNotContain("\"decision\"");
  }

  @Test
  void whatNoRuleAllowsIsDeniedWithNothingSent() {
    ActionLayer bot = layer(TRIAGE).forPrincipal("triage-bot");
    ActionError delete = failure(() -> bot.tasks("a").delete("T1"));
    assertThat(delete.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(delete.retryable()).isFalse();
    assertThat(delete.message()).isEqualTo("policy: no rule allows principal 'triage-bot' to call tasks.delete"
        + " on connection 'a'; nothing was sent");
    assertThat(delete.operation()).isEqualTo("tasks.delete");
    assertThat(delete.connection()).isEqualTo("a");
    assertThat(delete.attempts()).isZero();
    assertThat(delete.traceId()).matches("[0-9a-f]{32}");
    assertThat(failure(() -> bot.tasks("b").create(new NewTask("PROJ", "t", null))).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(failure(() -> bot.contacts("a").create(new NewContact("Ada", "Lovelace", null))).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(failure(() -> bot.folders("a").get("F1")).message()).contains("no rule allows");
    assertThat(requests()).isZero();
  }

  @Test
  void aPrincipalThePolicyDoesNotNameMayDoNothing() {
    layer(TRIAGE);
    assertThat(failure(() -> layer.tasks("a").create(new NewTask("PROJ", "t", null))).message())
        .startsWith("policy: no rule allows principal 'default'");
    assertThat(failure(() -> layer.forPrincipal("other-bot").tasks("a").get("T1")).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(requests()).isZero();
  }

  @Test
  void allowedCallsGoThroughForThePrincipalTheyAreAllowedTo() {
    ActionLayer bot = layer(TRIAGE).forPrincipal("triage-bot");
    Task t = bot.tasks("a").create(new NewTask("PROJ", "Fix login", null));
    assertThat(bot.tasks("a").get(t.id()).title()).isEqualTo("Fix login");
    assertThat(a.received).containsExactly("POST /tasks", "GET /tasks/" + t.id());
  }

  @Test
  void whereLimitsArgumentValuesAndNamesTheRuleAndTheField() {
    ActionLayer bot = layer(TRIAGE).forPrincipal("triage-bot");
    ActionError other = failure(() -> bot.tasks("a").create(new NewTask("SECRETPROJ", "t", null)));
    assertThat(other.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(other.message()).isEqualTo("policy: rule 'a-work' allows tasks.create on 'a' only where project"
        + " is one of the values the rule lists; nothing was sent");
    assertThat(other.fieldErrors()).containsEntry("project", "not one of the values rule 'a-work' allows");
    assertThat(other.message() + other.fieldErrors()).doesNotContain("OPS");
    ActionError omitted = failure(() -> bot.tasks("a").create(new NewTask(null, "t", null)));
    assertThat(omitted.fieldErrors()).containsKey("project");
    assertThat(a.requests()).isZero();
    bot.tasks("a").create(new NewTask("OPS", "t", null));
    assertThat(a.requests()).isOne();
  }

  @Test
  void whereOnAFoldersParentAndOnAnId() {
    ActionLayer bot = layer(policy("filer",
        "{\"id\":\"under-root\",\"operations\":[\"folders.create\"],\"connections\":[\"a\"],\"where\":{\"parentId\":[\"R1\"]}},"
            + "{\"id\":\"tidy\",\"operations\":[\"folders.delete\"],\"connections\":[\"a\"],\"where\":{\"id\":[\"F9\"]}}"))
        .forPrincipal("filer");
    assertThat(failure(() -> bot.folders("a").create(new NewFolder("Top", null))).message())
        .contains("rule 'under-root'").contains("parentId is one of the values").doesNotContain("R1");
    assertThat(failure(() -> bot.folders("a").create(new NewFolder("Elsewhere", "R2"))).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(failure(() -> bot.folders("a").delete("F1")).message()).contains("rule 'tidy'").contains("id is one of the values").doesNotContain("F9");
    assertThat(a.requests()).isZero();
    assertThat(bot.folders("a").create(new NewFolder("Inside", "R1")).parentId()).isEqualTo("R1");
    assertThat(failure(() -> bot.folders("a").delete("F9")).code()).isEqualTo(ErrorCode.NOT_FOUND); // allowed: sent
    assertThat(a.received).containsExactly("POST /folders", "DELETE /folders/F9");
  }

  @Test
  void aLaterRuleCanAllowWhatAnEarlierOnesWhereDoesNot() {
    ActionLayer bot = layer(policy("bot",
        "{\"id\":\"proj\",\"operations\":[\"tasks.create\"],\"connections\":[\"*\"],\"where\":{\"project\":[\"PROJ\"]}},"
            + "{\"id\":\"ops-on-b\",\"operations\":[\"tasks.*\"],\"connections\":[\"b\"],\"where\":{\"project\":[\"OPS\"]}}"))
        .forPrincipal("bot");
    bot.tasks("b").create(new NewTask("OPS", "t", null));
    assertThat(lastEvent().decision().rule()).isEqualTo("ops-on-b");
    assertThat(failure(() -> bot.tasks("a").create(new NewTask("OPS", "t", null))).message()).contains("rule 'proj'");
  }

  @Test
  void quotasCountPerPrincipalOnTheLayersClockAndRefill() {
    String doc = "{\"version\":1,\"principals\":{"
        + "\"bot\":{\"allow\":[{\"operations\":[\"*\"],\"connections\":[\"*\"]}],"
        + "\"quotas\":[{\"id\":\"two-creates\",\"operations\":[\"*.create\"],\"limit\":2,\"per\":\"PT1M\"}]},"
        + "\"other\":{\"allow\":[{\"operations\":[\"*\"],\"connections\":[\"*\"]}],"
        + "\"quotas\":[{\"id\":\"two-creates\",\"operations\":[\"*.create\"],\"limit\":2,\"per\":\"PT1M\"}]}}}";
    ActionLayer bot = layer(doc).forPrincipal("bot");
    Task t = bot.tasks("a").create(new NewTask(null, "1", null));
    bot.contacts("a").create(new NewContact(null, "Two", null));
    time.advance(Duration.ofSeconds(20));
    ActionError spent = failure(() -> bot.tasks("a").create(new NewTask(null, "3", null)));
    assertThat(spent.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(spent.retryable()).isFalse();
    assertThat(spent.retryAfter()).contains(Duration.ofSeconds(40));
    assertThat(spent.message()).isEqualTo("policy: quota 'two-creates' of principal 'bot' (2 per PT1M) is spent"
        + " until it refills in 40 seconds; nothing was sent");
    assertThat(a.requests()).isEqualTo(2);
    bot.tasks("a").get(t.id()); // not counted
    layer.forPrincipal("other").tasks("a").create(new NewTask(null, "theirs", null)); // their own bucket
    assertThat(a.requests()).isEqualTo(4);
    assertThat(time.sleeps).isEmpty();
    time.advance(Duration.ofSeconds(40));
    bot.tasks("a").create(new NewTask(null, "4", null));
    assertThat(a.requests()).isEqualTo(5);
  }

  @Test
  void eachCallIsAuditedOnceWithTheDecision() {
    ActionLayer bot = layer(TRIAGE).forPrincipal("triage-bot");
    bot.tasks("a").create(new NewTask("PROJ", "t", null));
    failure(() -> bot.tasks("a").create(new NewTask("NOPE", "t", null)));
    failure(() -> bot.tasks("a").delete("T1"));
    assertThat(events).hasSize(3);
    assertThat(events.get(0).decision()).isEqualTo(new AuditEvent.Decision(true, "a-work", null, "none", null, null));
    assertThat(events.get(0).outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    assertThat(events.get(1).decision()).isEqualTo(new AuditEvent.Decision(false, "a-work", "where", "none", null, null));
    assertThat(events.get(1).attempts()).isEmpty();
    assertThat(events.get(1).error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(events.get(2).decision()).isEqualTo(new AuditEvent.Decision(false, null, "no rule", "none", null, null));
    assertThat(events.get(2).principal()).isEqualTo("triage-bot");
    assertThat(events.get(1).toJson())
        .contains("\"decision\":{\"allowed\":false,\"rule\":\"a-work\",\"reason\":\"where\",\"approval\":\"none\"}");
  }

  @Test
  void aSagaStepIsCheckedAndItsCompensationIsNot() {
    ActionLayer bot = layer(policy("onboarder",
        "{\"id\":\"make-contacts\",\"operations\":[\"contacts.create\"],\"connections\":[\"a\"]}")).forPrincipal("onboarder");
    SagaResult r = bot.saga("onboard")
        .step("contact", s -> s.contacts("a").create(new NewContact("Ada", "Lovelace", null)))
        .step("folder", s -> s.folders("a").create(new NewFolder("Ada", null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(r.failure().orElseThrow().message()).contains("folders.create");
    // The contact was created, then deleted by the compensation although the policy allows no delete.
    assertThat(a.received).containsExactly("POST /contacts", "DELETE /contacts/C1");
    assertThat(a.records).isEmpty();
    assertThat(events.stream().filter(e -> "contacts.delete".equals(e.operation())))
        .singleElement().satisfies(e -> assertThat(e.decision()).isNull());
  }

  @Test
  void aSagaAllowedThroughoutCompletes() {
    ActionLayer bot = layer(policy("onboarder",
        "{\"operations\":[\"contacts.create\",\"folders.create\"],\"connections\":[\"a\"]}")).forPrincipal("onboarder");
    SagaResult r = bot.saga("onboard")
        .step("contact", s -> s.contacts("a").create(new NewContact("Ada", "Lovelace", null)))
        .step("folder", s -> s.folders("a").create(new NewFolder("Ada", null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED);
    assertThat(a.records).hasSize(2);
    assertThat(events.stream().filter(e -> e.decision() != null)).extracting(e -> e.decision().rule())
        .containsExactly("principals.onboarder.allow[0]", "principals.onboarder.allow[0]");
  }

  @Test
  void anInvalidIdFailsValidationBeforeThePolicyIsAsked() {
    ActionLayer bot = layer(TRIAGE).forPrincipal("triage-bot");
    ActionError e = failure(() -> bot.tasks("a").get(".."));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(lastEvent().decision()).isNull();
  }
}
