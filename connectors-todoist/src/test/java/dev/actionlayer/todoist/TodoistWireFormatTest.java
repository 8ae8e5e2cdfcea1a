package dev.actionlayer.todoist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fakes.FakeTodoist;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the description makes the generic connector send, read from the fake's recorded calls. */
class TodoistWireFormatTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
  static final String PROJECT = "6Jf8VQXxpwv56VQ7";

  private final LayerHarness harness = new LayerHarness("todoist", Instant.parse("2025-01-07T10:00:00Z"));
  private final FakeTodoist todoist = new FakeTodoist().requireBearer(TOKEN);
  private Tasks tasks;

  @BeforeEach
  void start() {
    todoist.start();
    tasks = harness.tasks(Todoist.connector(todoist.uri().resolve("/api/v1"), Credentials.bearer(TOKEN)));
  }

  @AfterEach
  void stop() {
    harness.close();
    todoist.close();
  }

  private RecordedCall last() {
    List<RecordedCall> calls = todoist.requests();
    return calls.get(calls.size() - 1);
  }

  private Task created() {
    return tasks.create(new NewTask(PROJECT, "Fix login bug", "500s on /login"));
  }

  @Test
  void defaultBaseUriIsApiV1() {
    assertThat(Todoist.DEFAULT_BASE_URI).hasToString("https://api.todoist.com/api/v1");
  }

  @Test
  void createPostsContentDescriptionAndProjectWithARequestIdAndReadsTheTask() {
    Task task = created();

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/api/v1/tasks");
    assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(call.header("X-Request-Id")).isNotBlank().hasSizeLessThanOrEqualTo(36);
    assertThat(call.body()).isEqualTo("{\"content\":\"Fix login bug\",\"description\":\"500s on /login\",\"project_id\":\""
        + PROJECT + "\"}");
    assertThat(task).isEqualTo(new Task("6Xt0000000000001", PROJECT, "Fix login bug", "500s on /login", TaskStatus.OPEN,
        null, null, null, List.of(), null, "https://app.todoist.com/app/task/6Xt0000000000001", Map.of()));
  }

  @Test
  void getAndDeleteUseTheIdAsOneSegment() {
    Task task = created();

    tasks.get(task.id());
    assertThat(last().method() + " " + last().path()).isEqualTo("GET /api/v1/tasks/" + task.id());
    tasks.delete(task.id());
    assertThat(last().method() + " " + last().path()).isEqualTo("DELETE /api/v1/tasks/" + task.id());
    assertThat(todoist.taskCount()).isZero();
  }

  @Test
  void updateSendsOnlyTheFieldsGivenAndClearsWithNull() {
    Task task = created();

    Task changed = tasks.update(task.id(), TaskChanges.builder().title("Renamed").labels(List.of("web", "p1"))
        .dueDate("2025-02-01").build());
    assertThat(last().path()).isEqualTo("/api/v1/tasks/" + task.id());
    assertThat(last().body()).isEqualTo("{\"content\":\"Renamed\",\"due_date\":\"2025-02-01\",\"labels\":[\"web\",\"p1\"]}");
    assertThat(changed.labels()).containsExactly("web", "p1");
    assertThat(changed.dueDate()).isEqualTo("2025-02-01");

    Task cleared = tasks.update(task.id(), TaskChanges.builder().dueDate("").assignee("").build());
    assertThat(last().body()).isEqualTo("{\"assignee_id\":null,\"due_date\":null}");
    assertThat(cleared.dueDate()).isNull();
  }

  @Test
  void aStatusChangeClosesOrReopensAndReadsTheTaskBack() {
    Task task = created();

    Task done = tasks.update(task.id(), TaskChanges.builder().status(TaskStatus.DONE).build());
    List<RecordedCall> calls = todoist.requests();
    assertThat(calls.get(calls.size() - 2).method() + " " + calls.get(calls.size() - 2).path())
        .isEqualTo("POST /api/v1/tasks/" + task.id() + "/close");
    assertThat(last().method()).isEqualTo("GET");
    assertThat(done.status()).isEqualTo(TaskStatus.DONE);
    assertThat(tasks.list(new TaskQuery(PROJECT, null, null, null, 0, null)).items()).isEmpty();

    Task reopened = tasks.update(task.id(), TaskChanges.builder().status(TaskStatus.OPEN).title("Again").build());
    calls = todoist.requests();
    assertThat(calls.get(calls.size() - 2).path()).isEqualTo("/api/v1/tasks/" + task.id() + "/reopen");
    assertThat(last().body()).isEqualTo("{\"content\":\"Again\"}");
    assertThat(reopened.status()).isEqualTo(TaskStatus.OPEN);
    assertThat(reopened.title()).isEqualTo("Again");
  }

  @Test
  void whatTodoistCannotDoIsUnsupportedAndSendsNothing() {
    Task task = created();
    int sent = todoist.requestCount();

    ActionError inProgress = LayerHarness.failure(() -> tasks.update(task.id(),
        TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build())).error();
    ActionError vendorStatus = LayerHarness.failure(() -> tasks.update(task.id(),
        TaskChanges.builder().vendorStatus("Someday").build())).error();
    ActionError text = LayerHarness.failure(() -> tasks.list(new TaskQuery(PROJECT, null, null, "bug", 0, null))).error();

    assertThat(List.of(inProgress.code(), vendorStatus.code(), text.code())).containsOnly(ErrorCode.UNSUPPORTED);
    assertThat(inProgress.fieldErrors()).containsOnlyKeys("status");
    assertThat(vendorStatus.fieldErrors()).containsOnlyKeys("vendorStatus");
    assertThat(text.fieldErrors()).containsOnlyKeys("text");
    assertThat(todoist.requestCount()).isEqualTo(sent);
  }

  @Test
  void listPagesWithTodoistsCursor() {
    for (int i = 0; i < 3; i++) tasks.create(new NewTask(PROJECT, "Task " + i, null));

    Page<Task> first = tasks.list(new TaskQuery(PROJECT, null, null, null, 2, null));
    assertThat(last().path()).isEqualTo("/api/v1/tasks?project_id=" + PROJECT + "&limit=2");
    Page<Task> second = tasks.list(new TaskQuery(PROJECT, null, null, null, 2, first.nextCursor()));
    assertThat(last().queryParameter("cursor")).isEqualTo(first.nextCursor());

    assertThat(first.items()).extracting(Task::title).containsExactly("Task 0", "Task 1");
    assertThat(second.items()).extracting(Task::title).containsExactly("Task 2");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void idsThatAreNotTodoistIdsNeverLeaveTheProcess() {
    ActionError get = LayerHarness.failure(() -> tasks.get("6Xt/../projects")).error();
    ActionError project = LayerHarness.failure(() -> tasks.create(new NewTask("a b", "x", null))).error();

    assertThat(get.fieldErrors()).containsOnlyKeys("id");
    assertThat(project.fieldErrors()).isEqualTo(Map.of("project", "is not a Todoist id (letters, digits, _ and -)"));
    assertThat(todoist.requestCount()).isZero();
  }
}
