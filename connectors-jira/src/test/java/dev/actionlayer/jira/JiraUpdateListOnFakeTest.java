package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing, reassigning and finding issues on FakeJira's state, through the whole pipeline. */
class JiraUpdateListOnFakeTest {
  private final FakeJira jira = new FakeJira().requireBasic(JiraHarness.EMAIL, JiraHarness.TOKEN);
  private final LayerHarness harness = JiraHarness.create();
  private Tasks tasks;

  @BeforeEach
  void start() {
    jira.start();
    tasks = harness.tasks(Jira.connector(jira.uri(), JiraHarness.basic()),
        p -> p.duplicateWindow(java.time.Duration.ZERO));
  }

  @AfterEach
  void stop() {
    harness.close();
    jira.close();
  }

  @Test
  void anAgentClosesAnIssueAndAssignsIt() {
    Task created = tasks.create(new NewTask("PROJ", "Fix login bug", "500s on /login"));

    Task closed = tasks.update(created.id(), TaskChanges.builder().status(TaskStatus.DONE).assignee("u-42")
        .dueDate("2024-06-01").labels(List.of("web")).build());

    assertThat(closed.status()).isEqualTo(TaskStatus.DONE);
    assertThat(closed.vendorStatus()).isEqualTo("Done");
    assertThat(closed.assignee()).isEqualTo("u-42");
    assertThat(closed.dueDate()).isEqualTo("2024-06-01");
    assertThat(closed.labels()).containsExactly("web");
    assertThat(closed.key()).isEqualTo("PROJ-1");
    assertThat(closed.url()).isEqualTo(jira.uri() + "/browse/PROJ-1");
    assertThat(jira.issues()).singleElement().satisfies(i -> {
      assertThat(i.status()).isEqualTo("Done");
      assertThat(i.assignee()).isEqualTo("u-42");
      assertThat(i.summary()).isEqualTo("Fix login bug");
    });

    // The same update again finds the issue already done: no second transition.
    int transitions = jira.requestCount(c -> c.method().equals("POST") && c.path().endsWith("/transitions"));
    assertThat(tasks.update(created.id(), TaskChanges.builder().status(TaskStatus.DONE).build()).status())
        .isEqualTo(TaskStatus.DONE);
    assertThat(jira.requestCount(c -> c.method().equals("POST") && c.path().endsWith("/transitions")))
        .isEqualTo(transitions);
  }

  @Test
  void aTransitionWhoseAnswerIsLostIsNotAppliedTwice() {
    Task created = tasks.create(new NewTask("PROJ", "Fix login bug", null));
    jira.on(Requests.where(c -> c.method().equals("POST") && c.path().endsWith("/transitions"))).nth(1)
        .respond(Fault.applyThenReset());

    Task task = tasks.update(created.id(), TaskChanges.builder().vendorStatus("In Review").build());

    assertThat(task.vendorStatus()).isEqualTo("In Review");
    assertThat(jira.requestCount(c -> c.method().equals("POST") && c.path().endsWith("/transitions"))).isEqualTo(1);
    assertThat(jira.issues()).extracting(FakeJira.Issue::status).containsExactly("In Review");
  }

  @Test
  void listFindsTheProjectsIssuesByStatusAssigneeAndTextPageByPage() {
    List<String> ids = new ArrayList<>();
    for (String title : List.of("Login fails", "Logout fails", "Slow search", "Login slow")) {
      ids.add(tasks.create(new NewTask("PROJ", title, null)).id());
    }
    tasks.create(new NewTask("OPS", "Login fails in ops", null));
    tasks.update(ids.get(0), TaskChanges.builder().status(TaskStatus.DONE).assignee("u-1").build());

    List<String> listed = new ArrayList<>();
    TaskQuery query = new TaskQuery("PROJ", null, null, null, 3, null);
    Page<Task> page;
    do {
      page = tasks.list(query);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
      page.items().forEach(t -> listed.add(t.id()));
      query = query.next(page);
    } while (page.hasMore());
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);

    assertThat(tasks.list(new TaskQuery("PROJ", TaskStatus.DONE, null, null, 0, null)).items())
        .extracting(Task::title).containsExactly("Login fails");
    assertThat(tasks.list(new TaskQuery(null, TaskStatus.OPEN, null, "login", 0, null)).items())
        .extracting(Task::title).containsExactly("Login fails in ops", "Login slow");
    assertThat(tasks.list(new TaskQuery(null, null, "u-1", null, 0, null)).items())
        .extracting(Task::key).containsExactly("PROJ-1");
    RecordedCall last = jira.requests().get(jira.requests().size() - 1);
    assertThat(last.pathWithoutQuery()).isEqualTo("/rest/api/3/search/jql");
  }
}
