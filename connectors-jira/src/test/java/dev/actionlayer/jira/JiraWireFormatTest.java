package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JiraWireFormatTest {
  private static final String CREATED =
      "{\"id\":\"10000\",\"key\":\"PROJ-24\",\"self\":\"https://acme.atlassian.net/rest/api/3/issue/10000\"}";

  private static final String ISSUE_BEAN = "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"fields\":{\"summary\":\"Fix\","
      + "\"project\":{\"key\":\"PROJ\"}}}";

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
    return harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()));
  }

  /** Where the connector links issues: the base URI without its trailing slash. */
  private String site() {
    String base = server.url("/").toString();
    return base.substring(0, base.length() - 1);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void rateLimitHeadersAreReadAsTheConnectionsAllowanceUsage() {
    java.util.List<dev.actionlayer.audit.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Tasks tasks;
    try (dev.actionlayer.ActionLayer layer = dev.actionlayer.ActionLayer.builder()
        .connection("jira", Jira.connector(server.url("/").uri(), JiraHarness.basic()))
        .auditSink(events::add).build()) {
      tasks = layer.tasks("jira");
      server.enqueue(new MockResponse.Builder(json(200, ISSUE_BEAN)).addHeader("X-RateLimit-Limit", "350")
          .addHeader("X-RateLimit-Remaining", "20").build());
      tasks.get("10000");
    }
    assertThat(events).singleElement().satisfies(e -> assertThat(e.vendorUsage()).isEqualTo("330/350"));
  }

  @Test
  void createSendsTheIssueWithAdfDescriptionAndBasicAuth() throws Exception {
    server.enqueue(json(201, CREATED));

    Task task = tasks().create(new NewTask("PROJ", "Fix login bug", "500s on /login"));

    assertThat(task).isEqualTo(new Task("10000", "PROJ", "Fix login bug", "500s on /login", null, null, null,
        null, List.of(), "PROJ-24", site() + "/browse/PROJ-24", Map.of()));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/rest/api/3/issue");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("dev@example.com:secret-token-123".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(request)).isEqualTo("{\"fields\":{\"project\":{\"key\":\"PROJ\"},"
        + "\"summary\":\"Fix login bug\",\"issuetype\":{\"name\":\"Task\"},"
        + "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":["
        + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"500s on /login\"}]}]}}}");
  }

  @Test
  void createTurnsBlankLinesIntoParagraphsAndNewlinesIntoHardBreaks() throws Exception {
    server.enqueue(json(201, CREATED));

    tasks().create(new NewTask("PROJ", "Fix it", "Steps:\r\n1. log in\n2. see \"500\"\n\n  \nExpected: 200\n"));

    assertThat(body(server.takeRequest())).contains("\"description\":{\"type\":\"doc\",\"version\":1,"
        + "\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Steps:\"},"
        + "{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"1. log in\"},{\"type\":\"hardBreak\"},"
        + "{\"type\":\"text\",\"text\":\"2. see \\\"500\\\"\"}]},"
        + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Expected: 200\"}]}]}");
  }

  @Test
  void createOmitsANullOrBlankDescription() throws Exception {
    server.enqueue(json(201, CREATED));
    server.enqueue(json(201, CREATED.replace("10000", "10001")));

    Task withNull = tasks().create(new NewTask("PROJ", "No description", null));
    Task withBlank = tasks().create(new NewTask("PROJ", "Blank description", " \n\n "));

    assertThat(body(server.takeRequest())).doesNotContain("\"description\"");
    assertThat(body(server.takeRequest())).doesNotContain("\"description\"");
    assertThat(withNull.description()).isNull();
    assertThat(withBlank.description()).isNull();
  }

  @Test
  void createWithDedupeLabelsCarriesTheIdempotencyKeyAsALabel() throws Exception {
    server.enqueue(json(201, CREATED));
    Tasks tasks = harness.tasks(Jira.builder(server.url("/").uri(), JiraHarness.basic())
        .dedupeLabels(true).issueType("Bug").build());

    tasks.create(new NewTask("OPS_2", "Rotate keys", null));

    assertThat(body(server.takeRequest())).matches("\\{\"fields\":\\{\"project\":\\{\"key\":\"OPS_2\"},"
        + "\"summary\":\"Rotate keys\",\"issuetype\":\\{\"name\":\"Bug\"},"
        + "\"labels\":\\[\"actionlayer-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"]}}");
  }

  @Test
  void bearerCredentialsGoToTheOAuthGatewayKeepingItsBasePath() throws Exception {
    server.enqueue(json(201, CREATED));
    Tasks tasks = harness.tasks(Jira.connector(server.url("/ex/jira/cloud-123").uri(),
        Credentials.bearer("oauth-access-token-456")));

    tasks.create(new NewTask("PROJ", "Fix login bug", null));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/ex/jira/cloud-123/rest/api/3/issue");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer oauth-access-token-456");
  }

  @Test
  void aBaseUriWithATrailingSlashKeepsItsPath() throws Exception {
    server.enqueue(json(201, CREATED));
    Tasks tasks = harness.tasks(Jira.connector(server.url("/ex/jira/cloud-123/").uri(),
        Credentials.bearer("oauth-access-token-456")));

    tasks.create(new NewTask("PROJ", "Fix login bug", null));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/ex/jira/cloud-123/rest/api/3/issue");
  }

  @Test
  void getAsksForTheTaskFieldsAndReadsTheIssueBeanWithItsAdfDescription() throws Exception {
    server.enqueue(json(200, "{\"expand\":\"renderedFields\",\"id\":\"10002\",\"self\":\"x\","
        + "\"key\":\"PROJ-7\",\"fields\":{\"summary\":\"Fix login bug\",\"project\":{\"self\":\"p\","
        + "\"id\":\"10000\",\"key\":\"PROJ\",\"name\":\"Project\"},\"description\":{\"type\":\"doc\","
        + "\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"First \"},{\"type\":\"text\",\"text\":\"line\",\"marks\":[{\"type\":\"strong\"}]},"
        + "{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"second line\"}]},"
        + "{\"type\":\"bulletList\",\"content\":[{\"type\":\"listItem\",\"content\":[{\"type\":"
        + "\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"item\"}]}]}]}]}}}"));

    Task task = tasks().get("PROJ-7");

    assertThat(task).isEqualTo(new Task("10002", "PROJ", "Fix login bug", "First line\nsecond line\n\nitem",
        null, null, null, null, List.of(), "PROJ-7", site() + "/browse/PROJ-7", Map.of()));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/rest/api/3/issue/PROJ-7");
    assertThat(request.getUrl().queryParameter("fields"))
        .isEqualTo("summary,description,project,status,assignee,duedate,labels");
  }

  @Test
  void getDropsNullLabelsAndADueDateThatIsNotADate() {
    server.enqueue(json(200, "{\"id\":\"10003\",\"key\":\"PROJ-8\",\"fields\":{\"summary\":\"Labels\","
        + "\"project\":{\"key\":\"PROJ\"},\"labels\":[null,\"web\",null,\"api\"],\"duedate\":\"2024-6-1\"}}"));
    server.enqueue(json(200, "{\"id\":\"10004\",\"key\":\"PROJ-9\",\"fields\":{\"summary\":\"Dated\","
        + "\"project\":{\"key\":\"PROJ\"},\"labels\":[\"web\"],\"duedate\":\"2024-06-01\"}}"));

    Task labelled = tasks().get("PROJ-8");
    Task dated = tasks().get("PROJ-9");

    assertThat(labelled.labels()).containsExactly("web", "api");
    assertThat(labelled.dueDate()).isNull();
    assertThat(dated.labels()).containsExactly("web");
    assertThat(dated.dueDate()).isEqualTo("2024-06-01");
  }

  @Test
  void getReturnsWhatJiraFoundWhenTheIssueMoved() throws Exception {
    server.enqueue(json(200, "{\"id\":\"10009\",\"key\":\"NEW-3\",\"fields\":{\"summary\":\"Moved\","
        + "\"description\":null,\"project\":{\"key\":\"NEW\"}}}"));

    Task task = tasks().get("OLD-12");

    assertThat(task).isEqualTo(new Task("10009", "NEW", "Moved", null, null, null, null, null, List.of(), "NEW-3",
        site() + "/browse/NEW-3", Map.of()));
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/rest/api/3/issue/OLD-12");
  }

  @Test
  void getOfAnIssueWithoutIdIsAnUnreadableBodyNotATask() {
    server.enqueue(json(200, "{\"key\":\"PROJ-1\",\"fields\":{}}"));

    var e = LayerHarness.failure(() -> harness.tasks(Jira.connector(server.url("/").uri(),
        JiraHarness.basic()), p -> p.maxAttempts(1)).get("PROJ-1"));

    assertThat(e.code()).isEqualTo(dev.actionlayer.ErrorCode.UPSTREAM_ERROR);
    assertThat(e.error().message()).contains("could not be read");
  }

  @Test
  void deleteSendsADeleteForTheIssueAndAccepts204() throws Exception {
    server.enqueue(Samples.load("/jira/delete-issue-204.http"));

    tasks().delete("10000");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/rest/api/3/issue/10000");
    assertThat(body(request)).isEmpty();
  }

  @Test
  void createReadsTheVerbatimCreatedIssueSample() throws Exception {
    server.enqueue(Samples.load("/jira/create-issue-201.http"));

    Task task = tasks().create(new NewTask("ED", "Sample", null));

    assertThat(task.id()).isEqualTo("10000");
    assertThat(task.project()).isEqualTo("ED");
  }
}
