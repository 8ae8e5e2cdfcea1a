package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.Tasks;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire for each operation, in both create modes, and how the answers are read. */
class SalesforceWireFormatTest {
  private static final String CONTACT_ID = "0035g00000AbCdEQAZ";
  private static final String TASK_ID = "00T5g00000XyZabEAA";
  private static final String ACCOUNT_ID = "001D000000IqhSLIAZ";
  private static final String KEY = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = SalesforceHarness.create();
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Salesforce.Builder builder() {
    return Salesforce.builder(server.url("/").uri(), SalesforceHarness.bearer());
  }

  private Contacts contacts() {
    return harness.contacts(builder().build());
  }

  private Contacts keyedContacts() {
    return harness.contacts(builder().contactExternalIdField(SalesforceHarness.KEY_FIELD).build());
  }

  /** Where the connector links a record: Lightning Experience on the instance. */
  private String url(String type, String id) {
    String base = server.url("/").toString();
    return base + "lightning/r/" + type + "/" + id + "/view";
  }

  private Contact contact(String id, String first, String last, String email) {
    return new Contact(id, first, last, email, null, null, url("Contact", id), Map.of());
  }

  private Task task(String id, String project, String title, String description) {
    return new Task(id, project, title, description, null, null, null, null, List.of(), null, url("Task", id), Map.of());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private static String saved(String id, Boolean created) {
    return "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]" + (created == null ? "" : ",\"created\":" + created) + "}";
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void insertPostsTheContactFieldsWithTheBearerToken() throws Exception {
    server.enqueue(Samples.load("/salesforce/create-sobject-201.http"));

    Contact contact = contacts().create(ADA);

    assertThat(contact).isEqualTo(contact(ACCOUNT_ID, "Ada", "Lovelace", "ada@example.com"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/services/data/v63.0/sobjects/Contact");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SalesforceHarness.TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(request)).isEqualTo("{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Email\":\"ada@example.com\"}");
  }

  @Test
  void insertLeavesOutAbsentFirstNameAndEmail() throws Exception {
    server.enqueue(json(201, saved(CONTACT_ID, null)));

    Contact contact = contacts().create(new NewContact(null, "Lovelace", null));

    assertThat(body(server.takeRequest())).isEqualTo("{\"LastName\":\"Lovelace\"}");
    assertThat(contact).isEqualTo(contact(CONTACT_ID, null, "Lovelace", null));
  }

  @Test
  void keyedCreateUpsertsByTheExternalIdFieldWithTheIdempotencyKey() throws Exception {
    server.enqueue(json(201, saved(CONTACT_ID, true)));

    Contact contact = keyedContacts().create(ADA);

    assertThat(contact.id()).isEqualTo(CONTACT_ID);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getTarget()).matches("/services/data/v63\\.0/sobjects/Contact/Actionlayer_Key__c/" + KEY);
    // Salesforce refuses the external-id field in an upsert's body: the URL carries the key.
    assertThat(body(request)).isEqualTo("{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Email\":\"ada@example.com\"}");
    AuditEvent event = harness.lastEvent();
    assertThat(request.getTarget()).endsWith("/" + event.idempotencyKey());
  }

  @Test
  void keyedCreateThatUpdatedWith200TakesTheIdFromTheBody() throws Exception {
    server.enqueue(json(200, saved(CONTACT_ID, false)));

    Contact contact = keyedContacts().create(ADA);

    assertThat(contact).isEqualTo(contact(CONTACT_ID, "Ada", "Lovelace", "ada@example.com"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void keyedCreateThatUpdatedWith204ReadsTheRecordBackByItsKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(json(200, "{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/"
        + CONTACT_ID + "\"},\"Id\":\"" + CONTACT_ID + "\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
        + "\"Email\":\"ada@example.com\"}"));

    Contact contact = keyedContacts().create(ADA);

    assertThat(contact).isEqualTo(contact(CONTACT_ID, "Ada", "Lovelace", "ada@example.com"));
    String upsert = server.takeRequest().getTarget();
    RecordedRequest readBack = server.takeRequest();
    assertThat(readBack.getMethod()).isEqualTo("GET");
    assertThat(readBack.getUrl().encodedPath()).isEqualTo(upsert);
    assertThat(readBack.getUrl().queryParameter("fields")).isEqualTo("Id,FirstName,LastName,Email,Phone,AccountId");
    assertThat(harness.lastEvent().attempts()).extracting(AuditEvent.Attempt::kind).containsExactly("aux", "call");
  }

  @Test
  void aReadBackThatFindsNothingLeavesTheOutcomeUnknownNamingWhy() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(Samples.load("/salesforce/not-found-404.http"));
    Contacts contacts = harness.contacts(builder().contactExternalIdField(SalesforceHarness.KEY_FIELD).build(),
        p -> p.maxAttempts(1));

    var e = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(e.code()).isEqualTo(dev.actionlayer.ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.message()).contains("NOT_FOUND", "The requested resource does not exist");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void taskInsertMapsTitleDescriptionAndProject() throws Exception {
    server.enqueue(json(201, saved(TASK_ID, null)));
    Tasks tasks = harness.tasks(builder().build());

    Task task = tasks.create(new NewTask(ACCOUNT_ID, "Call Ada", "About the engine\nnotes"));

    assertThat(task).isEqualTo(task(TASK_ID, ACCOUNT_ID, "Call Ada", "About the engine\nnotes"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/services/data/v63.0/sobjects/Task");
    assertThat(body(request)).isEqualTo("{\"Subject\":\"Call Ada\",\"Description\":\"About the engine\\nnotes\","
        + "\"WhatId\":\"" + ACCOUNT_ID + "\"}");
  }

  @Test
  void taskWithoutProjectOrDescriptionSendsOnlyTheSubject() throws Exception {
    server.enqueue(json(201, saved(TASK_ID, null)));

    Task task = harness.tasks(builder().build()).create(new NewTask(null, "Call Ada", ""));

    assertThat(body(server.takeRequest())).isEqualTo("{\"Subject\":\"Call Ada\"}");
    assertThat(task).isEqualTo(task(TASK_ID, null, "Call Ada", null));
  }

  @Test
  void keyedTaskCreateUpsertsByTheTaskExternalIdField() throws Exception {
    server.enqueue(json(201, saved(TASK_ID, true)));
    Tasks tasks = harness.tasks(builder().taskExternalIdField("ns__Op_Key__c").apiVersion("v59.0").build());

    tasks.create(new NewTask(null, "Call Ada", null));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getTarget()).matches("/services/data/v59\\.0/sobjects/Task/ns__Op_Key__c/" + KEY);
  }

  @Test
  void getAsksForTheFieldsItReadsAndReadsTheRecord() throws Exception {
    server.enqueue(json(200, "{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/"
        + "Contact/" + CONTACT_ID + "\"},\"Email\":null,\"LastName\":\"Lovelace\",\"Id\":\"" + CONTACT_ID + "\","
        + "\"FirstName\":\"Ada\",\"OwnerId\":\"0055g00000AbCdEAAV\"}"));

    Contact contact = contacts().get(CONTACT_ID);

    assertThat(contact).isEqualTo(contact(CONTACT_ID, "Ada", "Lovelace", null));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/services/data/v63.0/sobjects/Contact/" + CONTACT_ID);
    assertThat(request.getUrl().queryParameter("fields")).isEqualTo("Id,FirstName,LastName,Email,Phone,AccountId");
  }

  @Test
  void getOfATaskReadsWhatIdAsTheProject() throws Exception {
    server.enqueue(json(200, "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"" + TASK_ID + "\",\"Subject\":\"Call\","
        + "\"Description\":null,\"WhatId\":\"" + ACCOUNT_ID + "\"}"));

    Task task = harness.tasks(builder().build()).get(TASK_ID.substring(0, 15));

    assertThat(task).isEqualTo(task(TASK_ID, ACCOUNT_ID, "Call", null));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/services/data/v63.0/sobjects/Task/" + TASK_ID.substring(0, 15));
    assertThat(request.getUrl().queryParameter("fields"))
        .isEqualTo("Id,Subject,Description,WhatId,Status,IsClosed,ActivityDate,OwnerId,Priority");
  }

  @Test
  void deleteSendsADeleteForTheRecordAndAccepts204() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    contacts().delete(CONTACT_ID);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/services/data/v63.0/sobjects/Contact/" + CONTACT_ID);
    assertThat(body(request)).isEmpty();
  }

  @Test
  void aCreateAnswerWithoutAnIdIsAnUnreadableBodyNotAContact() {
    server.enqueue(json(201, "{\"success\":true,\"errors\":[]}"));

    var e = LayerHarness.failure(() -> harness.contacts(builder().build(), p -> p.maxAttempts(1)).create(ADA));

    assertThat(e.code()).isEqualTo(dev.actionlayer.ErrorCode.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
