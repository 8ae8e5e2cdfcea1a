package dev.actionlayer.asana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends and how it reads Asana's answers. */
class AsanaWireFormatTest {
  static final String TOKEN = "2/1200000000000001/1209999999999999:0123456789abcdef";
  static final String PROJECT = "1204567890123456";

  private final LayerHarness harness = new LayerHarness("asana", Instant.parse("2024-05-05T18:01:00Z"));
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
    return harness.tasks(Asana.connector(server.url("/api/1.0").uri(), Credentials.bearer(TOKEN)));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body).build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void defaultBaseUriIsAsanasApiRoot() {
    assertThat(Asana.DEFAULT_BASE_URI).hasToString("https://app.asana.com/api/1.0");
  }

  @Test
  void createPostsTheDataEnvelopeWithABearerTokenAndReadsTheCreatedTask() throws Exception {
    server.enqueue(Samples.load("/asana/create-task-201.http"));

    Task task = tasks().create(new NewTask(PROJECT, "Fix login bug", "500s on /login"));

    assertThat(task).isEqualTo(new Task("1204567890123999", PROJECT, "Fix login bug", "500s on /login",
        TaskStatus.OPEN, null, null, null, List.of(), null,
        "https://app.asana.com/0/1204567890123456/1204567890123999", Map.of()));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/1.0/tasks");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(request)).isEqualTo("{\"data\":{\"name\":\"Fix login bug\",\"notes\":\"500s on /login\","
        + "\"projects\":[\"" + PROJECT + "\"]}}");
  }

  @Test
  void createLeavesNotesOutWithoutADescription() throws Exception {
    server.enqueue(json(201, "{\"data\":{\"gid\":\"1204567890123999\",\"name\":\"No notes\",\"notes\":\"\","
        + "\"projects\":[{\"gid\":\"" + PROJECT + "\"}]}}"));

    Task task = tasks().create(new NewTask(PROJECT, "No notes", null));

    assertThat(body(server.takeRequest())).isEqualTo("{\"data\":{\"name\":\"No notes\",\"projects\":[\"" + PROJECT + "\"]}}");
    assertThat(task.description()).as("Asana's empty notes").isNull();
  }

  @Test
  void getAsksOnlyForTheTaskFieldsAndReadsTheFirstProject() throws Exception {
    server.enqueue(json(200, "{\"data\":{\"gid\":\"1204567890123999\",\"name\":\"Fix login bug\",\"notes\":\"\","
        + "\"projects\":[{\"gid\":\"1204567890123456\",\"resource_type\":\"project\"},{\"gid\":\"1204567890120000\"}]}}"));

    Task task = tasks().get("1204567890123999");

    assertThat(task).isEqualTo(new Task("1204567890123999", PROJECT, "Fix login bug", null));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/1.0/tasks/1204567890123999");
    assertThat(request.getUrl().queryParameter("opt_fields"))
        .isEqualTo("name,notes,projects,completed,assignee,due_on,tags.name,permalink_url");
  }

  @Test
  void deleteSendsADeleteAndAcceptsTheEmptyDataRecord() throws Exception {
    server.enqueue(json(200, "{\"data\":{}}"));

    tasks().delete("1204567890123999");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/1.0/tasks/1204567890123999");
    assertThat(body(request)).isEmpty();
  }

  @Test
  void aProjectThatIsNotAGidIsRefusedBeforeAnyRequest() {
    for (String project : new String[] {null, "PROJ", "12 34", "1204567890123456/../x"}) {
      ActionError e = LayerHarness.failure(() -> tasks().create(new NewTask(project, "Fix it", null))).error();

      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.fieldErrors()).containsOnlyKeys("project");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aTaskIdThatIsNotAGidIsRefusedBeforeAnyRequest() {
    ActionError get = LayerHarness.failure(() -> tasks().get("PROJ-12")).error();
    ActionError delete = LayerHarness.failure(() -> tasks().delete("-1")).error();

    assertThat(get.fieldErrors()).isEqualTo(Map.of("id", "is not an Asana gid (1 to 32 digits)"));
    assertThat(delete.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }
}
