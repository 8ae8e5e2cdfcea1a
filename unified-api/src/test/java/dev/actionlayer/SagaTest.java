package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.saga.CompensationPolicy;
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
  void lookupCutShortAfterOneEmptyAnswer_isNotTakenAsNothingCreated(@TempDir Path dir) {
    // A process died after sending step 1's create to a findable vendor, which applied it.
    Path file = dir.resolve("sagas.journal");
    String saga = "22222222-3333-4444-5555-666666666666";
    var now = java.time.Instant.now();
    b.records.put("B1", saga + "-0-0");
    try (FileJournal died = FileJournal.open(file)) {
      List.of(
        JournalEntry.started(saga, now, "onboard", "0af7651916cd43dd8448eb211c80319c", "default", 2),
        JournalEntry.stepStarted(saga, now, 0, "first", null),
        JournalEntry.intent(saga, now, 0, 0, "b", "tasks", saga + "-0-0", "{\"title\":\"one\"}"))
          .forEach(died::append);
    }
    // The first lookup does not see the record yet (searches lag); two 503s then open the
    // breaker, so the lookup's window ends with one empty answer and nothing after it.
    b.lookupAnswers.add(PipelineTestSupport.json(200, "{\"items\":[]}"));
    b.lookupAnswers.add(PipelineTestSupport.status(503));
    b.lookupAnswers.add(PipelineTestSupport.status(503));
    // Real time: Failsafe's breaker measures it, and the undo must wait it out.
    layer = ActionLayer.builder()
        .connection("b", new TestConnector(b.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.FINDABLE),
            p -> p.noRateLimit().backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .breaker(2, 2, Duration.ofMillis(300)))
        .journal(SagaJournal.file(file))
        .compensationPolicy(new CompensationPolicy(10, Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofMillis(400)))
        .build();
    var report = layer.recover();
    assertThat(report.sagas()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED));
    assertThat(b.records).as("the record one empty answer did not show").isEmpty();
    assertThat(b.lookupAnswers).isEmpty();
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
  void customCompensationActsThroughTheScopesViews_forTheSagasPrincipalOnItsTrace() {
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED))
        .clock(time).sleeper(time)
        .auditSink(events::add)
        .compensation("close", c -> c.records().forEach(rec -> c.tasks(rec.connection()).delete(rec.id())))
        .build();
    SagaResult r = layer.forPrincipal("agent-7").saga("s")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)), "close")
        .step("second", s -> { throw ActionException.invalidField("x", "boom"); })
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(a.records).isEmpty();
    AuditEvent undo = events.stream().filter(e -> "tasks.delete".equals(e.operation())).findFirst().orElseThrow();
    assertThat(undo.traceId()).isEqualTo(r.traceId());
    assertThat(undo.principal()).isEqualTo("agent-7");
    assertThat(undo.context()).containsEntry("sagaId", r.sagaId()).containsEntry("step", "first")
        .containsEntry("phase", "compensate");
  }

  @Test
  void jdbcJournalWithoutItsModule_namesTheArtifactToAdd() {
    javax.sql.DataSource dataSource = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
          throw new AssertionError("the core must not touch the database: " + method.getName());
        });
    assertThatThrownBy(() -> SagaJournal.jdbc(dataSource))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev.actionlayer:saga-journal-postgres");
    assertThatThrownBy(() -> SagaJournal.jdbc(dataSource, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
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
    try (FileJournal died = FileJournal.open(file)) {
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

  private static void writeAsADeadProcess(Path file, List<JournalEntry> entries) {
    try (FileJournal died = FileJournal.open(file)) {
      entries.forEach(died::append);
    }
  }

  @Test
  void recoveryReplaysAKeyedCreateUnderItsKeyToLearnTheIdThenDeletesIt(@TempDir Path dir) {
    Path file = dir.resolve("sagas.journal");
    String saga = "22222222-2222-3333-4444-555555555555";
    var now = time.instant();
    // The vendor applied the create (under the saga's key) but the process died before journaling it.
    a.records.put("A7", saga + "-0-0");
    a.byIdempotencyKey.put(saga + "-0-0", "A7");
    writeAsADeadProcess(file, List.of(
        JournalEntry.started(saga, now, "s", "0af7651916cd43dd8448eb211c80319c", "default", 2),
        JournalEntry.stepStarted(saga, now, 0, "first", null),
        JournalEntry.intent(saga, now, 0, 0, "a", "tasks", saga + "-0-0", "{\"title\":\"one\"}")));
    layer(CreateSafety.KEYED, CreateSafety.KEYED, SagaJournal.file(file));
    var report = layer.recover();
    assertThat(report.count(SagaResult.Status.COMPENSATED)).isEqualTo(1);
    assertThat(a.records).isEmpty();
    assertThat(a.creates.get()).as("the replay made no second record").isZero();
    assertThat(a.deletes.get()).isEqualTo(1);
  }

  @Test
  void recoveryOfACreateThatNeverReachedTheVendorFindsNothingAndDeletesNothing(@TempDir Path dir) {
    Path file = dir.resolve("sagas.journal");
    String saga = "33333333-2222-3333-4444-555555555555";
    var now = time.instant();
    writeAsADeadProcess(file, List.of(
        JournalEntry.started(saga, now, "s", "0af7651916cd43dd8448eb211c80319c", "default", 2),
        JournalEntry.stepStarted(saga, now, 0, "first", null),
        JournalEntry.intent(saga, now, 0, 0, "b", "tasks", saga + "-0-0", "{\"title\":\"one\"}")));
    layer(CreateSafety.KEYED, CreateSafety.FINDABLE, SagaJournal.file(file));
    var report = layer.recover();
    assertThat(report.sagas()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
      assertThat(r.failure().orElseThrow().message()).contains("stopped during step 'first'");
    });
    assertThat(b.lookups.get()).isPositive();
    assertThat(b.deletes.get()).isZero();
    assertThat(b.creates.get()).isZero();
  }

  @Test
  void recoveryOfASagaWhoseStepsAllFinishedMarksItCompletedAndKeepsItsRecords(@TempDir Path dir) {
    Path file = dir.resolve("sagas.journal");
    String saga = "44444444-2222-3333-4444-555555555555";
    var now = time.instant();
    a.records.put("A1", saga + "-0-0");
    writeAsADeadProcess(file, List.of(
        JournalEntry.started(saga, now, "s", "0af7651916cd43dd8448eb211c80319c", "default", 1),
        JournalEntry.stepStarted(saga, now, 0, "first", null),
        JournalEntry.intent(saga, now, 0, 0, "a", "tasks", saga + "-0-0", "{\"title\":\"one\"}"),
        JournalEntry.done(saga, now, 0, 0, "A1"),
        JournalEntry.stepDone(saga, now, 0)));
    layer(CreateSafety.KEYED, CreateSafety.KEYED, SagaJournal.file(file));
    assertThat(layer.recover().sagas()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED));
    assertThat(a.records).containsKey("A1");
    assertThat(a.deletes.get()).isZero();
  }

  @Test
  void recoveryRunsARegisteredCompensationByName_andReportsAMissingOneAsResidue(@TempDir Path dir) {
    Path file = dir.resolve("sagas.journal");
    var now = time.instant();
    for (String saga : List.of("55555555-2222-3333-4444-555555555555", "66666666-2222-3333-4444-555555555555")) {
      writeAsADeadProcess(file, List.of(
          JournalEntry.started(saga, now, "s", "0af7651916cd43dd8448eb211c80319c", "default", 2),
          JournalEntry.stepStarted(saga, now, 0, "first", saga.startsWith("5") ? "archive" : "gone"),
          JournalEntry.intent(saga, now, 0, 0, "a", "tasks", saga + "-0-0", "{\"title\":\"one\"}"),
          JournalEntry.done(saga, now, 0, 0, "A-" + saga.charAt(0)),
          JournalEntry.stepDone(saga, now, 0)));
    }
    List<String> archived = new CopyOnWriteArrayList<>();
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer("t"), CreateSafety.KEYED))
        .clock(time).sleeper(time)
        .journal(SagaJournal.file(file))
        .compensation("archive", c -> c.records().forEach(rec -> archived.add(rec.id())))
        .build();
    var report = layer.recover();
    assertThat(archived).containsExactly("A-5");
    assertThat(report.count(SagaResult.Status.COMPENSATED)).isEqualTo(1);
    assertThat(report.residue()).singleElement().satisfies(res -> {
      assertThat(res.id()).isEqualTo("A-6");
      assertThat(res.error().message()).contains("'gone' is not registered");
    });
  }

  @Test
  void misuseIsRefusedClearly() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    assertThatThrownBy(() -> layer.saga("bad name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.saga("s").run()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no step");
    assertThatThrownBy(() -> layer.saga("s").step("x", s -> null).step("x", s -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate step");
    var saga = layer.saga("s").step("x", s -> null);
    assertThat(saga.run().status()).isEqualTo(SagaResult.Status.COMPLETED);
    assertThatThrownBy(saga::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ran");
  }

  @Test
  void aStepOnAnUnknownConnectionFailsTheSagaWithInvalidRequest() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    SagaResult r = layer.saga("s")
        .step("first", s -> s.tasks("a").create(new NewTask(null, "one", null)))
        .step("second", s -> s.tasks("nope").create(new NewTask(null, "two", null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(a.records).isEmpty();
  }

  @Test
  void identicalInputsInTwoSagasAreTwoRecords_notOneDeduplicatedCall() {
    layer(CreateSafety.KEYED, CreateSafety.KEYED, null);
    SagaResult first = layer.saga("s").step("t", s -> s.tasks("a").create(new NewTask(null, "same", null))).run();
    SagaResult second = layer.saga("s").step("t", s -> s.tasks("a").create(new NewTask(null, "same", null))).run();
    assertThat(first.step("t").records()).isNotEqualTo(second.step("t").records());
    assertThat(a.records).hasSize(2);
  }
}
