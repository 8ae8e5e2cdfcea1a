package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sagas undo a keyed Salesforce create whose outcome is unknown by finding the record by its
 * external id: when the upsert never arrived, nothing is created just to be deleted again.
 */
class SalesforceSagaCompensationTest {
  private static final String FIELD = SalesforceHarness.KEY_FIELD;
  private static final String SAGA = "11111111-2222-3333-4444-555555555555";
  private static final String KEY = SAGA + "-0-0";

  private final FakeTime time = new FakeTime(SalesforceHarness.START);
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final FakeSalesforce sf = new FakeSalesforce();
  private ActionLayer layer;

  @TempDir
  Path dir;

  @BeforeEach
  void start() {
    sf.requireBearer(SalesforceHarness.TOKEN).externalIdField("Contact", FIELD).externalIdField("Task", FIELD);
    sf.start();
  }

  @AfterEach
  void stop() {
    if (layer != null) layer.close();
    sf.close();
  }

  private Connector connector() {
    return Salesforce.builder(sf.uri(), SalesforceHarness.bearer())
        .contactExternalIdField(FIELD).taskExternalIdField(FIELD).build();
  }

  private ActionLayer layer(SagaJournal journal) {
    ActionLayer.Builder builder = ActionLayer.builder()
        .connection("sf", connector(), p -> p.noRateLimit())
        .clock(time)
        .sleeper(time)
        .auditSink(audit::add)
        .compensationPolicy(new CompensationPolicy(4, Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofSeconds(30)));
    if (journal != null) builder.journal(journal);
    layer = builder.build();
    return layer;
  }

  private long upserts() {
    return sf.requestCount(c -> c.method().equals("PATCH"));
  }

  @Test
  void aTaskWhoseEveryUpsertAnswerIsLostIsFoundByKeyAndDeleted() {
    layer(null);
    sf.on(Requests.creates()).always().respond(Fault.applyThenReset());

    SagaResult r = layer.saga("onboard")
        .step("task", s -> s.tasks("sf").create(new NewTask(null, "Call Ada", null)))
        .step("fails", s -> {
          throw ActionException.invalidField("x", "boom");
        })
        .run();

    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(sf.taskCount()).isZero();
    assertThat(sf.insertCount()).isEqualTo(1);
    assertThat(audit).filteredOn(e -> "tasks.find".equals(e.operation())).singleElement()
        .satisfies(e -> assertThat(e.context()).containsEntry("phase", "compensate"));
  }

  @Test
  void recoveryFindsTheContactADeadProcessUpsertedAndDeletesItWithoutUpsertingAgain() {
    VendorWire wire = new VendorWire(sf, SalesforceHarness.TOKEN);
    CallContext context = wire.context(KEY, "contacts.create");
    VendorResponse created = wire.send(connector().contacts().create(
        new NewContact("Ada", "Lovelace", "ada@example.com"), context));
    assertThat(created.status()).isEqualTo(201);
    journalOfTheDeadProcess();
    long upsertsBefore = upserts();

    SagaResult r = layer(SagaJournal.file(dir.resolve("sagas.journal"))).recover().sagas().get(0);

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(sf.contactCount()).isZero();
    assertThat(sf.insertCount()).isEqualTo(1);
    assertThat(upserts()).isEqualTo(upsertsBefore);
  }

  @Test
  void recoveryWhenTheUpsertNeverReachedSalesforceCreatesNothing() {
    journalOfTheDeadProcess();

    SagaResult r = layer(SagaJournal.file(dir.resolve("sagas.journal"))).recover().sagas().get(0);

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.residue()).isEmpty();
    assertThat(sf.insertCount()).isZero();
    assertThat(sf.requests()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.method()).isEqualTo("GET");
      assertThat(c.pathWithoutQuery()).isEqualTo("/services/data/v63.0/query");
      assertThat(c.queryParameter("q"))
          .isEqualTo("SELECT Id,FirstName,LastName,Email,Phone,AccountId FROM Contact WHERE " + FIELD + " = '" + KEY + "' LIMIT 1");
    });
    assertThat(sf.requests()).extracting(RecordedCall::method).doesNotContain("PATCH", "DELETE");
  }

  /** The books of a process that died after starting the contact step's upsert. */
  private void journalOfTheDeadProcess() {
    Instant now = time.instant();
    try (FileJournal died = FileJournal.open(dir.resolve("sagas.journal"))) {
      List.of(
          JournalEntry.started(SAGA, now, "onboard", "0af7651916cd43dd8448eb211c80319c", "default", 2),
          JournalEntry.stepStarted(SAGA, now, 0, "contact", null),
          JournalEntry.intent(SAGA, now, 0, 0, "sf", "contacts", KEY,
              "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}"))
          .forEach(died::append);
    }
  }
}
