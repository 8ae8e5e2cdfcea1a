package dev.actionlayer.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real MCP client from the official SDK drives the server in a child JVM over its stdin and
 * stdout, as a host such as an IDE or a desktop assistant would. The four vendors' fakes run here,
 * so every assertion about what reached a vendor is made on the vendor's own state.
 *
 * <p>One child for the whole class keeps the suite fast. The rate-limit test runs last because
 * the cooldown it provokes is connection-wide by design and would refuse later Jira calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpStdioRoundTripTest {
  static final String SF_TOKEN = "sf-Secret-Token-41c9";
  static final String DRIVE_TOKEN = "drive-Secret-Token-7d2e";
  static final String STRIPE_KEY = "sk_test_Secret51Hq0";
  static final String JIRA_EMAIL = "bot@example.com";
  static final String JIRA_TOKEN = "jira-Secret-Token-90af";
  static final List<String> SECRETS = List.of(SF_TOKEN, DRIVE_TOKEN, STRIPE_KEY, JIRA_TOKEN);

  final FakeSalesforce salesforce = new FakeSalesforce().externalIdField("Contact", McpChild.SF_KEY_FIELD)
      .requireBearer(SF_TOKEN);
  final FakeDrive drive = new FakeDrive().requireBearer(DRIVE_TOKEN);
  final FakeStripe stripe = new FakeStripe().requireKey(STRIPE_KEY);
  final FakeJira jira = new FakeJira().projects("ONB").requireBasic(JIRA_EMAIL, JIRA_TOKEN);
  final ConcurrentLinkedQueue<String> childStderr = new ConcurrentLinkedQueue<>();
  McpSyncClient client;

  @BeforeAll
  void startFakesAndChild() {
    salesforce.start();
    drive.start();
    stripe.start();
    jira.start();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters child = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), McpChild.class.getName(),
            salesforce.uri().toString(), drive.uri().toString(), stripe.uri().toString(), jira.uri().toString())
        .env(Map.of("SF_TOKEN", SF_TOKEN, "DRIVE_TOKEN", DRIVE_TOKEN, "STRIPE_KEY", STRIPE_KEY,
            "JIRA_EMAIL", JIRA_EMAIL, "JIRA_TOKEN", JIRA_TOKEN))
        .build();
    StdioClientTransport transport = new StdioClientTransport(child, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(childStderr::add);
    // A child JVM on a busy two-core machine can take seconds to start.
    client = McpClient.sync(transport).initializationTimeout(Duration.ofSeconds(60))
        .requestTimeout(Duration.ofSeconds(30)).build();
    try {
      client.initialize();
    } catch (RuntimeException e) {
      throw new AssertionError("the child did not initialize; its stderr:\n" + String.join("\n", childStderr), e);
    }
  }

  @AfterAll
  void stop() {
    if (client != null) client.closeGracefully();
    salesforce.close();
    drive.close();
    stripe.close();
    jira.close();
  }

  /** Calls a tool as a model would, and checks what every result must hold: no credential. */
  CallToolResult call(String tool, Map<String, Object> arguments) {
    CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    assertThat(result.content()).hasSize(1);
    assertThat(text(result)).doesNotContain(SECRETS);
    return result;
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  static Map<String, Object> ok(CallToolResult result) {
    assertThat(result.isError()).as(text(result)).isFalse();
    return Json.objectOrNull(text(result));
  }

  static Map<String, Object> error(CallToolResult result) {
    assertThat(result.isError()).as(text(result)).isTrue();
    return Json.object(Json.objectOrNull(text(result)), "error");
  }

  /** Stderr arrives on the client's reader thread, a little after the call's result. */
  static boolean eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  int requestsAtAllVendors() {
    return salesforce.requestCount() + drive.requestCount() + stripe.requestCount() + jira.requestCount();
  }

  @Test
  @Order(1)
  void initializeNamesTheServerWithTheProjectVersion() {
    McpSchema.InitializeResult init = client.getCurrentInitializationResult();
    assertThat(init.serverInfo().name()).isEqualTo("actionlayer");
    assertThat(init.serverInfo().version()).isEqualTo(System.getProperty("actionlayer.expectedVersion"));
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.instructions()).contains("connection").contains("hint");
  }

  @Test
  @Order(2)
  void listsEveryCatalogToolWithItsSchemaAndAnnotationsFromTheHints() {
    Map<String, McpSchema.Tool> tools = client.listTools().tools().stream()
        .collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));
    assertThat(tools).containsOnlyKeys("tasks_create", "tasks_get", "tasks_update", "tasks_delete", "tasks_list",
        "contacts_create", "contacts_get", "contacts_update", "contacts_delete", "contacts_list",
        "folders_create", "folders_get", "folders_update", "folders_delete", "folders_list");

    McpSchema.Tool create = tools.get("tasks_create");
    assertThat(create.title()).isEqualTo("Create task");
    assertThat(create.description()).contains("OUTCOME_UNKNOWN").contains("retryAfterSeconds");
    Map<String, Object> schema = create.inputSchema();
    assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false)
        .containsEntry("required", List.of("connection", "title"));
    Map<String, Object> properties = Json.object(schema, "properties");
    assertThat(Json.object(properties, "connection")).containsEntry("enum", List.of("sf", "jira"));
    assertThat(Json.object(properties, "idempotencyKey")).containsKey("pattern");
    assertThat(Json.object(properties, "title")).containsEntry("maxLength", 255);
    assertThat(Json.object(Json.object(tools.get("contacts_create").inputSchema(), "properties"), "connection"))
        .containsEntry("enum", List.of("sf", "stripe"));

    for (String noun : List.of("tasks", "contacts", "folders")) {
      assertThat(tools.get(noun + "_get").annotations())
          .returns(true, ToolAnnotations::readOnlyHint).returns(false, ToolAnnotations::destructiveHint)
          .returns(true, ToolAnnotations::openWorldHint);
      assertThat(tools.get(noun + "_delete").annotations())
          .returns(false, ToolAnnotations::readOnlyHint).returns(true, ToolAnnotations::destructiveHint)
          .returns(true, ToolAnnotations::idempotentHint).returns(true, ToolAnnotations::openWorldHint);
      assertThat(tools.get(noun + "_create").annotations())
          .returns(false, ToolAnnotations::readOnlyHint).returns(false, ToolAnnotations::destructiveHint);
    }
    // Stripe and Salesforce (upsert on the external id) repeat a keyed create safely; Jira only
    // finds its issues by label, Salesforce tasks have no key, so tasks_create is not idempotent.
    assertThat(tools.get("contacts_create").annotations().idempotentHint()).isTrue();
    assertThat(tools.get("folders_create").annotations().idempotentHint()).isTrue();
    assertThat(tools.get("tasks_create").annotations().idempotentHint()).isFalse();
    assertThat(tools.get("folders_delete").annotations().title()).isEqualTo("Delete folder");
  }

  @Test
  @Order(3)
  void createsReadsAndDeletesAcrossAllFourVendors() {
    Map<String, Object> ada = ok(call("contacts_create",
        Map.of("connection", "sf", "firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com")));
    Map<String, Object> grace = ok(call("contacts_create",
        Map.of("connection", "stripe", "firstName", "Grace", "lastName", "Hopper", "email", "grace@example.com")));
    Map<String, Object> folder = ok(call("folders_create", Map.of("connection", "drive", "name", "Onboarding")));
    Map<String, Object> issue = ok(call("tasks_create",
        Map.of("connection", "jira", "project", "ONB", "title", "Order a laptop for Ada")));

    assertThat(salesforce.contacts()).singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo(ada.get("id")))
        .satisfies(c -> assertThat(c.lastName()).isEqualTo("Lovelace"));
    assertThat(stripe.customers()).singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo(grace.get("id")))
        .satisfies(c -> assertThat(c.email()).isEqualTo("grace@example.com"));
    assertThat(drive.folders()).singleElement()
        .satisfies(f -> assertThat(f.id()).isEqualTo(folder.get("id")))
        .satisfies(f -> assertThat(f.name()).isEqualTo("Onboarding"));
    assertThat(jira.issues()).singleElement()
        .satisfies(i -> assertThat(i.id()).isEqualTo(issue.get("id")))
        .satisfies(i -> assertThat(i.summary()).isEqualTo("Order a laptop for Ada"));

    assertThat(ok(call("contacts_get", Map.of("connection", "stripe", "id", grace.get("id")))))
        .containsEntry("id", grace.get("id")).containsEntry("lastName", "Hopper");
    assertThat(ok(call("tasks_get", Map.of("connection", "jira", "id", issue.get("id")))))
        .containsEntry("title", "Order a laptop for Ada");

    assertThat(ok(call("folders_delete", Map.of("connection", "drive", "id", folder.get("id")))))
        .containsEntry("deleted", true).containsEntry("id", folder.get("id"));
    assertThat(drive.folderCount()).isZero();
    assertThat(error(call("folders_get", Map.of("connection", "drive", "id", folder.get("id")))))
        .containsEntry("code", "NOT_FOUND").containsKey("hint");
    ok(call("contacts_delete", Map.of("connection", "sf", "id", ada.get("id"))));
    assertThat(salesforce.contactCount()).isZero();
  }

  @Test
  @Order(4)
  void badArgumentsComeBackAsInvalidRequestWithFieldErrors_beforeAnyVendorIsCalled() {
    int before = requestsAtAllVendors();
    Map<String, Object> e = error(call("tasks_create",
        Map.of("connection", "nowhere", "title", 7, "color", "red")));
    assertThat(e).containsEntry("code", "INVALID_REQUEST").containsEntry("retryable", false);
    assertThat(Json.object(e, "fieldErrors")).containsOnlyKeys("connection", "title", "color");
    assertThat((String) e.get("hint")).isNotBlank();
    assertThat(error(call("contacts_create", Map.of("connection", "stripe"))).get("fieldErrors"))
        .isEqualTo(Map.of("lastName", "is required"));
    assertThat(requestsAtAllVendors()).isEqualTo(before);
  }

  @Test
  @Order(5)
  void whatTheLayerPrintsOnStdoutDuringACallGoesToStderr_withoutCredentials() {
    String id = (String) ok(call("contacts_create", Map.of("connection", "stripe", "lastName", "Stdout"))).get("id");
    // The child's audit sink printed the event to System.out; the client still reads protocol
    // only (the call above succeeded) and the line arrived on the child's stderr instead.
    assertThat(eventually(() -> childStderr.stream()
        .anyMatch(line -> line.startsWith(McpChild.AUDIT_PREFIX) && line.contains(id)))).isTrue();
    assertThat(childStderr).allSatisfy(line -> assertThat(line).doesNotContain(SECRETS));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aRateLimitComesBackRetryableWithRetryAfter_andTheConnectionWaitsItOut() {
    int issuesBefore = jira.issueCount();
    jira.on(Requests.creates()).always()
        .respond(FakeJira.rateLimited429Json(30, "2030-01-01T00:00Z", "jira-burst-based"));
    Map<String, Object> e = error(call("tasks_create",
        Map.of("connection", "jira", "project", "ONB", "title", "Throttled")));
    assertThat(e).containsEntry("code", "RATE_LIMITED").containsEntry("retryable", true)
        .containsEntry("retryAfterSeconds", 30.0);
    assertThat((String) e.get("hint")).contains("Wait retryAfterSeconds");
    assertThat(jira.issueCount()).isEqualTo(issuesBefore);

    // The vendor asked the whole connection to pause: a model that does not wait is told so
    // again, and the vendor is not called.
    jira.clearFaults();
    int jiraRequests = jira.requestCount();
    Map<String, Object> again = error(call("tasks_create",
        Map.of("connection", "jira", "project", "ONB", "title", "Impatient")));
    assertThat(again).containsEntry("code", "RATE_LIMITED").containsEntry("retryable", true);
    assertThat((Double) again.get("retryAfterSeconds")).isBetween(1.0, 30.0);
    assertThat(jira.requestCount()).isEqualTo(jiraRequests);
  }
}
