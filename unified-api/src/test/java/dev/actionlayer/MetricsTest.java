package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.spi.CreateSafety;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** The layer's Micrometer meters, driven through the public API. */
class MetricsTest extends PipelineTestSupport {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  ActionLayer metered(UnaryOperator<ActionLayer.Builder> more, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = more.apply(ActionLayer.builder()
            .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
                p -> policy.apply(p.noRateLimit()))
            .clock(time).sleeper(time).auditSink(events::add)
            .meterRegistry(registry))
        .build();
    return layer;
  }

  ActionLayer metered(UnaryOperator<ConnectionPolicy.Builder> policy) {
    return metered(UnaryOperator.identity(), policy);
  }

  double count(String name, String... tags) {
    var search = registry.find(name).tags(tags);
    if (search.timer() != null) return search.timer().count();
    if (search.counter() != null) return search.counter().count();
    return 0;
  }

  double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void aRetriedCallCountsOnceWithEachAttemptAndItsWait() {
    metered(UnaryOperator.identity());
    server.enqueue(status(503));
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(count("actionlayer.calls", "connection", "svc", "operation", "tasks.get", "outcome", "SUCCESS"))
        .isEqualTo(1);
    assertThat(count("actionlayer.attempts", "operation", "tasks.get", "status", "5xx", "outcome", "UNAVAILABLE"))
        .isEqualTo(1);
    assertThat(count("actionlayer.attempts", "operation", "tasks.get", "status", "2xx", "outcome", "SUCCESS"))
        .isEqualTo(1);
    assertThat(count("actionlayer.retry.calls", "kind", "successful_with_retry")).isEqualTo(1);
    assertThat(count("actionlayer.retry.calls", "kind", "successful_without_retry")).isZero();
    assertThat(count("actionlayer.waits", "connection", "svc", "reason", "backoff")).isEqualTo(1);

    server.enqueue(status(404));
    thrown(() -> tasks().get("T-2"));
    assertThat(count("actionlayer.calls", "operation", "tasks.get", "outcome", "NOT_FOUND")).isEqualTo(1);
    assertThat(count("actionlayer.retry.calls", "kind", "failed_without_retry")).isEqualTo(1);
    // Tags hold names and codes only: never the record id an agent passed.
    assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags()).extracting(Tag::getValue)
        .doesNotContain("T-1", "T-2", SECRET);
  }

  @Test
  void aRetryAfterIsACooldownAndARetryAfterWait() {
    metered(UnaryOperator.identity());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(count("actionlayer.cooldowns", "connection", "svc", "reason", "RATE_LIMITED")).isEqualTo(1);
    assertThat(registry.get("actionlayer.waits").tags("reason", "retry_after").timer().totalTime(
        java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(3000);
  }

  @Test
  void theBreakerOpeningMovesItsStateGaugeAndCountsTheTransition() {
    metered(p -> p.maxAttempts(1).breaker(2, 2, Duration.ofSeconds(30)));
    assertThat(gauge("actionlayer.circuitbreaker.state", "connection", "svc", "state", "closed")).isEqualTo(1);
    server.enqueue(status(503));
    server.enqueue(status(503));

    thrown(() -> tasks().get("T-1"));
    thrown(() -> tasks().get("T-1"));
    thrown(() -> tasks().get("T-1")); // refused at once

    assertThat(gauge("actionlayer.circuitbreaker.state", "connection", "svc", "state", "open")).isEqualTo(1);
    assertThat(gauge("actionlayer.circuitbreaker.state", "connection", "svc", "state", "closed")).isZero();
    assertThat(count("actionlayer.circuitbreaker.transitions", "from", "closed", "to", "open")).isEqualTo(1);
    assertThat(count("actionlayer.calls", "outcome", "CIRCUIT_OPEN")).isEqualTo(1);
    assertThat(count("actionlayer.attempts", "status", "none", "outcome", "CIRCUIT_OPEN")).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theRetryBudgetGaugeFallsAsRetriesSpendIt() {
    metered(p -> p.maxAttempts(2).retryBudget(0.0, 3));
    assertThat(gauge("actionlayer.retry.budget.tokens", "connection", "svc")).isEqualTo(3);
    server.enqueue(status(503));
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(gauge("actionlayer.retry.budget.tokens", "connection", "svc")).isEqualTo(2);
  }

  @Test
  void aDuplicateCreateIsCountedAsSuppressed() {
    metered(p -> p.duplicateWindow(Duration.ofSeconds(30)));
    server.enqueue(task("T-1"));
    NewTask input = new NewTask("P", "Fix it", null);

    tasks().create(input);
    tasks().create(input);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(count("actionlayer.duplicates.suppressed", "connection", "svc", "operation", "tasks.create"))
        .isEqualTo(1);
    assertThat(count("actionlayer.calls", "operation", "tasks.create", "outcome", "SUCCESS")).isEqualTo(2);
  }

  @Test
  void aCompensatedSagaIsCountedByOutcome() {
    metered(UnaryOperator.identity());
    server.enqueue(task("T-1"));
    server.enqueue(json(400, "{\"error\":\"bad title\"}"));
    server.enqueue(status(204));

    SagaResult r = layer.saga("onboard")
        .step("one", s -> s.tasks("svc").create(new NewTask("P", "one", null)))
        .step("two", s -> s.tasks("svc").create(new NewTask("P", "two", null)))
        .run();

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(count("actionlayer.sagas", "saga", "onboard", "outcome", "COMPENSATED")).isEqualTo(1);
    assertThat(count("actionlayer.saga.residue", "saga", "onboard")).isZero();
  }

  @Test
  void aSagaThatCannotUndoCountsItsResidue() {
    metered(p -> p.maxAttempts(1));
    server.enqueue(task("T-1"));
    server.enqueue(json(400, "{\"error\":\"bad title\"}"));
    for (int i = 0; i < 10; i++) server.enqueue(status(403)); // the delete is refused, every time

    SagaResult r = layer.saga("onboard")
        .step("one", s -> s.tasks("svc").create(new NewTask("P", "one", null)))
        .step("two", s -> s.tasks("svc").create(new NewTask("P", "two", null)))
        .run();

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATION_FAILED);
    assertThat(count("actionlayer.sagas", "saga", "onboard", "outcome", "COMPENSATION_FAILED")).isEqualTo(1);
    assertThat(count("actionlayer.saga.residue", "saga", "onboard")).isEqualTo(r.residue().size()).isEqualTo(1);
  }

  @Test
  void policyDenialsAndApprovalsAreCountedByReasonAndDecision() {
    String policy = "{\"version\":1,\"principals\":{\"bot\":{\"allow\":["
        + "{\"id\":\"reads\",\"operations\":[\"tasks.get\"],\"connections\":[\"svc\"]},"
        + "{\"id\":\"deletes\",\"operations\":[\"tasks.delete\"],\"connections\":[\"svc\"],\"approval\":\"required\"}]}}}";
    metered(b -> b.policy(Policy.parse(policy)).approver(r -> r.arguments().get("id").equals("T-1")
        ? ApprovalDecision.approved("alice") : ApprovalDecision.denied("bob", "no")), UnaryOperator.identity());
    ActionLayer bot = layer.forPrincipal("bot");
    server.enqueue(status(204));

    thrown(() -> bot.tasks("svc").create(new NewTask("P", "x", null)));
    bot.tasks("svc").delete("T-1");
    thrown(() -> bot.tasks("svc").delete("T-2"));

    assertThat(count("actionlayer.policy.denials", "connection", "svc", "operation", "tasks.create", "reason", "no_rule"))
        .isEqualTo(1);
    assertThat(count("actionlayer.policy.denials", "operation", "tasks.delete", "reason", "approval_denied"))
        .isEqualTo(1);
    assertThat(count("actionlayer.approvals", "operation", "tasks.delete", "decision", "approved")).isEqualTo(1);
    assertThat(count("actionlayer.approvals", "operation", "tasks.delete", "decision", "denied")).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutARegistryNothingGoesToMicrometersGlobalRegistry() {
    layer(UnaryOperator.identity());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters())
        .extracting(m -> m.getId().getName()).noneMatch(n -> n.startsWith("actionlayer."));
    assertThat(registry.getMeters()).isEmpty();
  }
}
