package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.JournalEntry;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.spi.CreateSafety;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SagaTest {
  final FakeTime time = new FakeTime();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  TinyVendor a;
  TinyVendor b;
  ActionLayer layer;

  @BeforeEach
  void start() throws IOException {
    a = new TinyVendor();
    b = new TinyVendor();
    a.server.start();
    b.server.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (layer != null) layer.close();
    a.server.close();
    b.server.close();
  }

  ActionLayer layer(CreateSafety safetyA, CreateSafety safetyB, SagaJournal journal) {
    ActionLayer.Builder builder = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("tok-a"), safetyA),
            p -> p.noRateLimit())
        .connection("b", new TestConnector(b.server.url("/").uri(), Credentials.bearer("tok-b"), safetyB),
            p -> p.noRateLimit())
        .clock(time)
        .sleeper(time)
        .auditSink(events::add)
        .compensationPolicy(new CompensationPolicy(6, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30)));
    if (journal != null) builder.journal(journal);
    layer = builder.build();
    return layer;
  }

  private SagaResult twoSteps() {
    return layer.saga("onboard")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)))
        .step("second", s -> s.tasks("b").create(new NewTask(null, "two", null)))
        .run();
  }

  @Test
  void bothStepsSucceed_completedAndNothingUndone() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    SagaResult r = twoSteps();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED);
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps()).extracting(StepOutcome::status)
        .containsExactly(StepOutcome.Status.COMPLETED, StepOutcome.Status.COMPLETED);
    assertThat(a.records).hasSize(1);
    assertThat(b.records).hasSize(1);
  }

  @Test
  void secondStepFails_firstIsDeleted() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    b.createFaults.add(400);
    SagaResult r = twoSteps();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.failure()).get().extracting(ActionError::code).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(r.residue()).isEmpty();
    assertThat(r.step("first").status()).isEqualTo(StepOutcome.Status.COMPENSATED);
    assertThat(r.step("first").records()).hasSize(1);
    assertThat(r.step("second").status()).isEqualTo(StepOutcome.Status.FAILED);
    assertThat(a.creates.get()).isEqualTo(1);
    assertThat(a.deletes.get()).isEqualTo(1);
    assertThat(a.records).isEmpty();
    assertThat(b.records).isEmpty();
  }

  @Test
  void everyCallOfTheSagaCarriesItsTraceAndStep() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    b.createFaults.add(400);
    SagaResult r = twoSteps();
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.traceId()).isEqualTo(r.traceId()));
    assertThat(events).filteredOn(e -> "tasks.create".equals(e.operation()))
        .extracting(e -> e.context().get("step")).containsExactly("first", "second");
    AuditEvent undo = events.stream().filter(e -> "tasks.delete".equals(e.operation())).findFirst().orElseThrow();
    assertThat(undo.context()).containsEntry("phase", "compensate").containsEntry("sagaId", r.sagaId());
    AuditEvent summary = events.get(events.size() - 1);
    assertThat(summary.operation()).isEqualTo("saga.run");
    assertThat(summary.context()).containsEntry("status", "COMPENSATED");
  }

  @Test
  void compensationOutlastsAnOutageThatOpensTheBreaker() {
    // Real time: Failsafe's breaker measures it, and the compensation must wait the breaker out.
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED),
            p -> p.noRateLimit().backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .breaker(5, 10, Duration.ofMillis(300)))
        .connection("b", new TestConnector(b.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED),
            p -> p.noRateLimit())
        .auditSink(events::add)
        .compensationPolicy(new CompensationPolicy(10, Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofMillis(400)))
        .build();
    b.createFaults.add(400);
    // More 503s than one call's 3 attempts, enough to open the breaker: only a patient undo gets through.
    for (int i = 0; i < 6; i++) a.deleteFaults.add(503);
    SagaResult r = twoSteps();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(a.records).isEmpty();
    assertThat(a.deleteFaults).isEmpty();
    assertThat(events).filteredOn(e -> "tasks.delete".equals(e.operation()))
        .extracting(e -> e.error() == null ? "ok" : e.error().code().name())
        .contains("CIRCUIT_OPEN").endsWith("ok");
  }

  @Test
  void compensationThatKeepsFailing_isResidueNeverSilence() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    b.createFaults.add(400);
    for (int i = 0; i < 100; i++) a.deleteFaults.add(403);
    SagaResult r = twoSteps();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATION_FAILED);
    assertThat(r.residue()).singleElement().satisfies(res -> {
      assertThat(res.connection()).isEqualTo("a");
      assertThat(res.vendor()).isEqualTo("testvendor");
      assertThat(res.id()).isEqualTo(a.records.keySet().iterator().next());
      assertThat(res.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    });
    assertThat(r.step("first").status()).isEqualTo(StepOutcome.Status.COMPENSATION_FAILED);
    AuditEvent summary = events.get(events.size() - 1);
    assertThat(summary.traceId()).isEqualTo(r.traceId());
    assertThat(summary.context()).containsEntry("status", "COMPENSATION_FAILED")
        .containsKey("residue.0");
    assertThat(summary.context().get("residue.0")).contains(r.residue().get(0).id()).contains("PERMISSION_DENIED");
  }

  @Test
  void unknownOutcome_isLookedUpThenDeleted() {
    layer(CreateSafety.KEYED, CreateSafety.FINDABLE, null);
    b.loseCreateAnswers = true; // applied, answer lost; findable so the pipeline itself reconciles
    SagaResult r = layer.saga("onboard")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)))
        .step("second", s -> s.tasks("b").create(new NewTask(null, "two", null)))
        .step("third", s -> { throw ActionException.invalidField("x", "boom"); })
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(b.creates.get()).isEqualTo(1);
    assertThat(b.records).isEmpty();
    assertThat(a.records).isEmpty();
    assertThat(r.step("third").status()).isEqualTo(StepOutcome.Status.FAILED);
  }

  @Test
  void keyedReplayWhoseAnswerIsLostAgain_isRepeatedUntilItAnswers() {
    // Two attempts per call, so that four lost answers stay below the breaker's five.
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED),
            p -> p.noRateLimit().maxAttempts(2))
        .clock(time)
        .sleeper(time)
        .compensationPolicy(new CompensationPolicy(6, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .build();
    // The step's two attempts lose their answers (OUTCOME_UNKNOWN), then so do the two of the
    // compensation's first replay under the same key; the second replay is answered.
    a.loseNextCreateAnswers.set(4);
    SagaResult r = layer.saga("onboard")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)))
        .run();
    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.residue()).isEmpty();
    assertThat(a.creates.get()).isEqualTo(1); // every repeat carried the key: one record, deleted
    assertThat(a.records).isEmpty();
    assertThat(a.loseNextCreateAnswers.get()).isZero();
  }

  @Test
  void retryAfterOfZero_stillWaitsBeforeTheNextUndoAttempt() {
    // A half-open breaker whose one trial permit another call holds answers CIRCUIT_OPEN with a
    // retryAfter of 0 ms; taken literally, the undo would spend every attempt in an instant.
    java.time.Instant[] firstTry = new java.time.Instant[1];
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED),
            p -> p.noRateLimit())
        .clock(time)
        .sleeper(time)
        .compensationPolicy(new CompensationPolicy(6, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .compensation("undo", c -> {
          if (firstTry[0] == null) firstTry[0] = time.instant();
          if (!time.instant().isAfter(firstTry[0])) {
            throw new ActionException(ActionError.builder(ErrorCode.CIRCUIT_OPEN)
                .retryAfter(Duration.ZERO).message("half-open: the trial permit is taken").build());
          }
        })
        .build();
    SagaResult r = layer.saga("s")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)), "undo")
        .step("second", s -> { throw ActionException.invalidField("x", "boom"); })
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(time.sleeps).isNotEmpty().allSatisfy(d -> assertThat(d).isPositive());
  }

  @Test
  void unsafeCreateWithLostAnswer_isResidueWithItsKey() {
    layer(CreateSafety.KEYED, CreateSafety.UNSAFE, null);
    b.loseCreateAnswers = true;
    SagaResult r = twoSteps();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATION_FAILED);
    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(r.residue()).singleElement().satisfies(res -> {
      assertThat(res.id()).isNull();
      assertThat(res.idempotencyKey()).startsWith(r.sagaId());
      assertThat(res.error().code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    });
    assertThat(a.records).isEmpty(); // the first step was still undone
  }

  @Test
  void customCompensationRunsInsteadOfDelete() {
    List<String> undone = new CopyOnWriteArrayList<>();
    ActionLayer.Builder builder = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED))
        .clock(time).sleeper(time)
        .compensation("archive", c -> c.records().forEach(rec -> undone.add(c.step() + ":" + rec.id())));
    layer = builder.build();
    SagaResult r = layer.saga("s")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)), "archive")
        .step("second", s -> { throw new IllegalStateException("bug"); })
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(undone).containsExactly("first:" + a.records.keySet().iterator().next());
    assertThat(a.records).hasSize(1); // archived, not deleted
  }

  @Test
  void unregisteredCompensationIsRefusedWhenDeclared() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    assertThatThrownBy(() -> layer.saga("s").step("x", s -> null, "nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  @Test
  void laterStepReadsAnEarlierOutput() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    SagaResult r = layer.saga("s")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)))
        .step("second", s -> s.tasks("b").create(new NewTask(null, "after " + s.output("first", Task.class).id(), null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED);
  }

  @Test
  void recoveryFinishesASagaInterruptedAfterTheVendorAppliedACreate(@TempDir Path dir) {
    Path file = dir.resolve("sagas.journal");
    // The books of a process that died after sending step 2's create, before recording its answer.
    String saga = "11111111-2222-3333-4444-555555555555";
    var now = time.instant();
    a.records.put("A1", saga + "-0-0");
    String aId = "A1";
    b.records.put("B-orphan", saga + "-1-0");
    try (SagaJournal died = SagaJournal.file(file)) {
      List.of(
        JournalEntry.started(saga, now, "onboard", "0af7651916cd43dd8448eb211c80319c", "default", 3),
        JournalEntry.stepStarted(saga, now, 0, "first", null),
        JournalEntry.intent(saga, now, 0, 0, "a", "tasks", saga + "-0-0", "{\"title\":\"one\"}"),
        JournalEntry.done(saga, now, 0, 0, aId),
        JournalEntry.stepDone(saga, now, 0),
        JournalEntry.stepStarted(saga, now, 1, "second", null),
        JournalEntry.intent(saga, now, 1, 0, "b", "tasks", saga + "-1-0", "{\"title\":\"two\"}"))
          .forEach(died::append);
    }
    layer(CreateSafety.KEYED, CreateSafety.FINDABLE, SagaJournal.file(file));
    var report = layer.recover();
    assertThat(report.sagas()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
      assertThat(r.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(r.step("second").status()).isEqualTo(StepOutcome.Status.FAILED);
    });
    assertThat(a.records).isEmpty();
    assertThat(b.records).isEmpty();
    assertThat(layer.recover().sagas()).isEmpty();
  }
}
