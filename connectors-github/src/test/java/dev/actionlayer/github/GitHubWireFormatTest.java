package dev.actionlayer.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionException;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fakes.FakeGitHub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends (as FakeGitHub records them) and what it reads back. */
class GitHubWireFormatTest {
  static final String REPO = "octo-org/hello-world";
  private final LayerHarness harness = new LayerHarness("github", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeGitHub github = new FakeGitHub().requireBearer("ghp_abc");
  private Tasks tasks;

  @BeforeEach
  void start() {
    github.start();
    tasks = harness.tasks(GitHub.connector(github.uri(), Credentials.bearer("ghp_abc")));
  }

  @AfterEach
  void stop() {
    harness.close();
    github.close();
  }

  private RecordedCall last() {
    List<RecordedCall> calls = github.requests();
    return calls.get(calls.size() - 1);
  }

  @Test
  void defaultBaseUriIsGitHubsApiRoot() {
    assertThat(GitHub.DEFAULT_BASE_URI).hasToString("https://api.github.com");
  }

  @Test
  void createPostsTitleAndBodyToTheRepositorysIssuesAndReadsEveryField() {
    Task t = tasks.create(new NewTask(REPO, "Fix login bug", "500s on /login"));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/repos/octo-org/hello-world/issues");
    assertThat(call.body()).isEqualTo("{\"title\":\"Fix login bug\",\"body\":\"500s on /login\"}");
    assertThat(call.header("Authorization")).isEqualTo("Bearer ghp_abc");
    assertThat(t).isEqualTo(new Task(REPO + "#1", REPO, "Fix login bug", "500s on /login", TaskStatus.OPEN, "open",
        null, null, List.of(), "#1", "https://github.com/octo-org/hello-world/issues/1", java.util.Map.of()));
  }

  @Test
  void getReadsTheIssueByOwnerRepoAndNumberSegments() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));

    Task t = tasks.get(REPO + "#1");

    assertThat(last().method()).isEqualTo("GET");
    assertThat(last().path()).isEqualTo("/repos/octo-org/hello-world/issues/1");
    assertThat(t.description()).isNull();
  }

  /** GitHub's description lets an issue's label be a label object or only its name: both are read. */
  @Test
  void labelsGivenAsObjectsOrAsNamesAreRead() {
    github.on(Requests.gets()).nth(1).respond(Fault.status(200).body("{\"number\":7,\"title\":\"t\",\"state\":\"open\","
        + "\"repository_url\":\"https://api.github.com/repos/octo-org/hello-world\","
        + "\"labels\":[\"bug\",{\"id\":208045946,\"name\":\"p1\",\"color\":\"f29513\"}]}", "application/json"));

    Task t = tasks.get(REPO + "#7");

    assertThat(t.labels()).containsExactly("bug", "p1");
  }

  @Test
  void updateSendsOnlyTheGivenFieldsAndClosesAsCompleted() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));

    Task t = tasks.update(REPO + "#1", TaskChanges.builder().status(TaskStatus.DONE).assignee("mona")
        .labels(List.of("bug", "p1")).build());

    assertThat(last().method()).isEqualTo("PATCH");
    assertThat(last().path()).isEqualTo("/repos/octo-org/hello-world/issues/1");
    assertThat(last().body()).isEqualTo(
        "{\"state\":\"closed\",\"state_reason\":\"completed\",\"assignees\":[\"mona\"],\"labels\":[\"bug\",\"p1\"]}");
    assertThat(t.status()).isEqualTo(TaskStatus.DONE);
    assertThat(t.vendorStatus()).isEqualTo("completed");
    assertThat(t.assignee()).isEqualTo("mona");
    assertThat(t.labels()).containsExactly("bug", "p1");
  }

  @Test
  void notPlannedAndReopenPassThroughAsVendorStatuses() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));

    tasks.update(REPO + "#1", TaskChanges.builder().vendorStatus("not_planned").build());
    assertThat(last().body()).isEqualTo("{\"state\":\"closed\",\"state_reason\":\"not_planned\"}");
    Task reopened = tasks.update(REPO + "#1", TaskChanges.builder().status(TaskStatus.OPEN).description("").build());

    assertThat(last().body()).isEqualTo("{\"body\":\"\",\"state\":\"open\"}");
    assertThat(reopened.status()).isEqualTo(TaskStatus.OPEN);
  }

  @Test
  void inProgressAndDueDatesAreUnsupportedWithoutARequest() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));
    int sent = github.requestCount();

    ActionException inProgress = LayerHarness.failure(() ->
        tasks.update(REPO + "#1", TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build()));
    ActionException due = LayerHarness.failure(() ->
        tasks.update(REPO + "#1", TaskChanges.builder().dueDate("2026-12-01").build()));

    assertThat(inProgress.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(inProgress.error().fieldErrors()).containsKey("status");
    assertThat(due.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(github.requestCount()).isEqualTo(sent);
  }

  @Test
  void deleteLooksUpTheNodeIdThenRunsTheGraphQLMutationWithVariables() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));
    String nodeId = github.issues().get(0).nodeId();

    tasks.delete(REPO + "#1");

    List<RecordedCall> calls = github.requests();
    RecordedCall look = calls.get(calls.size() - 2);
    assertThat(look.method() + " " + look.path()).isEqualTo("GET /repos/octo-org/hello-world/issues/1");
    assertThat(last().method() + " " + last().path()).isEqualTo("POST /graphql");
    assertThat(last().body()).isEqualTo("{\"query\":\"" + GitHubIssues.DELETE_ISSUE
        + "\",\"variables\":{\"issueId\":\"" + nodeId + "\"}}");
    assertThat(github.issueCount()).isZero();
  }

  @Test
  void aTokenWithoutAdminRightsCannotDelete() {
    github.forbidDeletes();
    tasks.create(new NewTask(REPO, "Fix login bug", null));

    assertThat(LayerHarness.failure(() -> tasks.delete(REPO + "#1")).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(github.issueCount()).isEqualTo(1);
  }

  @Test
  void listAsksForEveryStateAPageAtATimeAndFollowsTheLinkHeader() {
    for (int i = 0; i < 3; i++) tasks.create(new NewTask(REPO, "Task " + i, null));

    Page<Task> first = tasks.list(new TaskQuery(REPO, null, null, null, 2, null));
    assertThat(last().path()).isEqualTo("/repos/octo-org/hello-world/issues?state=all&per_page=2&page=1");
    Page<Task> second = tasks.list(new TaskQuery(REPO, null, null, null, 2, first.nextCursor()));

    assertThat(first.items()).extracting(Task::title).containsExactly("Task 2", "Task 1");
    assertThat(first.nextCursor()).isEqualTo("2");
    assertThat(last().path()).isEqualTo("/repos/octo-org/hello-world/issues?state=all&per_page=2&page=2");
    assertThat(second.items()).extracting(Task::title).containsExactly("Task 0");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void listFiltersByStateAndAssignee() {
    tasks.list(new TaskQuery(REPO, TaskStatus.DONE, "mona", null, 10, null));

    assertThat(last().path()).isEqualTo("/repos/octo-org/hello-world/issues?state=closed&assignee=mona&per_page=10&page=1");
  }

  @Test
  void aTextFilterSearchesOneQuotedPhraseInTheRepository() {
    tasks.create(new NewTask(REPO, "Fix login bug", null));
    tasks.create(new NewTask(REPO, "Write docs", null));

    Page<Task> page = tasks.list(new TaskQuery(REPO, TaskStatus.OPEN, null, "login", 25, null));

    assertThat(last().pathWithoutQuery()).isEqualTo("/search/issues");
    assertThat(last().queryParameter("q")).isEqualTo("\"login\" repo:octo-org/hello-world is:issue state:open");
    assertThat(page.items()).extracting(Task::title).containsExactly("Fix login bug");
  }

  @Test
  void textWithAQuoteCouldAddQualifiersAndIsRefused() {
    ActionException e = LayerHarness.failure(() ->
        tasks.list(new TaskQuery(REPO, null, null, "x\" repo:secret/repo", 25, null)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(github.requestCount()).isZero();
  }

  @Test
  void malformedRepositoriesIdsAndCursorsNeverLeaveTheProcess() {
    for (String project : List.of("octo", "a/b/c", "../x", "octo/..", "-x/y")) {
      assertThat(LayerHarness.failure(() -> tasks.create(new NewTask(project, "T", null))).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    for (String id : List.of("octo/hello", "octo/hello#0", "octo/hello#x", "octo/hello#1/comments")) {
      assertThat(LayerHarness.failure(() -> tasks.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(LayerHarness.failure(() -> tasks.list(new TaskQuery(REPO, null, null, null, 2, "2&per_page=100")))
        .code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(github.requestCount()).isZero();
  }

  @Test
  void theLinkHeadersNextPageIsTheCursor() {
    assertThat(GitHubIssues.nextPage("<https://api.github.com/repositories/1/issues?state=all&page=3>; rel=\"next\", "
        + "<https://api.github.com/repositories/1/issues?state=all&page=9>; rel=\"last\"")).isEqualTo("3");
    assertThat(GitHubIssues.nextPage("<https://api.github.com/repositories/1/issues?page=1>; rel=\"prev\"")).isNull();
    assertThat(GitHubIssues.nextPage(null)).isNull();
  }
}
