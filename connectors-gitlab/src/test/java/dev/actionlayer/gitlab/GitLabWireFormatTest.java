package dev.actionlayer.gitlab;

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
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeGitLab;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends (as FakeGitLab records them) and what it reads back. */
class GitLabWireFormatTest {
  static final String PROJECT = "my-group/my-project";
  private final LayerHarness harness = new LayerHarness("gitlab", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeGitLab gitlab = new FakeGitLab().requireToken("glpat-abc");
  private Tasks tasks;
  private long projectId;

  @BeforeEach
  void start() {
    gitlab.start();
    tasks = harness.tasks(GitLab.connector(gitlab.uri().resolve("/api/v4"), Credentials.bearer("glpat-abc")));
    projectId = gitlab.projectId(PROJECT);
  }

  @AfterEach
  void stop() {
    harness.close();
    gitlab.close();
  }

  private RecordedCall last() {
    List<RecordedCall> calls = gitlab.requests();
    return calls.get(calls.size() - 1);
  }

  @Test
  void defaultBaseUriIsGitLabComsApiV4() {
    assertThat(GitLab.DEFAULT_BASE_URI).hasToString("https://gitlab.com/api/v4");
  }

  @Test
  void createPostsToTheUrlEncodedProjectPathWithTheKeyMarkerAndReadsTheIssueWithoutIt() {
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", "500s on /login"));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/api/v4/projects/my-group%2Fmy-project/issues");
    assertThat(call.header("Authorization")).isEqualTo("Bearer glpat-abc");
    assertThat(call.body()).matches("\\{\"title\":\"Fix login bug\",\"description\":\"500s on /login\\\\n\\\\n"
        + "<!-- actionlayer-[A-Za-z0-9-]+ -->\"}");
    assertThat(t).isEqualTo(new Task(projectId + "#1", String.valueOf(projectId), "Fix login bug", "500s on /login",
        TaskStatus.OPEN, "opened", null, null, List.of(), PROJECT + "#1",
        "https://gitlab.example.com/my-group/my-project/-/issues/1", Map.of()));
  }

  @Test
  void getAndDeleteAddressTheIssueByProjectAndIid() {
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", null));

    tasks.get(t.id());
    assertThat(last().method() + " " + last().path()).isEqualTo("GET /api/v4/projects/" + projectId + "/issues/1");
    tasks.get(PROJECT + "#1");
    assertThat(last().path()).isEqualTo("/api/v4/projects/my-group%2Fmy-project/issues/1");
    tasks.delete(t.id());

    assertThat(last().method() + " " + last().path()).isEqualTo("DELETE /api/v4/projects/" + projectId + "/issues/1");
    assertThat(gitlab.issueCount()).isZero();
  }

  @Test
  void aDeleteByANonOwnerIsPermissionDenied() {
    gitlab.forbidDeletes();
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", null));

    assertThat(LayerHarness.failure(() -> tasks.delete(t.id())).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void updatePutsOnlyTheGivenFieldsWithStateEventAndCommaLabels() {
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", null));

    Task done = tasks.update(t.id(), TaskChanges.builder().status(TaskStatus.DONE).assignee("42").dueDate("2026-12-01")
        .labels(List.of("bug", "p1")).build());

    assertThat(last().method()).isEqualTo("PUT");
    assertThat(last().path()).isEqualTo("/api/v4/projects/" + projectId + "/issues/1");
    assertThat(last().body()).isEqualTo(
        "{\"state_event\":\"close\",\"assignee_ids\":[42],\"due_date\":\"2026-12-01\",\"labels\":\"bug,p1\"}");
    assertThat(done.status()).isEqualTo(TaskStatus.DONE);
    assertThat(done.vendorStatus()).isEqualTo("closed");
    assertThat(done.assignee()).isEqualTo("42");
    assertThat(done.dueDate()).isEqualTo("2026-12-01");
    assertThat(done.labels()).containsExactly("bug", "p1");
  }

  @Test
  void clearingSendsEmptyValues() {
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", "text"));

    Task cleared = tasks.update(t.id(), TaskChanges.builder().assignee("").dueDate("").labels(List.of())
        .vendorStatus("opened").build());

    assertThat(last().body()).isEqualTo("{\"state_event\":\"reopen\",\"assignee_ids\":[],\"due_date\":\"\",\"labels\":\"\"}");
    assertThat(cleared.labels()).isEmpty();
    assertThat(cleared.dueDate()).isNull();
  }

  @Test
  void inProgressAndUsernamesAsAssigneeAreRefusedWithoutARequest() {
    Task t = tasks.create(new NewTask(PROJECT, "Fix login bug", null));
    int sent = gitlab.requestCount();

    assertThat(LayerHarness.failure(() -> tasks.update(t.id(), TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build()))
        .code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(LayerHarness.failure(() -> tasks.update(t.id(), TaskChanges.builder().assignee("mona").build()))
        .code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(LayerHarness.failure(() -> tasks.update(t.id(), TaskChanges.builder().labels(List.of("a,b")).build()))
        .code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(gitlab.requestCount()).isEqualTo(sent);
  }

  @Test
  void listPagesWithXNextPageAndFilters() {
    for (int i = 0; i < 3; i++) tasks.create(new NewTask(PROJECT, "Task " + i, null));

    Page<Task> first = tasks.list(new TaskQuery(PROJECT, null, null, null, 2, null));
    assertThat(last().path()).isEqualTo("/api/v4/projects/my-group%2Fmy-project/issues?per_page=2&page=1");
    Page<Task> second = tasks.list(new TaskQuery(PROJECT, null, null, null, 2, first.nextCursor()));

    assertThat(first.items()).extracting(Task::title).containsExactly("Task 2", "Task 1");
    assertThat(first.nextCursor()).isEqualTo("2");
    assertThat(second.items()).extracting(Task::title).containsExactly("Task 0");
    assertThat(second.nextCursor()).isNull();

    tasks.list(new TaskQuery(PROJECT, TaskStatus.OPEN, "mona", "login", 5, null));
    assertThat(last().path()).isEqualTo(
        "/api/v4/projects/my-group%2Fmy-project/issues?state=opened&assignee_username=mona&search=login&per_page=5&page=1");
    tasks.list(new TaskQuery(PROJECT, TaskStatus.DONE, "42", null, 5, null));
    assertThat(last().path()).isEqualTo("/api/v4/projects/my-group%2Fmy-project/issues?state=closed&assignee_id=42&per_page=5&page=1");
  }

  @Test
  void findSearchesTheDescriptionForTheCallsMarker() throws Exception {
    GitLabIssues issues = new GitLabIssues();
    VendorWire wire = new VendorWire(gitlab, "glpat-abc");
    NewTask input = new NewTask(PROJECT, "Fix login bug", null);
    CallContext key = new CallContext("key-1", "tasks.create");
    tasks.create(new NewTask(PROJECT, "Unrelated", null));
    wire.send(prefixed(issues.create(input, key)));

    Task found = issues.readFound(wire.send(prefixed(issues.find(input, key))), input, key);
    Task none = issues.readFound(wire.send(prefixed(issues.find(input, new CallContext("key-2", "tasks.create")))),
        input, new CallContext("key-2", "tasks.create"));

    assertThat(last().path()).isEqualTo(
        "/api/v4/projects/my-group%2Fmy-project/issues?search=actionlayer-key-2&in=description&per_page=20");
    assertThat(found.title()).isEqualTo("Fix login bug");
    assertThat(found.description()).isNull();
    assertThat(none).isNull();
  }

  @Test
  void malformedProjectsIdsAndCursorsNeverLeaveTheProcess() {
    for (String project : List.of("../x", "a//b", "group/.", "group/x.git", "/lead")) {
      assertThat(LayerHarness.failure(() -> tasks.create(new NewTask(project, "T", null))).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    for (String id : List.of("42", "42#", "#1", "42#0", "../x#1", "42#1/notes")) {
      assertThat(LayerHarness.failure(() -> tasks.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(LayerHarness.failure(() -> tasks.list(new TaskQuery(PROJECT, null, null, null, 2, "2&scope=all"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(gitlab.requestCount()).isZero();
  }

  /** VendorWire sends from the fake's root: the connector's base path goes in front. */
  private static dev.actionlayer.spi.VendorRequest prefixed(dev.actionlayer.spi.VendorRequest request) {
    dev.actionlayer.spi.VendorRequest.Builder b = request.method().equals("POST")
        ? dev.actionlayer.spi.VendorRequest.post() : dev.actionlayer.spi.VendorRequest.get();
    b.path("api/v4");
    for (String segment : request.path()) b.segment(segment);
    for (Map.Entry<String, String> q : request.query()) b.query(q.getKey(), q.getValue());
    if (request.body() != null) b.body(request.contentType(), request.body());
    return b.build();
  }
}
