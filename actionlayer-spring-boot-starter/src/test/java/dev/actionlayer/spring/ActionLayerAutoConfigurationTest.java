package dev.actionlayer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Credentials;
import dev.actionlayer.Task;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.saga.SagaRecord;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeTodoist;
import dev.actionlayer.tools.ToolCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's layer from {@code actionlayer.*} properties, against a fake Jira on loopback. */
class ActionLayerAutoConfigurationTest {
  static final String SECRET = "s3cr3t-Jira-T0ken-value";

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ActionLayerAutoConfiguration.class));
  final FakeJira jira = new FakeJira().requireBasic("bot@example.com", SECRET);
  @TempDir Path dir;

  @BeforeEach
  void start() {
    jira.start();
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  String[] jiraConnection(String... more) {
    List<String> p = new ArrayList<>(List.of(
        "actionlayer.connections.jira.vendor=jira",
        "actionlayer.connections.jira.base-url=" + jira.uri(),
        "actionlayer.connections.jira.credentials.user=bot@example.com",
        "actionlayer.connections.jira.credentials.secret=" + SECRET));
    p.addAll(List.of(more));
    return p.toArray(String[]::new);
  }

  @Test
  void buildsALayerWhoseCallsReachTheVendorWithTheConfiguredCredentials() {
    runner.withPropertyValues(jiraConnection()).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(ActionLayer.class).hasSingleBean(ToolCatalog.class);
      ActionLayer layer = context.getBean(ActionLayer.class);
      Task t = layer.tasks("jira").create(new NewTask("PROJ", "Fix login bug", "500s on /login"));
      assertThat(jira.issues()).extracting(FakeJira.Issue::id).containsExactly(t.id());
      assertThat(context.getBean(ToolCatalog.class).tool("tasks_create")).isPresent();
    });
  }

  @Test
  void bearerTokenAndKebabCaseOptionsAreBound() {
    FakeJira bearer = new FakeJira().requireBearer(SECRET);
    bearer.start();
    try {
      runner.withPropertyValues(
          "actionlayer.connections.j2.vendor=jira",
          "actionlayer.connections.j2.base-url=" + bearer.uri(),
          "actionlayer.connections.j2.credentials.token=" + SECRET,
          "actionlayer.connections.j2.options.dedupe-labels=true").run(context -> {
            ActionLayer layer = context.getBean(ActionLayer.class);
            layer.tasks("j2").create(new NewTask("PROJ", "Keyed", null));
            // dedupeLabels puts the idempotency key on the issue as a label.
            assertThat(bearer.issues()).singleElement().satisfies(i -> assertThat(i.labels()).isNotEmpty());
          });
    } finally {
      bearer.close();
    }
  }

  @Test
  void aVendorDescribedAsDataIsLoadedFromAResourceLocation() {
    FakeTodoist todoist = new FakeTodoist().requireBearer(SECRET);
    todoist.start();
    try {
      runner.withPropertyValues(
          "actionlayer.connections.todo.description=classpath:todoist.json",
          "actionlayer.connections.todo.base-url=" + todoist.uri(),
          "actionlayer.connections.todo.credentials.token=" + SECRET).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(ActionLayer.class).tasks("todo").create(new NewTask(null, "Buy milk", null));
            assertThat(todoist.tasks()).singleElement().satisfies(t -> assertThat(t.content()).isEqualTo("Buy milk"));
          });
    } finally {
      todoist.close();
    }
  }

  @Test
  void theLayerIsClosedWithTheContext_itsFileJournalIsReleased() {
    Path journal = dir.resolve("journal.log");
    runner.withPropertyValues(jiraConnection("actionlayer.journal.type=file", "actionlayer.journal.path=" + journal))
        .run(context -> {
          assertThat(context).hasNotFailed();
          // While the context runs, the journal is taken: one process, one opener.
          assertThatThrownBy(() -> SagaJournal.file(journal)).isInstanceOf(IllegalStateException.class);
        });
    SagaJournal.file(journal).close(); // closed with the context
  }

  @Test
  void anApplicationsOwnLayerReplacesTheStarters() {
    runner.withPropertyValues(jiraConnection())
        .withBean("mine", ActionLayer.class, () -> ActionLayer.builder()
            .connection("other", Jira.connector(jira.uri(), Credentials.basic("bot@example.com", SECRET))).build())
        .run(context -> assertThat(context.getBean(ActionLayer.class).connections()).containsExactly("other"));
  }

  @Test
  void customizersAdjustTheBuilder_andTheApplicationsAuditSinkIsUsed() {
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    runner.withPropertyValues(jiraConnection("actionlayer.principal=agent-7"))
        .withBean(AuditSink.class, () -> events::add)
        .withBean(ActionLayerBuilderCustomizer.class, () -> b -> b.maxAttempts(1))
        .run(context -> {
          ActionLayer layer = context.getBean(ActionLayer.class);
          jira.on(dev.actionlayer.testkit.fake.Requests.any()).always().respond(FakeJira.serviceUnavailable503(null));
          assertThatThrownBy(() -> layer.tasks("jira").get("PROJ-1"))
              .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().attempts()).isEqualTo(1));
          assertThat(layer.principal()).isEqualTo("agent-7");
          assertThat(events).singleElement().satisfies(e -> assertThat(e.principal()).isEqualTo("agent-7"));
        });
  }

  @Test
  void jsonLinesAuditWritesOneRedactedLinePerCall() throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    runner.withPropertyValues(jiraConnection("actionlayer.audit.type=json-lines", "actionlayer.audit.path=" + audit))
        .run(context -> context.getBean(ActionLayer.class).tasks("jira").create(new NewTask("PROJ", "Audited", null)));
    List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l).contains("\"connection\":\"jira\"").contains("tasks.create");
      assertThat(l).doesNotContain(SECRET).doesNotContain(basic());
    });
  }

  @Test
  void aPolicyFileIsEnforced() throws Exception {
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, """
        {"version": 1, "principals": {"agent-7": {"allow": [
          {"id": "read-only", "operations": ["tasks.get"], "connections": ["jira"]}]}}}
        """);
    runner.withPropertyValues(jiraConnection("actionlayer.policy=" + policy, "actionlayer.principal=agent-7"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThatThrownBy(() -> context.getBean(ActionLayer.class).tasks("jira").create(new NewTask("PROJ", "No", null)))
              .isInstanceOfSatisfying(ActionException.class,
                  e -> assertThat(e.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
          assertThat(jira.requestCount()).isZero();
        });
  }

  /**
   * A journal as a process killed mid-saga leaves it: saga {@code onboard}'s step {@code ticket}
   * created a Jira issue (compensation {@code close-ticket}), step {@code wait} had begun.
   */
  Path crashedJournal() throws Exception {
    Path live = dir.resolve("live.journal");
    Path crashed = dir.resolve("crashed.journal");
    CountDownLatch inSecondStep = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ActionLayer before = ActionLayer.builder()
        .connection("jira", Jira.connector(jira.uri(), Credentials.basic("bot@example.com", SECRET)))
        .journal(SagaJournal.file(live))
        .compensation("close-ticket", scope -> {})
        .build()) {
      Thread saga = new Thread(() -> before.saga("onboard")
          .step("ticket", s -> s.tasks("jira").create(new NewTask("PROJ", "Onboard Ada", null)), "close-ticket")
          .step("wait", s -> {
            inSecondStep.countDown();
            awaitQuietly(release);
            return "done";
          })
          .run());
      saga.start();
      assertThat(inSecondStep.await(30, TimeUnit.SECONDS)).isTrue();
      Files.copy(live, crashed); // the books now: step one done, step two begun
      release.countDown();
      saga.join();
    }
    assertThat(jira.issueCount()).isEqualTo(1);
    return crashed;
  }

  /** The compensation a saga names, registered by the application through a customizer. */
  static ActionLayerBuilderCustomizer closeTicket(List<String> undone) {
    return b -> b.compensation("close-ticket", scope -> {
      for (SagaRecord r : scope.records()) {
        scope.tasks(r.connection()).delete(r.id());
        undone.add(scope.saga() + "/" + scope.step() + "/" + r.id());
      }
    });
  }

  @Test
  void startUpFinishesTheSagaAPreviousProcessLeftUnfinished_withTheRegisteredCompensation() throws Exception {
    Path crashed = crashedJournal();
    List<String> undone = new CopyOnWriteArrayList<>();
    runner.withPropertyValues(jiraConnection("actionlayer.journal.type=file", "actionlayer.journal.path=" + crashed))
        .withBean(ActionLayerBuilderCustomizer.class, () -> closeTicket(undone))
        .run(context -> {
          assertThat(context).hasNotFailed();
          // Finished before the bean was handed out: the record is gone, by the named compensation.
          assertThat(jira.issueCount()).isZero();
          assertThat(undone).singleElement().satisfies(u -> assertThat(u).startsWith("onboard/ticket/"));
        });
  }

  @Test
  void recoveryAtStartUpCanBeTurnedOff() throws Exception {
    Path crashed = crashedJournal();
    List<String> undone = new CopyOnWriteArrayList<>();
    runner.withPropertyValues(jiraConnection("actionlayer.journal.type=file", "actionlayer.journal.path=" + crashed,
            "actionlayer.journal.recover-on-startup=false"))
        .withBean(ActionLayerBuilderCustomizer.class, () -> closeTicket(undone))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(jira.issueCount()).isEqualTo(1);
          assertThat(undone).isEmpty();
          // The application recovers when it chooses.
          assertThat(context.getBean(ActionLayer.class).recover().sagas()).hasSize(1);
          assertThat(jira.issueCount()).isZero();
        });
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String basic() {
    return Base64.getEncoder().encodeToString(("bot@example.com:" + SECRET).getBytes(StandardCharsets.UTF_8));
  }
}
