package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create must never make a second issue: without dedupe labels an ambiguous failure is reported
 * as {@code OUTCOME_UNKNOWN} and never repeated; with them the issue is found by its label.
 */
class JiraNoDuplicateCreateTest {
  private static final NewTask TASK = new NewTask("PROJ", "Fix login bug", "500s on /login\n\nSince Monday");
  private static final Predicate<RecordedCall> POSTS = c -> c.method().equals("POST");
  private static final Predicate<RecordedCall> SEARCHES = c -> c.pathWithoutQuery().equals("/rest/api/3/search/jql");

  private final LayerHarness harness = JiraHarness.create();
  private final FakeJira jira = new FakeJira();

  @BeforeEach
  void start() {
    jira.projects("PROJ").requireBasic(JiraHarness.EMAIL, JiraHarness.TOKEN);
    jira.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    jira.close();
  }

  private Tasks unkeyed() {
    return harness.tasks(Jira.connector(jira.uri(), JiraHarness.basic()));
  }

  private Tasks labelled() {
    return harness.tasks(Jira.builder(jira.uri(), JiraHarness.basic()).dedupeLabels(true).build());
  }

  /** The kit checks the round trip by id; this is the Jira part: keys, and ADF paragraphs back to text. */
  @Test
  void anIssueReadsBackByIdAndByKeyWithItsParagraphs() {
    Tasks tasks = unkeyed();

    Task created = tasks.create(TASK);
    Task read = tasks.get(created.id());
    Task byKey = tasks.get("PROJ-1");

    String url = jira.uri() + "/browse/PROJ-1";
    // A create's answer is the id and key; the status comes with a read.
    assertThat(created).isEqualTo(new Task("10000", "PROJ", "Fix login bug", "500s on /login\n\nSince Monday",
        null, null, null, null, List.of(), "PROJ-1", url, Map.of()));
    assertThat(read).isEqualTo(new Task("10000", "PROJ", "Fix login bug", "500s on /login\n\nSince Monday",
        TaskStatus.OPEN, "To Do", null, null, List.of(), "PROJ-1", url, Map.of()));
    assertThat(byKey).isEqualTo(read);
  }

  @Test
  void labelledCreateWhoseResponseIsLostIsFoundByItsLabelInsteadOfRepeated() {
    jira.searchLag(2); // search is eventually consistent: the new issue is invisible to two searches
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    Task task = labelled().create(TASK);

    assertThat(jira.issues()).hasSize(1);
    FakeJira.Issue issue = jira.issues().get(0);
    assertThat(task).isEqualTo(new Task(issue.id(), "PROJ", "Fix login bug", "500s on /login\n\nSince Monday",
        TaskStatus.OPEN, "To Do", null, null, issue.labels(), "PROJ-1", jira.uri() + "/browse/PROJ-1", Map.of()));
    assertThat(jira.requestCount(POSTS)).isEqualTo(1);
    assertThat(jira.requestCount(SEARCHES)).isEqualTo(3);
    RecordedCall search = jira.requests().stream().filter(SEARCHES).findFirst().orElseThrow();
    assertThat(search.queryParameter("jql")).isEqualTo("labels = \"" + issue.labels().get(0) + "\"");
    assertThat(search.queryParameter("fields")).isEqualTo("summary,description,project,status,assignee,duedate,labels");
    assertThat(search.queryParameter("maxResults")).isEqualTo("2");
    assertThat(issue.labels()).singleElement().asString().startsWith("actionlayer-");
  }

  @Test
  void labelledCreateWhoseSuccessBodyIsUnreadableIsReconciled() {
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    Task task = labelled().create(TASK);

    assertThat(task.id()).isEqualTo(jira.issues().get(0).id());
    assertThat(jira.requestCount(POSTS)).isEqualTo(1);
    assertThat(jira.issueCount()).isEqualTo(1);
  }

  @Test
  void unkeyedCreateWhoseSuccessBodyIsCutOffIsOutcomeUnknown() {
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenTruncate());

    ActionError e = LayerHarness.failure(() -> unkeyed().create(TASK)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(jira.requestCount(POSTS)).isEqualTo(1);
  }

  @Test
  void a429OnCreateIsRetriedAfterTheRetryAfter() {
    jira.on(Requests.creates()).nth(1).respond(
        FakeJira.rateLimited429Json(2, "2024-05-05T18:02Z", "jira-burst-based"));

    Task task = unkeyed().create(TASK);

    assertThat(task.id()).isEqualTo("10000");
    assertThat(jira.requestCount(POSTS)).isEqualTo(2);
    assertThat(harness.time().sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void a500OnALabelledCreateIsLookedUpAndReportedUnknownWhenNothingShowsUp() {
    jira.on(Requests.creates()).nth(1).respond(Fault.html(500));

    ActionError e = LayerHarness.failure(() -> labelled().create(TASK)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(jira.requestCount(POSTS)).isEqualTo(1);
    assertThat(jira.requestCount(SEARCHES)).isGreaterThanOrEqualTo(2);
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void anUnknownProjectIsAFieldErrorOnProject() {
    ActionError e = LayerHarness.failure(() -> unkeyed().create(new NewTask("NOPE", "x", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsEntry("project", "valid project is required");
  }

  @Test
  void aConnectionRefusedBeforeTheRequestWasSentIsRetried() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (MockWebServer late = new MockWebServer()) {
      late.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
          .body("{\"id\":\"10000\",\"key\":\"PROJ-1\",\"self\":\"x\"}").build());
      // Nothing listens until the pipeline backs off after the refused first attempt.
      harness.time().onFirstSleep(() -> {
        try {
          late.start(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Tasks tasks = harness.tasks(Jira.connector(URI.create("http://127.0.0.1:" + port), JiraHarness.basic()),
          p -> p.maxAttempts(5));

      Task task = tasks.create(TASK);

      assertThat(task.id()).isEqualTo("10000");
      assertThat(late.getRequestCount()).isEqualTo(1);
    }
  }
}
