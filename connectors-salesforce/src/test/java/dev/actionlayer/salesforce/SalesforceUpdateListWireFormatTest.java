package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
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

/** The exact requests of contacts/tasks update and list, and how their answers read. */
class SalesforceUpdateListWireFormatTest {
  private static final String CONTACT_ID = "0035g0000000001AAA";
  private static final String CONTACT_2 = "0035g0000000002AAA";
  private static final String TASK_ID = "00T5g0000000001EAA";
  private static final String OWNER = "0055g0000000002AAA";
  private static final String ACCOUNT = "0015g0000000001AAA";
  private static final String CONTACT_FIELDS = "Id,FirstName,LastName,Email,Phone,AccountId";
  private static final String TASK_FIELDS = "Id,Subject,Description,WhatId,Status,IsClosed,ActivityDate,OwnerId,Priority";

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

  private Contacts contacts() {
    return harness.contacts(Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer()), p -> p.maxAttempts(1));
  }

  private Tasks tasks() {
    return harness.tasks(Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer()), p -> p.maxAttempts(1));
  }

  private String url(String type, String id) {
    return server.url("/") + "lightning/r/" + type + "/" + id + "/view";
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private static MockResponse noContent() {
    return new MockResponse.Builder().code(204).build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  private static String contactJson(String id, String last) {
    return "{\"attributes\":{\"type\":\"Contact\"},\"Id\":\"" + id + "\",\"FirstName\":\"Ada\",\"LastName\":\"" + last
        + "\",\"Email\":\"ada@example.com\",\"Phone\":\"+44 20 7946 0000\",\"AccountId\":\"" + ACCOUNT + "\","
        + "\"Account\":{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Analytical Engines\"}}";
  }

  private static String taskJson(String status, boolean closed) {
    return "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"" + TASK_ID + "\",\"Subject\":\"Call Ada\",\"Description\":null,"
        + "\"WhatId\":null,\"Status\":\"" + status + "\",\"IsClosed\":" + closed + ",\"ActivityDate\":\"2024-06-01\","
        + "\"OwnerId\":\"" + OWNER + "\",\"Priority\":\"High\"}";
  }

  @Test
  void aContactUpdatePatchesOnlyTheGivenFieldsThenReadsTheContactBack() throws Exception {
    server.enqueue(noContent());
    server.enqueue(json(200, contactJson(CONTACT_ID, "King")));

    Contact contact = contacts().update(CONTACT_ID, ContactChanges.builder().lastName("King").phone("").build());

    assertThat(contact).isEqualTo(new Contact(CONTACT_ID, "Ada", "King", "ada@example.com", "+44 20 7946 0000",
        "Analytical Engines", url("Contact", CONTACT_ID), Map.of("AccountId", ACCOUNT)));
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo("/services/data/v63.0/sobjects/Contact/" + CONTACT_ID);
    assertThat(patch.getHeaders().get("Authorization")).isEqualTo("Bearer " + SalesforceHarness.TOKEN);
    assertThat(patch.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(patch)).isEqualTo("{\"LastName\":\"King\",\"Phone\":null}");
    RecordedRequest get = server.takeRequest();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getUrl().encodedPath()).isEqualTo("/services/data/v63.0/sobjects/Contact/" + CONTACT_ID);
    assertThat(get.getUrl().queryParameter("fields")).isEqualTo(CONTACT_FIELDS);
  }

  @Test
  void aCompanyByNameIsUnsupportedButTheAccountIdAndTitleAreExtras() throws Exception {
    var e = LayerHarness.failure(() -> contacts().update(CONTACT_ID, ContactChanges.builder().company("Acme").build()));
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(e.error().fieldErrors()).containsKey("company");
    var other = LayerHarness.failure(() -> contacts().update(CONTACT_ID,
        ContactChanges.builder().extra(Map.of("Department", "R&D")).build()));
    assertThat(other.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(other.error().fieldErrors()).containsKey("extra.Department");
    var badId = LayerHarness.failure(() -> contacts().update(CONTACT_ID,
        ContactChanges.builder().extra(Map.of("AccountId", "../x")).build()));
    assertThat(badId.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(noContent());
    server.enqueue(json(200, contactJson(CONTACT_ID, "Lovelace")));
    Map<String, String> extra = new java.util.LinkedHashMap<>();
    extra.put("AccountId", ACCOUNT);
    extra.put("Title", "");
    contacts().update(CONTACT_ID, ContactChanges.builder().extra(extra).build());
    assertThat(body(server.takeRequest())).isEqualTo("{\"AccountId\":\"" + ACCOUNT + "\",\"Title\":null}");
  }

  @Test
  void aTaskUpdateMapsStatusOwnerAndDueDate() throws Exception {
    server.enqueue(noContent());
    server.enqueue(json(200, taskJson("Completed", true)));

    Task task = tasks().update(TASK_ID, TaskChanges.builder().status(TaskStatus.DONE).assignee(OWNER)
        .dueDate("2024-06-01").description("").title("Call Ada").build());

    assertThat(task).isEqualTo(new Task(TASK_ID, null, "Call Ada", null, TaskStatus.DONE, "Completed", OWNER,
        "2024-06-01", List.of(), null, url("Task", TASK_ID), Map.of("Priority", "High")));
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo("/services/data/v63.0/sobjects/Task/" + TASK_ID);
    assertThat(body(patch)).isEqualTo("{\"Subject\":\"Call Ada\",\"Description\":null,\"Status\":\"Completed\","
        + "\"OwnerId\":\"" + OWNER + "\",\"ActivityDate\":\"2024-06-01\"}");
    assertThat(server.takeRequest().getUrl().queryParameter("fields")).isEqualTo(TASK_FIELDS);
  }

  @Test
  void canonicalStatusesAreTheStandardPicklistAndAVendorStatusPassesThrough() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(noContent());
      server.enqueue(json(200, taskJson("In Progress", false)));
    }
    tasks().update(TASK_ID, TaskChanges.builder().status(TaskStatus.OPEN).build());
    assertThat(body(server.takeRequest())).isEqualTo("{\"Status\":\"Not Started\"}");
    server.takeRequest();
    Task task = tasks().update(TASK_ID, TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build());
    assertThat(body(server.takeRequest())).isEqualTo("{\"Status\":\"In Progress\"}");
    server.takeRequest();
    tasks().update(TASK_ID, TaskChanges.builder().vendorStatus("Waiting on someone else").build());
    assertThat(body(server.takeRequest())).isEqualTo("{\"Status\":\"Waiting on someone else\"}");
    assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
  }

  @Test
  void labelsAClearedOwnerAndAMalformedOwnerAreRefusedBeforeSending() {
    assertThat(LayerHarness.failure(() -> tasks().update(TASK_ID, TaskChanges.builder().labels(List.of("x")).build()))
        .code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(LayerHarness.failure(() -> tasks().update(TASK_ID, TaskChanges.builder().assignee("").build()))
        .error().fieldErrors()).containsKey("assignee");
    assertThat(LayerHarness.failure(() -> tasks().update(TASK_ID, TaskChanges.builder().assignee("me").build()))
        .error().fieldErrors()).containsKey("assignee");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void contactsListIsASoqlQueryWithEscapedValuesKeyedByIdWithOneRecordPastThePage() throws Exception {
    server.enqueue(json(200, "{\"totalSize\":3,\"done\":true,\"records\":[" + contactJson(CONTACT_ID, "Lovelace")
        + "," + contactJson(CONTACT_2, "Byron") + "," + contactJson("0035g0000000003AAA", "King") + "]}"));

    Page<Contact> page = contacts().list(new ContactQuery("o'brien@example.com", "100%_a\\b", 2, null));

    assertThat(page.items()).extracting(Contact::id).containsExactly(CONTACT_ID, CONTACT_2);
    assertThat(page.items().get(0).company()).isEqualTo("Analytical Engines");
    assertThat(page.nextCursor()).isEqualTo(CONTACT_2);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/services/data/v63.0/query");
    assertThat(request.getUrl().queryParameter("q")).isEqualTo("SELECT " + CONTACT_FIELDS + ",Account.Name FROM Contact"
        + " WHERE Email = 'o\\'brien@example.com' AND Name LIKE '%100\\%\\_a\\\\b%' ORDER BY Id LIMIT 3");
  }

  @Test
  void theCursorContinuesAfterTheLastIdAndAFullLastPageHasNoCursor() throws Exception {
    server.enqueue(json(200, "{\"totalSize\":1,\"done\":true,\"records\":[" + contactJson(CONTACT_2, "Byron") + "]}"));

    Page<Contact> page = contacts().list(new ContactQuery(null, null, 1, CONTACT_ID));

    assertThat(page.items()).hasSize(1);
    assertThat(page.nextCursor()).isNull();
    assertThat(server.takeRequest().getUrl().queryParameter("q")).isEqualTo("SELECT " + CONTACT_FIELDS
        + ",Account.Name FROM Contact WHERE Id > '" + CONTACT_ID + "' ORDER BY Id LIMIT 2");
  }

  @Test
  void anAnswerSplitIntoBatchesStillHasANextPage() throws Exception {
    server.enqueue(json(200, "{\"totalSize\":3,\"done\":false,\"nextRecordsUrl\":\"/services/data/v63.0/query/"
        + "01gD0000002HU6KIAW-1\",\"records\":[" + contactJson(CONTACT_ID, "Lovelace") + "]}"));

    Page<Contact> page = contacts().list(new ContactQuery(null, null, 2, null));

    assertThat(page.items()).hasSize(1);
    assertThat(page.nextCursor()).isEqualTo(CONTACT_ID);
  }

  @Test
  void tasksListFiltersOnRelatedRecordStatusOwnerAndSubject() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

    tasks().list(new TaskQuery(ACCOUNT, TaskStatus.DONE, OWNER, "call 'ada'", 0, null));
    tasks().list(new TaskQuery(null, TaskStatus.IN_PROGRESS, null, null, 10, null));
    tasks().list(new TaskQuery(null, TaskStatus.OPEN, null, null, 10, null));

    assertThat(server.takeRequest().getUrl().queryParameter("q")).isEqualTo("SELECT " + TASK_FIELDS + " FROM Task"
        + " WHERE WhatId = '" + ACCOUNT + "' AND IsClosed = true AND OwnerId = '" + OWNER + "'"
        + " AND Subject LIKE '%call \\'ada\\'%' ORDER BY Id LIMIT 26");
    assertThat(server.takeRequest().getUrl().queryParameter("q")).isEqualTo("SELECT " + TASK_FIELDS + " FROM Task"
        + " WHERE IsClosed = false AND Status != 'Not Started' ORDER BY Id LIMIT 11");
    assertThat(server.takeRequest().getUrl().queryParameter("q")).isEqualTo("SELECT " + TASK_FIELDS + " FROM Task"
        + " WHERE Status = 'Not Started' ORDER BY Id LIMIT 11");
  }

  @Test
  void aCursorThatIsNotARecordIdAndMalformedIdFiltersAreRefusedBeforeSending() {
    var path = LayerHarness.failure(() -> contacts().list(new ContactQuery(null, null, 0,
        "/services/data/v63.0/query/01gD0000002HU6KIAW-2000")));
    assertThat(path.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(path.error().fieldErrors()).containsKey("cursor");
    assertThat(LayerHarness.failure(() -> tasks().list(new TaskQuery("x' OR Name != '", null, null, null, 0, null)))
        .error().fieldErrors()).containsKey("project");
    assertThat(LayerHarness.failure(() -> tasks().list(new TaskQuery(null, null, "someone", null, 0, null)))
        .error().fieldErrors()).containsKey("assignee");
    assertThat(server.getRequestCount()).isZero();
  }
}
