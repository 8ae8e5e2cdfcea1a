package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeJira's edit, workflow transitions and JQL search with pages. */
class FakeJiraEditSearchTest {
  private final FakeJira jira = new FakeJira();
  private JiraHttp http;

  @BeforeEach
  void start() {
    jira.start();
    http = new JiraHttp(jira);
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  private String search(String jql, String more) throws IOException {
    return JiraHttp.body(http.get("/rest/api/3/search/jql?jql=" + URLEncoder.encode(jql, StandardCharsets.UTF_8)
        + more));
  }

  @Test
  void anEditSetsOnlyTheFieldsGivenAndNullClears() throws IOException {
    JiraHttp.body(http.create("Fix the build", "one"));

    try (Response edited = http.put("/rest/api/3/issue/PROJ-1", "{\"fields\":{\"summary\":\"Fix it\","
        + "\"assignee\":{\"accountId\":\"5b10a2844c20165700ede21g\"},\"duedate\":\"2024-06-01\",\"labels\":[\"a\",\"b\"]}}")) {
      assertThat(edited.code()).isEqualTo(204);
      assertThat(edited.body().string()).isEmpty();
    }
    assertThat(jira.issues()).containsExactly(new FakeJira.Issue("10000", "PROJ-1", "PROJ", "Fix it", null,
        List.of("a", "b"), "To Do", "5b10a2844c20165700ede21g", "2024-06-01"));

    assertThat(JiraHttp.code(http.put("/rest/api/3/issue/10000",
        "{\"fields\":{\"assignee\":null,\"duedate\":null,\"labels\":[]}}"))).isEqualTo(204);
    assertThat(jira.issues()).containsExactly(new FakeJira.Issue("10000", "PROJ-1", "PROJ", "Fix it", null,
        List.of(), "To Do", null, null));
    assertThat(JiraHttp.body(http.get("/rest/api/3/issue/10000?fields=assignee,duedate,labels")))
        .contains("\"fields\":{\"labels\":[],\"assignee\":null,\"duedate\":null}");
  }

  @Test
  void anEditRefusesUnknownAndInvalidFieldsAllAtOnceAndChangesNothing() throws IOException {
    JiraHttp.body(http.create("Fix the build"));

    try (Response refused = http.put("/rest/api/3/issue/PROJ-1", "{\"fields\":{\"summary\":\"\","
        + "\"status\":{\"name\":\"Done\"},\"duedate\":\"tomorrow\"}}")) {
      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.body().string()).isEqualTo("{\"errorMessages\":[],\"errors\":{"
          + "\"summary\":\"You must specify a summary of the issue.\","
          + "\"status\":\"Field 'status' cannot be set. It is not on the appropriate screen, or unknown.\","
          + "\"duedate\":\"Error parsing date string: tomorrow\"}}");
    }
    assertThat(jira.issues()).extracting(FakeJira.Issue::summary).containsExactly("Fix the build");
    assertThat(JiraHttp.code(http.put("/rest/api/3/issue/PROJ-9", "{\"fields\":{\"summary\":\"x\"}}")))
        .isEqualTo(404);
  }

  @Test
  void transitionsAreListedFromTheCurrentStatusAndApplied() throws IOException {
    JiraHttp.body(http.create("Fix the build"));

    String listed = JiraHttp.body(http.get("/rest/api/3/issue/PROJ-1/transitions"));
    assertThat(listed).startsWith("{\"expand\":\"transitions\",\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"")
        .contains("\"id\":\"41\"", "\"id\":\"31\"", "\"key\":\"done\"").doesNotContain("\"id\":\"11\"");
    assertThat(JiraHttp.body(http.get("/rest/api/3/issue/PROJ-1?fields=status&expand=transitions")))
        .contains("\"status\":{\"name\":\"To Do\"", "\"key\":\"new\"", "\"transitions\":[{\"id\":\"21\"");

    assertThat(JiraHttp.code(http.post("/rest/api/3/issue/PROJ-1/transitions", "{\"transition\":{\"id\":\"31\"}}")))
        .isEqualTo(204);
    assertThat(jira.issues()).extracting(FakeJira.Issue::status).containsExactly("Done");

    try (Response again = http.post("/rest/api/3/issue/PROJ-1/transitions", "{\"transition\":{\"id\":\"31\"}}")) {
      assertThat(again.code()).isEqualTo(400);
      assertThat(again.body().string())
          .isEqualTo("{\"errorMessages\":[\"Transition id '31' is not valid for this issue.\"],\"errors\":{}}");
    }
  }

  @Test
  void searchFiltersByProjectStatusCategoryAssigneeAndText() throws IOException {
    JiraHttp.body(http.create("Login fails on Safari"));
    JiraHttp.body(http.create("Logout button missing"));
    JiraHttp.body(http.post("/rest/api/3/issue", "{\"fields\":{\"project\":{\"key\":\"OPS\"},"
        + "\"summary\":\"Login page slow\",\"issuetype\":{\"name\":\"Task\"}}}"));
    JiraHttp.body(http.post("/rest/api/3/issue/PROJ-2/transitions", "{\"transition\":{\"id\":\"41\"}}"));
    JiraHttp.body(http.put("/rest/api/3/issue/PROJ-1", "{\"fields\":{\"assignee\":{\"accountId\":\"u-1\"}}}"));

    assertThat(search("project = \"PROJ\" ORDER BY created DESC", "")).isEqualTo(
        "{\"issues\":[{\"id\":\"10001\"},{\"id\":\"10000\"}],\"isLast\":true}");
    assertThat(search("statusCategory = \"In Progress\"", "")).isEqualTo("{\"issues\":[{\"id\":\"10001\"}],\"isLast\":true}");
    assertThat(search("statusCategory = \"To Do\" AND assignee = \"u-1\"", ""))
        .isEqualTo("{\"issues\":[{\"id\":\"10000\"}],\"isLast\":true}");
    assertThat(search("text ~ \"login\"", "")).isEqualTo(
        "{\"issues\":[{\"id\":\"10000\"},{\"id\":\"10002\"}],\"isLast\":true}");
    assertThat(search("project = \"PR\\\"OJ\" AND text ~ \"login\"", "")).isEqualTo("{\"issues\":[],\"isLast\":true}");
    assertThat(search("text ~ \"login*\"", "")).startsWith("{\"errorMessages\":[\"Error in the JQL Query: The text query");
    assertThat(search("priority = High", "")).isEqualTo("{\"errorMessages\":[\"Field 'priority' does not exist or you"
        + " do not have permission to view it.\"],\"errors\":{}}");
  }

  @Test
  void searchPagesByMaxResultsAndNextPageTokenBoundToTheQuery() throws IOException {
    for (int i = 0; i < 5; i++) JiraHttp.body(http.create("issue " + i));
    String jql = "project = PROJ ORDER BY created ASC";

    String first = search(jql, "&maxResults=2");
    assertThat(first).startsWith("{\"issues\":[{\"id\":\"10000\"},{\"id\":\"10001\"}],\"nextPageToken\":\"")
        .endsWith("\",\"isLast\":false}");
    String token = first.replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
    String second = search(jql, "&maxResults=2&nextPageToken=" + token);
    assertThat(second).startsWith("{\"issues\":[{\"id\":\"10002\"},{\"id\":\"10003\"}],\"nextPageToken\":\"");
    String token2 = second.replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
    assertThat(search(jql, "&maxResults=2&nextPageToken=" + token2))
        .isEqualTo("{\"issues\":[{\"id\":\"10004\"}],\"isLast\":true}");

    assertThat(search("project = OPS", "&nextPageToken=" + token)).contains("next page token is invalid");
  }

  @Test
  void faultsApplyToEditsLikeAnyRequest() throws IOException {
    JiraHttp.body(http.create("Fix the build"));
    jira.on(Requests.method("PUT")).nth(1).respond(Fault.status(503));

    assertThat(JiraHttp.code(http.put("/rest/api/3/issue/PROJ-1", "{\"fields\":{\"summary\":\"x\"}}"))).isEqualTo(503);
    assertThat(jira.issues()).extracting(FakeJira.Issue::summary).containsExactly("Fix the build");
    assertThat(JiraHttp.code(http.put("/rest/api/3/issue/PROJ-1", "{\"fields\":{\"summary\":\"x\"}}"))).isEqualTo(204);
    assertThat(jira.issues()).extracting(FakeJira.Issue::summary).containsExactly("x");
  }
}
