package dev.actionlayer.sagatests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Contact;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed document's scenario, exactly: the contact exists, the Drive folder failed, the contact must go. */
class SeedScenarioTest {
  final FourVendors vendors = new FourVendors();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  ActionLayer layer;

  @AfterEach
  void close() {
    if (layer != null) layer.close();
    vendors.close();
  }

  private ActionLayer layer(Path dir) {
    layer = vendors.layer(p -> p.backoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .journal(SagaJournal.file(dir.resolve("sagas.journal")))
        .auditSink(events::add)
        .build();
    return layer;
  }

  private SagaResult onboard() {
    return layer.saga("onboard-customer")
        .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
        .step("folder", s -> s.folders("drive").create(new NewFolder("Ada Lovelace", null)))
        .run();
  }

  @Test
  void driveFails_contactIsDeleted(@TempDir Path dir) {
    layer(dir);
    vendors.drive.on(Requests.creates()).always().respond(Fault.status(403));
    SagaResult r = onboard();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.failure()).get().extracting(e -> e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(r.step("contact").status()).isEqualTo(StepOutcome.Status.COMPENSATED);
    assertThat(r.step("folder").status()).isEqualTo(StepOutcome.Status.FAILED);
    assertThat(vendors.salesforce.contactCount()).isZero();
    assertThat(vendors.drive.folderCount()).isZero();
    assertThat(events).filteredOn(e -> "contacts.delete".equals(e.operation()))
        .singleElement().satisfies(e -> assertThat(e.traceId()).isEqualTo(r.traceId()));
  }

  @Test
  void allFourVendorsInOneSaga_completeAndKeepEverything(@TempDir Path dir) {
    layer(dir);
    SagaResult r = layer.saga("onboard-customer")
        .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
        .step("folder", s -> s.folders("drive").create(new NewFolder("Ada Lovelace", null)))
        .step("customer", s -> s.contacts("stripe").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
        .step("task", s -> s.tasks("jira").create(new NewTask(FourVendors.JIRA_PROJECT,
            "Onboard " + s.output("contact", Contact.class).id(), null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED);
    assertThat(vendors.liveRecords()).isEqualTo(4);
  }

  @Test
  void lastStepFails_everyEarlierVendorIsCleanedInReverse(@TempDir Path dir) {
    layer(dir);
    vendors.jira.on(Requests.creates()).always().respond(Fault.status(400));
    SagaResult r = layer.saga("onboard-customer")
        .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
        .step("folder", s -> s.folders("drive").create(new NewFolder("Ada Lovelace", null)))
        .step("customer", s -> s.contacts("stripe").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
        .step("task", s -> s.tasks("jira").create(new NewTask(FourVendors.JIRA_PROJECT, "Onboard Ada", null)))
        .run();
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(vendors.liveRecords()).isZero();
    assertThat(events).extracting(AuditEvent::operation).containsSubsequence(
        "contacts.create", "folders.create", "contacts.create", "tasks.create",
        "contacts.delete", "folders.delete", "contacts.delete", "saga.run");
    AuditEvent stripeUndo = events.stream().filter(e -> "contacts.delete".equals(e.operation())).findFirst().orElseThrow();
    assertThat(stripeUndo.connection()).isEqualTo("stripe");
  }
}
