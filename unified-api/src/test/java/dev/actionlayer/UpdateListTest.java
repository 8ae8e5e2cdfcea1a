package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code update} and {@code list} through the pipeline, the tool catalog and a saga. */
class UpdateListTest {
  final FakeTime time = new FakeTime();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  final OfficeVendor office = new OfficeVendor();
  final MockWebServer plain = new MockWebServer();
  ActionLayer layer;

  @BeforeEach
  void start() throws IOException {
    office.server.start();
    plain.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder().code(400).body("{\"error\":\"refused\"}").build();
      }
    });
    plain.start();
    layer = ActionLayer.builder()
        .connection("office", new OfficeConnector(office.server.url("/").uri(), Credentials.bearer("tok-office"), false),
            p -> p.noRateLimit())
        .connection("plain", new TestConnector(plain.url("/").uri(), Credentials.bearer("tok-plain"), CreateSafety.KEYED),
            p -> p.noRateLimit())
        .clock(time).sleeper(time).auditSink(events::add)
        .build();
  }

  @AfterEach
  void stop() {
    layer.close();
    office.server.close();
    plain.close();
  }

  private Task newTask(String title) {
    return layer.tasks("office").create(new NewTask("OPS", title, "details"));
  }

  @Test
  void anUpdateSendsOnlyTheFieldsGivenAndReturnsTheChangedRecord() {
    Task task = newTask("Draft");

    Task changed = layer.tasks("office").update(task.id(), TaskChanges.builder().title("Final").build());

    assertThat(changed.title()).isEqualTo("Final");
    assertThat(changed.description()).as("a field not given keeps its value").isEqualTo("details");
    assertThat(office.received).last().isEqualTo("PATCH /tasks/" + task.id());
    assertThat(Json.objectOrNull(office.bodies.get(office.bodies.size() - 1))).isEqualTo(Map.of("title", "Final"));
    AuditEvent audit = events.get(events.size() - 1);
    assertThat(audit.operation()).isEqualTo("tasks.update");
    assertThat(audit.resourceId()).isEqualTo(task.id());
    assertThat(audit.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
  }

  @Test
  void anUpdateAnsweredWithNoContentIsReadBackWithinTheSameLogicalCall() {
    Task task = newTask("Draft");
    office.updatesAnswerNoContent = true;
    int before = events.size();

    Task changed = layer.tasks("office").update(task.id(), TaskChanges.builder().title("Final").build());

    assertThat(changed.title()).isEqualTo("Final");
    assertThat(office.received.subList(office.received.size() - 2, office.received.size()))
        .containsExactly("PATCH /tasks/" + task.id(), "GET /tasks/" + task.id());
    assertThat(events).hasSize(before + 1);
    assertThat(events.get(before).attempts()).extracting(AuditEvent.Attempt::kind)
        .containsExactlyInAnyOrder("call", "aux");
  }

  @Test
  void anUpdateIsIdempotent_soA503IsRetried() {
    Task task = newTask("Draft");
    office.unavailableAnswers.set(1);

    Task changed = layer.tasks("office").update(task.id(), TaskChanges.builder().title("Final").build());

    assertThat(changed.title()).isEqualTo("Final");
    assertThat(events.get(events.size() - 1).attempts()).extracting(AuditEvent.Attempt::status).containsExactly(503, 200);
  }

  @Test
  void aVendorThatCannotUpdateOrListSaysUnsupportedAndSendsNothing() {
    assertThatThrownBy(() -> layer.tasks("plain").update("T1", TaskChanges.builder().title("x").build()))
        .isInstanceOfSatisfying(ActionException.class, e -> {
          assertThat(e.error().code()).isEqualTo(ErrorCode.UNSUPPORTED);
          assertThat(e.error().retryable()).isFalse();
        });
    assertThatThrownBy(() -> layer.tasks("plain").list(TaskQuery.all()))
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThat(plain.getRequestCount()).isZero();
  }

  @Test
  void invalidChangesAndQueriesAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> TaskChanges.builder().build())
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().fieldErrors()).containsKey("changes"));
    assertThatThrownBy(() -> TaskChanges.builder().dueDate("2026-02-30").build())
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().fieldErrors()).containsKey("dueDate"));
    assertThatThrownBy(() -> TaskChanges.builder().labels(List.of("two words")).build())
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().fieldErrors()).containsKey("labels"));
    assertThatThrownBy(() -> TaskChanges.builder().status(TaskStatus.DONE).vendorStatus("Closed").build())
        .isInstanceOf(ActionException.class);
    assertThatThrownBy(() -> new TaskQuery(null, null, null, null, 0, "line\nbreak"))
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().fieldErrors()).containsKey("cursor"));
    assertThatThrownBy(() -> layer.tasks("office").update("..", TaskChanges.builder().title("x").build()))
        .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThat(office.requests()).isZero();
  }

  @Test
  void listPagesThroughEveryRecordWithTheVendorsCursor_andCapsThePageSize() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) created.add(newTask("Task " + i).id());
    layer.tasks("office").create(new NewTask("OTHER", "Elsewhere", null));

    List<String> listed = new ArrayList<>();
    TaskQuery query = new TaskQuery("OPS", null, null, null, 2, null);
    Page<Task> page;
    int pages = 0;
    do {
      page = layer.tasks("office").list(query);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(t -> listed.add(t.id()));
      query = query.next(page);
      pages++;
    } while (page.hasMore());

    assertThat(listed).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
    assertThat(events.get(events.size() - 1).operation()).isEqualTo("tasks.list");

    layer.tasks("office").list(new TaskQuery(null, null, null, null, 500, null));
    assertThat(office.received).last().asString().startsWith("GET /tasks");
    assertThat(new TaskQuery(null, null, null, null, 500, null).pageSize()).isEqualTo(100);
  }

  @Test
  void theToolCatalogOffersUpdateAndListOnlyWhereTheVendorCan() {
    ToolCatalog tools = layer.tools();
    Tool update = tools.tool("tasks_update").orElseThrow();
    Tool list = tools.tool("tasks_list").orElseThrow();
    Tool create = tools.tool("tasks_create").orElseThrow();

    assertThat(connections(update)).containsExactly("office");
    assertThat(connections(list)).containsExactly("office");
    assertThat(connections(create)).containsExactly("office", "plain");
    assertThat(update.hints().idempotent()).isTrue();
    assertThat(update.hints().readOnly()).isFalse();
    assertThat(list.hints().readOnly()).isTrue();
    assertThat(tools.tool("contacts_update")).as("office contacts cannot be updated").isEmpty();
    assertThat(list.inputSchema()).contains("\"pageSize\":{\"type\":\"integer\"");
  }

  @SuppressWarnings("unchecked")
  private static List<String> connections(Tool tool) {
    return tool.parameters().stream().filter(p -> p.name().equals("connection")).findFirst().orElseThrow().allowed();
  }

  @Test
  @SuppressWarnings("unchecked")
  void toolsUpdateAndListThroughTheCatalog() {
    Task task = newTask("Draft");
    newTask("Second");
    ToolCatalog tools = layer.tools();

    ToolResult updated = tools.execute("tasks_update",
        "{\"connection\":\"office\",\"id\":\"" + task.id() + "\",\"title\":\"Shipped\"}");
    assertThat(updated.isError()).as(updated.json()).isFalse();
    assertThat(Json.objectOrNull(updated.json())).containsEntry("title", "Shipped");

    ToolResult page = tools.execute("tasks_list", "{\"connection\":\"office\",\"project\":\"OPS\",\"pageSize\":1}");
    Map<String, Object> json = Json.objectOrNull(page.json());
    assertThat((List<Object>) json.get("items")).hasSize(1);
    assertThat(json.get("nextCursor")).isEqualTo(task.id());

    ToolResult badSize = tools.execute("tasks_list", "{\"connection\":\"office\",\"pageSize\":1000}");
    assertThat(badSize.isError()).isTrue();
    assertThat(badSize.json()).contains("pageSize").contains("whole number from 1 to 100");

    ToolResult dryRun = tools.execute("tasks_update",
        "{\"connection\":\"office\",\"id\":\"" + task.id() + "\",\"title\":\"Again\",\"dryRun\":true}");
    assertThat(dryRun.json()).contains("\"method\":\"PATCH\"").contains("\"title\":\"Again\"");
    assertThat(layer.tasks("office").get(task.id()).title()).isEqualTo("Shipped");
  }

  @Test
  void aSagaThatFailsAfterAnUpdatePutsThePreviousValuesBack() {
    Task task = newTask("Original");

    SagaResult result = layer.saga("retitle")
        .step("rename", s -> s.tasks("office").update(task.id(), TaskChanges.builder().title("Renamed").build()))
        .step("fail", s -> s.tasks("plain").create(new NewTask(null, "never", null)))
        .run();

    assertThat(result.residue()).isEmpty();
    assertThat(result.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(layer.tasks("office").get(task.id()).title()).isEqualTo("Original");
    assertThat(layer.tasks("office").get(task.id()).description()).as("a field the update did not name").isEqualTo("details");
    assertThat(events).filteredOn(e -> "compensate".equals(e.context().get("phase")))
        .extracting(AuditEvent::operation).containsExactly("tasks.update");
  }
}
