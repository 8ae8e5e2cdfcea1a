package dev.actionlayer.linear;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeLinear;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact GraphQL documents and variables the connector sends (as FakeLinear records them). */
class LinearWireFormatTest {
  static final String TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
  static final String USER = "4d5e6f70-1234-4abc-9def-0123456789ab";
  private final LayerHarness harness = new LayerHarness("linear", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeLinear linear = new FakeLinear().requireToken("lin_oauth_abc");
  private Tasks tasks;

  @BeforeEach
  void start() {
    linear.start();
    tasks = harness.tasks(Linear.connector(linear.uri(), Credentials.bearer("lin_oauth_abc")));
  }

  @AfterEach
  void stop() {
    harness.close();
    linear.close();
  }

  private RecordedCall last() {
    List<RecordedCall> calls = linear.requests();
    return calls.get(calls.size() - 1);
  }

  private static Map<String, Object> sent(RecordedCall call) {
    return Json.objectOrNull(call.body());
  }

  @Test
  void defaultBaseUriIsLinearsApiHost() {
    assertThat(Linear.DEFAULT_BASE_URI).hasToString("https://api.linear.app");
  }

  @Test
  void createSendsTheDocumentWithVariablesAndAnIdDerivedFromTheKey() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", "500s on /login"));

    RecordedCall call = last();
    assertThat(call.method() + " " + call.path()).isEqualTo("POST /graphql");
    assertThat(call.header("Authorization")).isEqualTo("Bearer lin_oauth_abc");
    Map<String, Object> body = sent(call);
    assertThat(body.get("query")).isEqualTo(LinearGraphQL.CREATE);
    Map<String, Object> input = Json.object(Json.object(body, "variables"), "input");
    assertThat(input).containsEntry("teamId", TEAM).containsEntry("title", "Fix login bug")
        .containsEntry("description", "500s on /login");
    assertThat((String) input.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(t).isEqualTo(new Task((String) input.get("id"), TEAM, "Fix login bug", "500s on /login", TaskStatus.OPEN,
        "Todo", null, null, List.of(), "ENG-1", "https://linear.app/acme/issue/eng-1", Map.of()));
  }

  @Test
  void theIdDerivedFromAKeyIsStableAndAV4Uuid() {
    assertThat(LinearIssues.issueId("saga-1-step-2")).isEqualTo(LinearIssues.issueId("saga-1-step-2"))
        .isNotEqualTo(LinearIssues.issueId("saga-1-step-3"));
    assertThat(java.util.UUID.fromString(LinearIssues.issueId("k")).version()).isEqualTo(4);
  }

  @Test
  void getTakesTheUuidOrTheIdentifierAsAVariable() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", null));

    assertThat(tasks.get("ENG-1").id()).isEqualTo(t.id());
    assertThat(sent(last())).isEqualTo(Map.of("query", LinearGraphQL.GET, "variables", Map.of("id", "ENG-1")));
  }

  @Test
  void aStatusChangeLooksUpTheTeamsStateOfThatTypeThenUpdates() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", null));

    Task started = tasks.update(t.id(), TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build());

    List<RecordedCall> calls = linear.requests();
    Map<String, Object> look = sent(calls.get(calls.size() - 2));
    assertThat(look.get("query")).isEqualTo(LinearGraphQL.STATES);
    assertThat(look.get("variables")).isEqualTo(Map.of("id", t.id(), "filter", Map.of("type", Map.of("eq", "started"))));
    Map<String, Object> update = sent(last());
    assertThat(update.get("query")).isEqualTo(LinearGraphQL.UPDATE);
    assertThat(Json.object(update, "variables").get("id")).isEqualTo(t.id());
    assertThat(Json.object(Json.object(update, "variables"), "input")).containsOnlyKeys("stateId");
    assertThat(started.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(started.vendorStatus()).isEqualTo("In Progress");
  }

  @Test
  void aVendorStatusIsFoundByNameAndLabelsByName() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", null));

    Task reviewed = tasks.update(t.id(), TaskChanges.builder().vendorStatus("in review").labels(List.of("Bug")).build());

    assertThat(reviewed.vendorStatus()).isEqualTo("In Review");
    assertThat(reviewed.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(reviewed.labels()).containsExactly("Bug");
    assertThat(LayerHarness.failure(() -> tasks.update(t.id(), TaskChanges.builder().labels(List.of("Nope")).build()))
        .error().fieldErrors()).containsKey("labels");
    assertThat(LayerHarness.failure(() -> tasks.update(t.id(), TaskChanges.builder().vendorStatus("Shipped").build()))
        .error().fieldErrors()).containsKey("vendorStatus");
  }

  @Test
  void clearingSendsNullsAndOnlyTheGivenFields() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", "text"));
    tasks.update(t.id(), TaskChanges.builder().assignee(USER).dueDate("2026-12-01").build());
    assertThat(tasks.get(t.id()).assignee()).isEqualTo(USER);

    Task cleared = tasks.update(t.id(), TaskChanges.builder().assignee("").dueDate("").description("").labels(List.of()).build());

    assertThat(last().body()).contains("\"input\":{\"description\":null,\"assigneeId\":null,\"dueDate\":null,\"labelIds\":[]}");
    assertThat(cleared.assignee()).isNull();
    assertThat(cleared.dueDate()).isNull();
    assertThat(cleared.description()).isNull();
  }

  @Test
  void deleteTrashesTheIssueWhichThenReadsAsNotFound() {
    Task t = tasks.create(new NewTask(TEAM, "Fix login bug", null));

    tasks.delete(t.id());

    assertThat(sent(last())).isEqualTo(Map.of("query", LinearGraphQL.DELETE, "variables", Map.of("id", t.id())));
    assertThat(linear.issueCount()).isZero();
    assertThat(LayerHarness.failure(() -> tasks.get(t.id())).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void listFiltersAsVariablesAndPagesWithEndCursor() {
    for (int i = 0; i < 3; i++) tasks.create(new NewTask(TEAM, "Task " + i, null));

    Page<Task> first = tasks.list(new TaskQuery(TEAM, TaskStatus.OPEN, null, "task", 2, null));
    Map<String, Object> variables = Json.object(sent(last()), "variables");
    Page<Task> second = tasks.list(new TaskQuery(TEAM, TaskStatus.OPEN, null, "task", 2, first.nextCursor()));

    assertThat(sent(last()).get("query")).isEqualTo(LinearGraphQL.LIST);
    assertThat(variables.get("filter")).isEqualTo(Map.of("team", Map.of("id", Map.of("eq", TEAM)),
        "state", Map.of("type", Map.of("in", List.of("triage", "backlog", "unstarted"))),
        "or", List.of(Map.of("title", Map.of("containsIgnoreCase", "task")),
            Map.of("description", Map.of("containsIgnoreCase", "task")))));
    assertThat(variables.get("first")).isEqualTo(2.0);
    assertThat(first.items()).extracting(Task::title).containsExactly("Task 2", "Task 1");
    assertThat(Json.object(sent(last()), "variables").get("after")).isEqualTo(first.nextCursor());
    assertThat(second.items()).extracting(Task::title).containsExactly("Task 0");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void findLooksUpTheKeyDerivedId() throws Exception {
    LinearIssues issues = new LinearIssues();
    VendorWire wire = new VendorWire(linear, "lin_oauth_abc");
    NewTask input = new NewTask(TEAM, "Fix login bug", null);
    CallContext key = new CallContext("key-1", "tasks.create");
    wire.send(issues.create(input, key));

    Task found = issues.readFound(wire.send(issues.find(input, key)), input, key);
    CallContext other = new CallContext("key-2", "tasks.create");
    Task none = issues.readFound(wire.send(issues.find(input, other)), input, other);

    assertThat(found.id()).isEqualTo(LinearIssues.issueId("key-1"));
    assertThat(none).isNull();
  }

  @Test
  void noDocumentHoldsALiteralSoNoValueIsEverSplicedIntoIt() {
    for (String document : List.of(LinearGraphQL.CREATE, LinearGraphQL.GET, LinearGraphQL.UPDATE, LinearGraphQL.DELETE,
        LinearGraphQL.LIST, LinearGraphQL.FIND, LinearGraphQL.STATES, LinearGraphQL.LABELS)) {
      assertThat(document).doesNotContain("\"");
    }
  }

  @Test
  void malformedIdsTeamsAndCursorsNeverLeaveTheProcess() {
    assertThat(LayerHarness.failure(() -> tasks.create(new NewTask("ENG", "T", null))).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    for (String id : List.of("eng-1", "ENG-0", "not-an-id", "2c4e8f1a-9b3d-4e5f-8a7b-1c2d3e4f5a6b\") { x }")) {
      assertThat(LayerHarness.failure(() -> tasks.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(LayerHarness.failure(() -> tasks.update("ENG-1", TaskChanges.builder().assignee("mona").build())).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(LayerHarness.failure(() -> tasks.list(new TaskQuery(TEAM, null, null, null, 2, "a b"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(linear.requestCount()).isZero();
  }
}
