package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create must never make a second record: with an external-id field a lost response is repaired
 * by repeating the upsert, which updates the one record; without one, an ambiguous failure is
 * reported as {@code OUTCOME_UNKNOWN} and never repeated.
 */
class SalesforceNoDuplicateCreateTest {
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");
  private static final Predicate<RecordedCall> UPSERTS = c -> c.method().equals("PATCH");
  private static final Predicate<RecordedCall> INSERTS = c -> c.method().equals("POST");

  private final LayerHarness harness = SalesforceHarness.create();
  private final FakeSalesforce sf = new FakeSalesforce();

  @BeforeEach
  void start() {
    sf.requireBearer(SalesforceHarness.TOKEN)
        .externalIdField("Contact", SalesforceHarness.KEY_FIELD)
        .externalIdField("Task", SalesforceHarness.KEY_FIELD);
    sf.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    sf.close();
  }

  private Contacts unkeyed() {
    return harness.contacts(Salesforce.connector(sf.uri(), SalesforceHarness.bearer()));
  }

  private Contacts keyed() {
    return harness.contacts(Salesforce.builder(sf.uri(), SalesforceHarness.bearer())
        .contactExternalIdField(SalesforceHarness.KEY_FIELD).build());
  }

  /** The kit checks the round trip by id; this is the Salesforce part: the fields, and which code says gone. */
  @Test
  void aContactKeepsItsFieldsAndASecondDeleteSaysEntityIsDeleted() {
    Contacts contacts = keyed();

    Contact created = contacts.create(ADA);
    Contact read = contacts.get(created.id());
    contacts.delete(created.id());

    String url = sf.uri() + "/lightning/r/Contact/0035g0000000001AAA/view";
    assertThat(created).isEqualTo(new Contact("0035g0000000001AAA", "Ada", "Lovelace", "ada@example.com", null, null,
        url, Map.of()));
    assertThat(read).isEqualTo(created);
    ActionError gone = LayerHarness.failure(() -> contacts.get(created.id())).error();
    ActionError again = LayerHarness.failure(() -> contacts.delete(created.id())).error();
    assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(gone.vendorCode()).isEqualTo("NOT_FOUND");
    assertThat(again.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(again.vendorCode()).isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void taskRoundTripKeepsTitleDescriptionAndProject() {
    Tasks tasks = harness.tasks(Salesforce.connector(sf.uri(), SalesforceHarness.bearer()));

    Task created = tasks.create(new NewTask("001D000000IqhSLIAZ", "Call Ada", "About the engine"));
    Task read = tasks.get(created.id());

    String url = sf.uri() + "/lightning/r/Task/00T5g0000000001EAA/view";
    // The create's answer is the id; the status, owner and priority Salesforce filled in come with a read.
    assertThat(created).isEqualTo(new Task("00T5g0000000001EAA", "001D000000IqhSLIAZ", "Call Ada", "About the engine",
        null, null, null, null, List.of(), null, url, Map.of()));
    assertThat(read).isEqualTo(new Task("00T5g0000000001EAA", "001D000000IqhSLIAZ", "Call Ada", "About the engine",
        TaskStatus.OPEN, "Not Started", "0055g0000000001AAA", null, List.of(), null, url, Map.of("Priority", "Normal")));
    assertThat(sf.tasks()).singleElement().extracting(FakeSalesforce.StoredTask::status).isEqualTo("Not Started");
  }

  @Test
  void keyedCreateRepeatedOnAnOlderApiThatAnswers204ReadsTheRecordBack() {
    sf.upsertUpdateStatus(204);
    sf.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    Contact contact = keyed().create(ADA);

    assertThat(sf.contacts()).singleElement().extracting(FakeSalesforce.StoredContact::id).isEqualTo(contact.id());
    assertThat(contact.email()).isEqualTo("ada@example.com");
    assertThat(harness.lastEvent().attempts()).extracting(AuditEvent.Attempt::kind)
        .containsExactly("call", "aux", "call");
  }

  @Test
  void keyedCreateWhoseSuccessBodyIsUnreadableIsRepeatedSafely() {
    sf.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    Contact contact = keyed().create(ADA);

    assertThat(sf.contacts()).singleElement().extracting(FakeSalesforce.StoredContact::id).isEqualTo(contact.id());
    assertThat(sf.requestCount(UPSERTS)).isEqualTo(2);
  }

  @Test
  void aRepeatedUpsertIsNotADuplicateOfTheRecordItsFirstAttemptCreated() {
    sf.duplicateRule(true);
    sf.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    Contact contact = keyed().create(ADA);

    assertThat(sf.contacts()).singleElement().extracting(FakeSalesforce.StoredContact::id).isEqualTo(contact.id());
  }

  @Test
  void keyedTaskCreateWhoseResponseIsLostMakesOneTask() {
    sf.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    Tasks tasks = harness.tasks(Salesforce.builder(sf.uri(), SalesforceHarness.bearer())
        .taskExternalIdField(SalesforceHarness.KEY_FIELD).build());

    Task task = tasks.create(new NewTask(null, "Call Ada", null));

    assertThat(sf.tasks()).singleElement().extracting(FakeSalesforce.StoredTask::id).isEqualTo(task.id());
  }

  @Test
  void unkeyedCreateWhoseSuccessBodyIsCutOffIsOutcomeUnknown() {
    sf.on(Requests.creates()).nth(1).respond(Fault.applyThenTruncate());

    ActionError e = LayerHarness.failure(() -> unkeyed().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(sf.requestCount(INSERTS)).isEqualTo(1);
    assertThat(sf.contactCount()).isEqualTo(1);
  }

  /** The unkeyed half (never repeated after a 500) is the kit's retry-safety rule. */
  @Test
  void a500OnAKeyedCreateIsRepeatedAndMakesOneContact() {
    sf.on(Requests.creates()).nth(1).respond(Fault.html(500));

    Contact keyed = keyed().create(ADA);

    assertThat(sf.contacts()).singleElement().extracting(FakeSalesforce.StoredContact::id).isEqualTo(keyed.id());
    assertThat(sf.requestCount(UPSERTS)).isEqualTo(2);
  }

  @Test
  void anExternalIdSharedBySeveralRecordsIsAConflictAndNothingIsWritten() {
    Contacts contacts = keyed();
    // The idempotency key is fresh per call, so the collision is injected rather than seeded.
    sf.on(Requests.creates()).always().respond(Fault.status(300)
        .body("[\"/services/data/v63.0/sobjects/Contact/0035g00000AbCdEQAZ\",\"/services/data/v63.0/sobjects/"
            + "Contact/0035g00000AbCdFQAZ\"]", "application/json;charset=UTF-8"));

    ActionError e = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(sf.requestCount(UPSERTS)).isEqualTo(1);
    assertThat(sf.contactCount()).isZero();
  }

  @Test
  void theDuplicateRuleIsAConflictNamingTheExistingContact() {
    sf.duplicateRule(true);
    Contacts contacts = unkeyed();
    Contact first = contacts.create(ADA);

    ActionError e = LayerHarness.failure(() -> contacts.create(new NewContact("Augusta", "King",
        "ADA@example.com"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("DUPLICATES_DETECTED");
    assertThat(e.message()).endsWith("(matching records: " + first.id() + ")");
    assertThat(sf.contactCount()).isEqualTo(1);
  }

  @Test
  void anIdOfAnotherTypeIsAnInvalidId() {
    ActionError e = LayerHarness.failure(() -> unkeyed().get("00T5g0000000001EAA")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("MALFORMED_ID");
    assertThat(e.fieldErrors()).containsOnlyKeys("id");
  }
}
