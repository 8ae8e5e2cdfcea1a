package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.io.IOException;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeAsana's own answers, over plain HTTP. */
class FakeAsanaTest {
  private static final String TASK = "{\"data\":{\"name\":\"Fix login bug\",\"notes\":\"500s\",\"projects\":[\"1204567890123456\"]}}";

  private final FakeAsana asana = new FakeAsana().requireBearer("pat-123");
  private final FakeHttp http = new FakeHttp(asana);

  @BeforeEach
  void start() {
    asana.start();
  }

  @AfterEach
  void stop() {
    asana.close();
  }

  private Response send(String method, String path, String body) throws IOException {
    RequestBody payload = body == null ? null : RequestBody.create(body, FakeHttp.JSON);
    return http.execute(http.request(path).header("Authorization", "Bearer pat-123").method(method, payload));
  }

  @Test
  void createsReadsAndDeletesATaskUnderEitherRoot() throws IOException {
    Response created = send("POST", "/api/1.0/tasks", TASK);
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/api/1.0/tasks/1209000000000001");
    assertThat(FakeHttp.body(created)).isEqualTo("{\"data\":{\"gid\":\"1209000000000001\",\"resource_type\":\"task\","
        + "\"resource_subtype\":\"default_task\",\"name\":\"Fix login bug\",\"notes\":\"500s\",\"completed\":false,"
        + "\"projects\":[{\"gid\":\"1204567890123456\",\"resource_type\":\"project\"}],\"assignee\":null,"
        + "\"due_on\":null,\"tags\":[],\"permalink_url\":\"https://app.asana.com/0/1204567890123456/1209000000000001\"}}");

    assertThat(FakeHttp.body(send("GET", "/tasks/1209000000000001?opt_fields=name,projects.name", null)))
        .isEqualTo("{\"data\":{\"gid\":\"1209000000000001\",\"name\":\"Fix login bug\","
            + "\"projects\":[{\"gid\":\"1204567890123456\",\"resource_type\":\"project\"}]}}");
    assertThat(FakeHttp.body(send("DELETE", "/api/1.0/tasks/1209000000000001", null))).isEqualTo("{\"data\":{}}");
    assertThat(asana.taskCount()).isZero();
    assertThat(FakeHttp.body(send("GET", "/tasks/1209000000000001", null)))
        .contains("\"message\":\"task: Unknown object: 1209000000000001\"");
  }

  @Test
  void refusesAMissingNameOrProjectAndABadProjectGid() throws IOException {
    assertThat(FakeHttp.body(send("POST", "/tasks", "{\"data\":{\"projects\":[\"1\"]}}"))).contains("name: Missing input");
    assertThat(FakeHttp.body(send("POST", "/tasks", "{\"data\":{\"name\":\"x\"}}"))).contains("workspace: Missing input");
    assertThat(FakeHttp.body(send("POST", "/tasks", "{\"data\":{\"name\":\"x\",\"projects\":[\"PROJ\"]}}")))
        .contains("projects: [0]: Not a recognized ID");
    assertThat(asana.taskCount()).isZero();
  }

  @Test
  void answersAWrongTokenWithTheDocumented401() throws IOException {
    Response response = http.post("/tasks", TASK);

    assertThat(response.code()).isEqualTo(401);
    assertThat(FakeHttp.body(response)).isEqualTo("{\"errors\":[{\"message\":\"Not Authorized\"}]}");
    assertThat(asana.taskCount()).isZero();
  }

  @Test
  void putChangesOnlyTheMembersGivenAndAnswersTheWholeTask() throws IOException {
    send("POST", "/tasks", TASK);

    Response put = send("PUT", "/tasks/1209000000000001",
        "{\"data\":{\"completed\":true,\"assignee\":\"1200000000000042\",\"due_on\":\"2024-06-01\"}}");

    assertThat(put.code()).isEqualTo(200);
    assertThat(FakeHttp.body(put)).contains("\"name\":\"Fix login bug\"", "\"completed\":true",
        "\"assignee\":{\"gid\":\"1200000000000042\"", "\"due_on\":\"2024-06-01\"");
    assertThat(asana.tasks()).singleElement().isEqualTo(new FakeAsana.StoredTask("1209000000000001",
        "1204567890123456", "Fix login bug", "500s", true, "1200000000000042", "2024-06-01"));
    send("PUT", "/tasks/1209000000000001", "{\"data\":{\"assignee\":null,\"due_on\":null}}");
    assertThat(asana.tasks().get(0).assignee()).isNull();
    assertThat(FakeHttp.body(send("PUT", "/tasks/1209000000000009", "{\"data\":{\"name\":\"x\"}}")))
        .contains("task: Unknown object: 1209000000000009");
  }

  @Test
  void listPagesAProjectsTasksWithOffsetTokens() throws IOException {
    for (int i = 0; i < 3; i++) send("POST", "/tasks", TASK);

    String first = FakeHttp.body(send("GET", "/tasks?project=1204567890123456&limit=2&opt_fields=name", null));
    assertThat(first).contains("1209000000000001", "1209000000000002").doesNotContain("1209000000000003")
        .contains("\"next_page\":{\"offset\":\"eyJvZmZzZXQiOi");
    String token = first.replaceAll(".*\"offset\":\"([^\"]+)\".*", "$1");
    String second = FakeHttp.body(send("GET", "/tasks?project=1204567890123456&limit=2&offset=" + token, null));
    assertThat(second).contains("1209000000000003").endsWith("\"next_page\":null}");
    assertThat(FakeHttp.body(send("GET", "/tasks?project=1204567890123456&limit=2&offset=nope", null)))
        .contains("offset: Your pagination token is invalid");
  }

  @Test
  void onlyPostToTasksIsACreate() {
    assertThat(asana.isCreate(new RecordedCall("POST", "/api/1.0/tasks", Map.of(), ""))).isTrue();
    assertThat(asana.isCreate(new RecordedCall("POST", "/tasks/1/stories", Map.of(), ""))).isFalse();
  }
}
