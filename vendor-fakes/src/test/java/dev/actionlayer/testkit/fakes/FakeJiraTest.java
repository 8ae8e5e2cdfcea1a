package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeJiraTest {

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

  @Test
  void createGetDeleteRoundTrip() throws IOException {
    String adf = "{\"type\":\"doc\",\"version\":1,\"content\":["
        + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"First\"}]},"
        + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Second \"},"
        + "{\"type\":\"text\",\"text\":\"line\"}]}]}";
    try (Response created = http.post("/rest/api/3/issue", "{\"fields\":{\"project\":{\"key\":\"PROJ\"},"
        + "\"summary\":\"Fix the build\",\"issuetype\":{\"name\":\"Task\"},\"description\":" + adf
        + ",\"labels\":[\"sdk-op-1\"]}}")) {
      assertThat(created.code()).isEqualTo(201);
      assertThat(created.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
      assertThat(created.body().string()).isEqualTo("{\"id\":\"10000\",\"key\":\"PROJ-1\",\"self\":\""
          + jira.uri() + "/rest/api/3/issue/10000\"}");
    }

    try (Response got = http.get("/rest/api/3/issue/proj-1")) {
      assertThat(got.code()).isEqualTo(200);
      String body = got.body().string();
      assertThat(body).startsWith("{\"expand\":").contains("\"id\":\"10000\"", "\"key\":\"PROJ-1\"",
          "\"summary\":\"Fix the build\"", "\"labels\":[\"sdk-op-1\"]", "\"status\":{\"name\":\"To Do\"",
          "\"text\":\"First\"", "\"key\":\"PROJ\"", "\"issuetype\":{\"name\":\"Task\"");
    }
    assertThat(jira.issues()).containsExactly(new FakeJira.Issue("10000", "PROJ-1", "PROJ",
        "Fix the build", "First\n\nSecond line", List.of("sdk-op-1")));

    try (Response deleted = http.delete("/rest/api/3/issue/10000")) {
      assertThat(deleted.code()).isEqualTo(204);
      assertThat(deleted.body().contentLength()).isZero();
    }
    try (Response missing = http.get("/rest/api/3/issue/PROJ-1")) {
      assertThat(missing.code()).isEqualTo(404);
      assertThat(missing.body().string()).isEqualTo(
          "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}");
    }
    assertThat(JiraHttp.body(http.delete("/rest/api/3/issue/PROJ-1"))).contains("Issue does not exist");
    assertThat(jira.issueCount()).isZero();
    assertThat(jira.createCount()).isEqualTo(1);
  }

  @Test
  void idsCountUpGloballyAndKeysPerProject() throws IOException {
    JiraHttp.body(http.create("a"));
    JiraHttp.body(http.post("/rest/api/3/issue", JiraHttp.createBody("b").replace("PROJ", "OPS")));
    JiraHttp.body(http.create("c"));
    assertThat(jira.issues()).extracting(FakeJira.Issue::id, FakeJira.Issue::key)
        .containsExactly(tuple("10000", "PROJ-1"), tuple("10001", "OPS-1"), tuple("10002", "PROJ-2"));
  }

  @Test
  void getWithFieldsReturnsOnlyThoseFields() throws IOException {
    JiraHttp.body(http.create("Only summary", "x"));
    String body = JiraHttp.body(http.get("/rest/api/3/issue/PROJ-1?fields=summary"));
    assertThat(body).contains("\"fields\":{\"summary\":\"Only summary\"}");
  }

  @Test
  void missingSummaryIsRejectedWithJirasVerbatimFieldError() throws IOException {
    try (Response response = http.post("/rest/api/3/issue",
        "{\"fields\":{\"project\":{\"key\":\"PROJ\"},\"summary\":\"  \",\"issuetype\":{\"name\":\"Task\"}}}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .isEqualTo("{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}");
    }
    assertThat(jira.issueCount()).isZero();
    assertThat(jira.createCount()).isZero();
  }

  @Test
  void missingProjectIsRejected() throws IOException {
    String body = JiraHttp.body(http.post("/rest/api/3/issue",
        "{\"fields\":{\"summary\":\"s\",\"issuetype\":{\"name\":\"Task\"}}}"));
    assertThat(body).isEqualTo("{\"errorMessages\":[],\"errors\":{\"project\":\"project is required\"}}");
  }

  @Test
  void unknownProjectIsRejectedOnceProjectsAreConfigured() throws IOException {
    jira.projects("PROJ", "OPS");
    try (Response response = http.post("/rest/api/3/issue", JiraHttp.createBody("s").replace("PROJ", "NOPE"))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .isEqualTo("{\"errorMessages\":[],\"errors\":{\"project\":\"valid project is required\"}}");
    }
    assertThat(http.create("fine").code()).isEqualTo(201);
  }

  @Test
  void unreadableJsonIsRejectedWithAParserMessage() throws IOException {
    try (Response response = http.post("/rest/api/3/issue", "not json")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .startsWith("{\"errorMessages\":[\"Unexpected character ('n' (code 110))")
          .endsWith("\"],\"errors\":{}}");
    }
  }

  @Test
  void plainStringDescriptionIsRejectedBecauseV3WantsAdf() throws IOException {
    String body = JiraHttp.body(http.post("/rest/api/3/issue", "{\"fields\":{\"project\":{\"key\":\"PROJ\"},"
        + "\"summary\":\"s\",\"issuetype\":{\"name\":\"Task\"},\"description\":\"plain\"}}"));
    assertThat(body).contains("\"description\":\"Operation value must be an Atlassian Document");
  }

  @Test
  void wrongCredentialsGetJirasPlainText401() throws IOException {
    jira.requireBasic("me@example.com", "secret");
    Request.Builder request = new Request.Builder().url(jira.uri() + "/rest/api/3/issue/PROJ-1")
        .header("Authorization", Credentials.basic("me@example.com", "wrong"));
    try (Response response = http.execute(request)) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
      assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"protected-area\"");
      assertThat(response.body().string()).isEqualTo("Client must be authenticated to access this resource.");
    }
    assertThat(http.get("/rest/api/3/issue/PROJ-1").code()).isEqualTo(401);
    Request.Builder good = new Request.Builder().url(jira.uri() + "/rest/api/3/issue/PROJ-1")
        .header("Authorization", Credentials.basic("me@example.com", "secret"));
    assertThat(http.execute(good).code()).isEqualTo(404);
  }

  @Test
  void jsonUnauthorizedSwitchesTheBodyToAnErrorCollection() throws IOException {
    jira.requireBearer("token").jsonUnauthorized(true);
    try (Response response = http.get("/rest/api/3/issue/PROJ-1")) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).isEqualTo(
          "{\"errorMessages\":[\"Client must be authenticated to access this resource.\"],\"errors\":{}}");
    }
    Request.Builder good = new Request.Builder().url(jira.uri() + "/rest/api/3/issue/PROJ-1")
        .header("Authorization", "Bearer token");
    assertThat(http.execute(good).code()).isEqualTo(404);
  }

  @Test
  void searchHidesNewIssuesForTheConfiguredNumberOfSearches() throws IOException {
    jira.searchLag(2);
    JiraHttp.body(http.create("lagging", "sdk-op-42"));
    String search = "/rest/api/3/search/jql?jql="
        + URLEncoder.encode("labels = \"sdk-op-42\"", StandardCharsets.UTF_8)
        + "&fields=summary,labels";
    assertThat(JiraHttp.body(http.get(search))).isEqualTo("{\"issues\":[],\"isLast\":true}");
    assertThat(JiraHttp.body(http.get(search))).isEqualTo("{\"issues\":[],\"isLast\":true}");
    assertThat(JiraHttp.body(http.get(search))).contains("\"key\":\"PROJ-1\"", "\"summary\":\"lagging\"")
        .endsWith("\"isLast\":true}");
    assertThat(jira.findByLabel("sdk-op-42")).hasSize(1);
  }

  @Test
  void searchAcceptsUnquotedLabelsAndReturnsIdsByDefault() throws IOException {
    JiraHttp.body(http.create("a", "one"));
    JiraHttp.body(http.create("b", "two"));
    assertThat(JiraHttp.body(http.get("/rest/api/3/search/jql?jql=labels%20%3D%20two")))
        .isEqualTo("{\"issues\":[{\"id\":\"10001\"}],\"isLast\":true}");
    try (Response bad = http.get("/rest/api/3/search/jql?jql=project%20%3D%20PROJ%20OR%20labels%20%3D%20two")) {
      assertThat(bad.code()).isEqualTo(400);
      assertThat(bad.body().string()).startsWith("{\"errorMessages\":[\"Error in the JQL Query:");
    }
  }

  @Test
  void unknownPathGetsJirasHtmlDeadLinkPage() throws IOException {
    try (Response response = http.get("/rest/api/3/nope")) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
      assertThat(response.body().string()).contains("Oops, you&#39;ve found a dead link. - JIRA");
    }
  }

  @Test
  void everyResponseCarriesJiraRequestAndTraceIds() throws IOException {
    try (Response response = http.get("/rest/api/3/issue/PROJ-9")) {
      assertThat(response.header("X-AREQUESTID")).matches("[0-9a-f-]{36}");
      assertThat(response.header("atl-traceid")).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void requestsAreRecordedWithCaseInsensitiveHeaders() throws IOException {
    JiraHttp.body(http.create("recorded"));
    RecordedCall call = jira.requests().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/rest/api/3/issue");
    assertThat(call.header("content-type")).startsWith("application/json");
    assertThat(call.headers().get("CONTENT-TYPE")).startsWith("application/json");
    assertThat(call.body()).contains("\"summary\":\"recorded\"");
    assertThat(jira.requestCount()).isEqualTo(1);
    assertThat(jira.requestCount(c -> c.method().equals("GET"))).isZero();
  }

  @Test
  void resetForgetsIssuesRequestsAndFaults() throws IOException {
    JiraHttp.body(http.create("gone"));
    jira.on(Requests.any()).always().respond(Fault.empty(503));
    jira.reset();
    assertThat(jira.issueCount()).isZero();
    assertThat(jira.requestCount()).isZero();
    try (Response response = http.create("again")) {
      assertThat(response.code()).isEqualTo(201);
      assertThat(response.body().string()).contains("\"id\":\"10000\"", "\"key\":\"PROJ-1\"");
    }
  }
}
