package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {
  static final String SECRET = "tok-Very-Secret-123456";
  final FakeTime time = new FakeTime();
  TinyVendor a;
  TinyVendor b;
  ActionLayer layer;

  @BeforeEach
  void start() throws IOException {
    a = new TinyVendor();
    b = new TinyVendor();
    a.server.start();
    b.server.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (layer != null) layer.close();
    a.server.close();
    b.server.close();
  }

  ToolCatalog catalog(CreateSafety safetyB) {
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer(SECRET), CreateSafety.KEYED),
            p -> p.noRateLimit())
        .connection("b", new TestConnector(b.server.url("/").uri(), Credentials.bearer(SECRET), safetyB),
            p -> p.noRateLimit())
        .clock(time).sleeper(time)
        .build();
    return layer.tools();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(ToolResult r) {
    return Json.objectOrNull(r.json());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(ToolResult r) {
    assertThat(r.isError()).as(r.json()).isTrue();
    return (Map<String, Object>) json(r).get("error");
  }

  @Test
  void onlySupportedOperationsAreListed_eachWithASchemaAndHints() {
    ToolCatalog tools = catalog(CreateSafety.KEYED);
    assertThat(tools.tools()).extracting(Tool::name).containsExactly("tasks_create", "tasks_get", "tasks_delete");
    Tool create = tools.tool("tasks_create").orElseThrow();
    Map<String, Object> schema = Json.objectOrNull(create.inputSchema());
    assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false);
    assertThat(schema.get("required")).isEqualTo(List.of("connection", "title"));
    assertThat(Json.object(Json.object(schema, "properties"), "connection")).containsEntry("enum", List.of("a", "b"));
    assertThat(create.description()).contains("OUTCOME_UNKNOWN").contains("retryAfterSeconds");
    assertThat(create.hints().idempotent()).isTrue();
    assertThat(create.hints().readOnly()).isFalse();
    assertThat(tools.tool("tasks_get").orElseThrow().hints().readOnly()).isTrue();
    assertThat(tools.tool("tasks_delete").orElseThrow().hints())
        .satisfies(h -> assertThat(h.destructive() && h.idempotent()).isTrue());
    assertThat(tools.tool("contacts_create")).isEmpty();
  }

  @Test
  void createIsIdempotentOnlyWhenEveryConnectionIsKeyed() {
    assertThat(catalog(CreateSafety.UNSAFE).tool("tasks_create").orElseThrow().hints().idempotent()).isFalse();
  }

  @Test
  void createGetDeleteRoundTripAsJson() {
    ToolCatalog tools = catalog(CreateSafety.KEYED);
    ToolResult created = tools.execute("tasks_create", "{\"connection\":\"b\",\"title\":\"Fix login\"}");
    assertThat(created.isError()).as(created.json()).isFalse();
    String id = (String) json(created).get("id");
    assertThat(b.records).containsKey(id);
    assertThat(json(tools.execute("tasks_get", "{\"connection\":\"b\",\"id\":\"" + id + "\"}"))).containsEntry("id", id);
    assertThat(json(tools.execute("tasks_delete", "{\"connection\":\"b\",\"id\":\"" + id + "\"}")))
        .containsEntry("deleted", true);
    assertThat(b.records).isEmpty();
    assertThat(error(tools.execute("tasks_get", "{\"connection\":\"b\",\"id\":\"" + id + "\"}")))
        .containsEntry("code", "NOT_FOUND").containsKey("hint");
  }

  @Test
  void argumentsAreCheckedAgainstTheSchemaBeforeAnythingIsSent() {
    ToolCatalog tools = catalog(CreateSafety.KEYED);
    Map<String, Object> e = error(tools.execute("tasks_create",
        "{\"connection\":\"nowhere\",\"title\":7,\"color\":\"red\",\"idempotencyKey\":\"../../x\"}"));
    assertThat(e).containsEntry("code", "INVALID_REQUEST").containsEntry("retryable", false);
    assertThat(Json.object(e, "fieldErrors")).containsOnlyKeys("connection", "title", "color", "idempotencyKey");
    assertThat(error(tools.execute("tasks_create", "{\"connection\":\"a\"}")).get("fieldErrors"))
        .isEqualTo(Map.of("title", "is required"));
    assertThat(error(tools.execute("tasks_create", "not json")).get("fieldErrors"))
        .isEqualTo(Map.of("arguments", "not a JSON object"));
    assertThat(error(tools.execute("tasks_create", "{\"connection\":\"a\",\"title\":\"a\\nb\"}")).get("fieldErrors"))
        .isEqualTo(Map.of("title", "must not contain control characters or line breaks"));
    assertThat(error(tools.execute("tasks_launch", "{}"))).containsEntry("code", "INVALID_REQUEST");
    assertThat(a.server.getRequestCount() + b.server.getRequestCount()).isZero();
  }

  @Test
  void aRateLimitComesBackAsJsonTheModelCanActOn_withoutTheCredential() {
    ToolCatalog tools = catalog(CreateSafety.KEYED);
    layer.close();
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(a.server.url("/").uri(), Credentials.bearer(SECRET), CreateSafety.KEYED),
            p -> p.noRateLimit().maxWait(java.time.Duration.ofSeconds(1)))
        .clock(time).sleeper(time).build();
    tools = layer.tools();
    a.server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "30")
            .addHeader("Content-Type", "application/json")
            .body("{\"error\":\"slow down, token " + SECRET + "\"}").build();
      }
    });
    ToolResult r = tools.execute("tasks_create", "{\"connection\":\"a\",\"title\":\"x\"}");
    Map<String, Object> e = error(r);
    assertThat(e).containsEntry("code", "RATE_LIMITED").containsEntry("retryable", true)
        .containsEntry("retryAfterSeconds", 30.0);
    assertThat((String) e.get("hint")).contains("Wait retryAfterSeconds");
    assertThat(r.json()).doesNotContain(SECRET).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void aRepeatedCreateWithTheSameIdempotencyKeyMakesOneRecord() {
    ToolCatalog tools = catalog(CreateSafety.KEYED);
    String args = "{\"connection\":\"a\",\"title\":\"once\",\"idempotencyKey\":\"order-4711-task\"}";
    String first = (String) json(tools.execute("tasks_create", args)).get("id");
    layer.close(); // a new process: no in-memory duplicate suppression, only the vendor's key
    catalog(CreateSafety.KEYED);
    String second = (String) json(layer.tools().execute("tasks_create", args)).get("id");
    assertThat(second).isEqualTo(first);
    assertThat(a.records).hasSize(1);
  }
}
