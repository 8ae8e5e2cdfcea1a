package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The exact requests of tasks.update and tasks.list, and how their answers read. */
class JiraUpdateListWireFormatTest {
  private static final String FIELDS = "summary,description,project,status,assignee,duedate,labels";
  private static final String STATUS_TO_DO = "{\"name\":\"To Do\",\"id\":\"10000\",\"statusCategory\":{\"key\":\"new\"}}";
  private static final String STATUS_DONE = "{\"name\":\"Done\",\"id\":\"10002\",\"statusCategory\":{\"key\":\"done\"}}";
  private static final String STATUS_REVIEW =
      "{\"name\":\"In Review\",\"id\":\"10001\",\"statusCategory\":{\"key\":\"indeterminate\"}}";

  private final LayerHarness harness = JiraHarness.create();
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

  private Tasks tasks() {
    return harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()), p -> p.maxAttempts(1));
  }

  private String site() {
    String base = server.url("/").toString();
    return base.substring(0, base.length() - 1);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private static MockResponse noContent() {
    return new MockResponse.Builder().code(204).build();
  }

  private static String issue(String status) {
    return "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"fields\":{\"summary\":\"Fix login\",\"project\":{\"key\":\"PROJ\"},"
        + "\"status\":" + status + ",\"assignee\":{\"accountId\":\"5b10a2844c20165700ede21g\"},"
        + "\"duedate\":\"2024-06-01\",\"labels\":[\"web\"]}}";
  }

  private static String withTransitions(String status, String... transitions) {
    return "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"fields\":{\"status\":" + status + "},\"transitions\":["
        + String.join(",", transitions) + "]}";
  }

  private static String transition(String id, String to) {
    return "{\"id\":\"" + id + "\",\"name\":\"t" + id + "\",\"to\":" + to + "}";
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void anEditSendsOnlyTheGivenFieldsThenReadsTheIssueBack() throws Exception {
    server.enqueue(noContent());
    server.enqueue(json(200, issue(STATUS_TO_DO)));

    Task task = tasks().update("10000", TaskChanges.builder().title("Fix login").build());

    assertThat(task).isEqualTo(new Task("10000", "PROJ", "Fix login", null, TaskStatus.OPEN, "To Do",
        "5b10a2844c20165700ede21g", "2024-06-01", List.of("web"), "PROJ-1", site() + "/browse/PROJ-1", Map.of()));
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo("/rest/api/3/issue/10000");
    assertThat(put.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(put)).isEqualTo("{\"fields\":{\"summary\":\"Fix login\"}}");
    RecordedRequest get = server.takeRequest();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getUrl().encodedPath()).isEqualTo("/rest/api/3/issue/10000");
    assertThat(get.getUrl().queryParameter("fields")).isEqualTo(FIELDS);
  }

  @Test
  void everyEditableFieldHasItsJiraShapeAndEmptyClears() throws Exception {
    server.enqueue(noContent());
    server.enqueue(json(200, issue(STATUS_TO_DO)));
    server.enqueue(noContent());
    server.enqueue(json(200, issue(STATUS_TO_DO)));

    tasks().update("PROJ-1", TaskChanges.builder().description("One\n\nTwo").assignee("5b10a2844c20165700ede21g")
        .dueDate("2024-06-01").labels(List.of("web", "p1")).build());
    tasks().update("PROJ-1", TaskChanges.builder().description("").assignee("").dueDate("").labels(List.of()).build());

    assertThat(body(server.takeRequest())).isEqualTo("{\"fields\":{\"description\":{\"type\":\"doc\",\"version\":1,"
        + "\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"One\"}]},"
        + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Two\"}]}]},"
        + "\"assignee\":{\"accountId\":\"5b10a2844c20165700ede21g\"},\"duedate\":\"2024-06-01\","
        + "\"labels\":[\"web\",\"p1\"]}}");
    server.takeRequest();
    assertThat(body(server.takeRequest()))
        .isEqualTo("{\"fields\":{\"description\":null,\"assignee\":null,\"duedate\":null,\"labels\":[]}}");
  }

  @Test
  void aStatusChangeLooksUpTheTransitionsAndAppliesTheOneToTheCategory() throws Exception {
    server.enqueue(json(200, withTransitions(STATUS_TO_DO, transition("21", STATUS_REVIEW),
        transition("31", STATUS_DONE))));
    server.enqueue(noContent());
    server.enqueue(json(200, issue(STATUS_DONE)));

    Task task = tasks().update("PROJ-1", TaskChanges.builder().status(TaskStatus.DONE).build());

    assertThat(task.status()).isEqualTo(TaskStatus.DONE);
    assertThat(task.vendorStatus()).isEqualTo("Done");
    RecordedRequest lookup = server.takeRequest();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/rest/api/3/issue/PROJ-1");
    assertThat(lookup.getUrl().queryParameter("fields")).isEqualTo("status");
    assertThat(lookup.getUrl().queryParameter("expand")).isEqualTo("transitions");
    RecordedRequest move = server.takeRequest();
    assertThat(move.getMethod()).isEqualTo("POST");
    assertThat(move.getTarget()).isEqualTo("/rest/api/3/issue/PROJ-1/transitions");
    assertThat(body(move)).isEqualTo("{\"transition\":{\"id\":\"31\"}}");
    RecordedRequest read = server.takeRequest();
    assertThat(read.getMethod()).isEqualTo("GET");
    assertThat(read.getUrl().queryParameter("fields")).isEqualTo(FIELDS);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aVendorStatusIsMatchedByTheTargetStatusNameAndOtherFieldsAreEditedAfterTheTransition() throws Exception {
    server.enqueue(json(200, withTransitions(STATUS_TO_DO, transition("31", STATUS_DONE),
        transition("41", STATUS_REVIEW))));
    server.enqueue(noContent());
    server.enqueue(noContent());
    server.enqueue(json(200, issue(STATUS_REVIEW)));

    Task task = tasks().update("PROJ-1", TaskChanges.builder().vendorStatus("in review").title("Review me").build());

    assertThat(task.vendorStatus()).isEqualTo("In Review");
    assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    server.takeRequest();
    assertThat(body(server.takeRequest())).isEqualTo("{\"transition\":{\"id\":\"41\"}}");
    RecordedRequest edit = server.takeRequest();
    assertThat(edit.getMethod()).isEqualTo("PUT");
    assertThat(body(edit)).isEqualTo("{\"fields\":{\"summary\":\"Review me\"}}");
  }

  @Test
  void anIssueAlreadyInTheStatusIsNotTransitionedSoARepeatChangesNothing() throws Exception {
    server.enqueue(json(200, withTransitions(STATUS_DONE, transition("11", STATUS_TO_DO))));
    server.enqueue(json(200, issue(STATUS_DONE)));

    Task task = tasks().update("PROJ-1", TaskChanges.builder().status(TaskStatus.DONE).build());

    assertThat(task.status()).isEqualTo(TaskStatus.DONE);
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void noTransitionToTheStatusIsAnInvalidRequestNamingStatusAndNothingIsChanged() throws Exception {
    server.enqueue(json(200, withTransitions(STATUS_TO_DO, transition("41", STATUS_REVIEW))));

    var e = LayerHarness.failure(() -> tasks().update("PROJ-1",
        TaskChanges.builder().status(TaskStatus.DONE).title("Done?").build()));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.error().fieldErrors()).containsKey("status");
    assertThat(e.error().message()).contains("'To Do'", "category Done");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void vendorSpecificExtrasAreUnsupportedBeforeAnythingIsSent() {
    var e = LayerHarness.failure(() -> tasks().update("PROJ-1",
        TaskChanges.builder().extra(Map.of("priority", "High")).build()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(e.error().fieldErrors()).containsKey("extra.priority");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void listSearchesWithQuotedJqlAndReadsThePageAndItsToken() throws Exception {
    server.enqueue(json(200, "{\"issues\":[" + issue(STATUS_DONE) + "],\"nextPageToken\":\"CAEaAggD\",\"isLast\":false}"));

    Page<Task> page = tasks().list(new TaskQuery("PROJ", TaskStatus.DONE, "5b10a2844c20165700ede21g",
        "Login FAILS on Safari!", 10, null));

    assertThat(page.items()).extracting(Task::key).containsExactly("PROJ-1");
    assertThat(page.nextCursor()).isEqualTo("CAEaAggD");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/rest/api/3/search/jql");
    assertThat(request.getUrl().queryParameter("jql")).isEqualTo("project = \"PROJ\" AND statusCategory = \"Done\""
        + " AND assignee = \"5b10a2844c20165700ede21g\" AND text ~ \"login fails on safari\" ORDER BY created DESC");
    assertThat(request.getUrl().queryParameter("fields")).isEqualTo(FIELDS);
    assertThat(request.getUrl().queryParameter("maxResults")).isEqualTo("10");
    assertThat(request.getUrl().queryParameter("nextPageToken")).isNull();
  }

  @Test
  void theCursorIsSentAsNextPageTokenAndTheLastPageHasNone() throws Exception {
    server.enqueue(json(200, "{\"issues\":[],\"isLast\":true}"));

    Page<Task> page = tasks().list(new TaskQuery("PROJ", null, null, null, 0, "CAEaAggD"));

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isNull();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().queryParameter("nextPageToken")).isEqualTo("CAEaAggD");
    assertThat(request.getUrl().queryParameter("maxResults")).isEqualTo("25");
  }

  @Test
  void agentValuesStayDataInsideJqlLiterals() throws Exception {
    server.enqueue(json(200, "{\"issues\":[],\"isLast\":true}"));

    tasks().list(new TaskQuery("P\" OR project = \"X", null, "a\\\" OR 1=1", "x\" OR labels = \"y", 0, null));

    assertThat(server.takeRequest().getUrl().queryParameter("jql")).isEqualTo("project = \"P\\\" OR project = \\\"X\""
        + " AND assignee = \"a\\\\\\\" OR 1=1\" AND text ~ \"x or labels = y\" ORDER BY created DESC");
  }

  @Test
  void aListWithoutFiltersAForeignCursorOrWordlessTextIsRefusedBeforeSending() {
    assertThat(LayerHarness.failure(() -> tasks().list(TaskQuery.all())).error().fieldErrors()).containsKey("project");
    assertThat(LayerHarness.failure(() -> tasks().list(new TaskQuery("PROJ", null, null, null, 0, "../../x?y")))
        .error().fieldErrors()).containsKey("cursor");
    assertThat(LayerHarness.failure(() -> tasks().list(new TaskQuery("PROJ", null, null, "*?!", 0, null)))
        .error().fieldErrors()).containsKey("text");
    assertThat(server.getRequestCount()).isZero();
  }
}
