package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker with a client nobody here wrote: the official MCP TypeScript SDK
 * ({@code @modelcontextprotocol/sdk}, pinned in {@code src/test/node/package-lock.json} and
 * installed by the build's {@code npm ci}), its {@code StreamableHTTPClientTransport} on loopback,
 * run by Node as a child process. Each script under {@code src/test/node} prints what it observed
 * as JSON lines; this test decides whether that is right.
 *
 * <p>The broker runs over the Jira and Stripe fakes with a policy ({@link #POLICY}) that lets
 * {@code triage-bot} create and read Jira tasks in one project and delete them only with a
 * person's approval.
 */
class TypeScriptClientTest {
  static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();
  static final long SCRIPT_TIMEOUT_SECONDS = 60;

  /**
   * {@code triage-bot} may create and read Jira tasks in project PROJ only, and delete them with
   * a person's approval.
   */
  static final String POLICY = "{\"version\":1,\"principals\":{\"triage-bot\":{\"allow\":["
      + "{\"id\":\"jira-work\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"jira\"],"
      + "\"where\":{\"project\":[\"PROJ\"]}},"
      + "{\"id\":\"jira-delete\",\"operations\":[\"tasks.delete\"],\"connections\":[\"jira\"],\"approval\":\"required\"}"
      + "]}}}";

  @TempDir
  static Path dir;
  static BrokerFixture f;

  @BeforeAll
  static void start() {
    assertThat(SCRIPTS.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
        .as("the SDK is installed by the build (mvn generate-test-resources runs npm ci in %s)", SCRIPTS)
        .exists();
    f = new BrokerFixture(dir, POLICY, ApprovalStore.inMemory());
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsOnlyTheToolsAndConnectionsThePolicyAllows() {
    Run run = node(f.agentKey, "list-tools.mjs");

    assertThat(run.step("initialized")).extracting(m -> Json.object(m, "server").get("name")).isEqualTo("actionlayer");
    List<Map<String, Object>> tools = run.list("tools", "tools");
    assertThat(tools).extracting(t -> t.get("name"))
        .containsExactlyInAnyOrder("tasks_create", "tasks_get", "tasks_delete");
    assertThat(tools).allSatisfy(t -> {
      assertThat(t.get("connections")).isEqualTo(List.of("jira"));
      assertThat(t.get("hasDescription")).isEqualTo(true);
      assertThat((List<Object>) t.get("required")).contains("connection");
    });
    assertThat(tools).filteredOn(t -> t.get("name").equals("tasks_get")).singleElement()
        .satisfies(t -> assertThat(t.get("readOnlyHint")).isEqualTo(true));
    assertThat(tools).filteredOn(t -> t.get("name").equals("tasks_delete")).singleElement()
        .satisfies(t -> assertThat(t.get("destructiveHint")).isEqualTo(true));
  }

  @Test
  void callsAToolAndReadsBackWhatItMade_asThePrincipalOfItsKey() {
    Run run = node(f.agentKey, "call-tool.mjs");

    Map<String, Object> created = run.step("created");
    assertThat(created.get("isError")).as(run.toString()).isEqualTo(false);
    String id = Json.string(Json.object(created, "json"), "id");
    assertThat(f.jira.issues()).anySatisfy(i -> assertThat(i.summary()).isEqualTo("Filed from TypeScript"));
    Map<String, Object> read = run.step("read");
    assertThat(read.get("isError")).isEqualTo(false);
    assertThat(Json.object(read, "json")).containsEntry("id", id).containsEntry("title", "Filed from TypeScript");
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("tasks.create");
      assertThat(e.principal()).isEqualTo("triage-bot");
    });
  }

  @Test
  void aFailedCallIsAnErrorResultCarryingTheCatalogsErrorJson() {
    Run run = node(f.agentKey, "error-result.mjs");

    Map<String, Object> missing = error(run.step("missing"));
    assertThat(missing).containsEntry("code", "NOT_FOUND").containsEntry("retryable", false)
        .containsKeys("message", "hint", "traceId");
    Map<String, Object> invalid = error(run.step("invalid"));
    assertThat(invalid).containsEntry("code", "INVALID_REQUEST");
    assertThat(Json.object(invalid, "fieldErrors")).containsKey("title");
    Map<String, Object> elsewhere = error(run.step("otherConnection"));
    assertThat(elsewhere).containsEntry("code", "INVALID_REQUEST");
    assertThat(Json.object(elsewhere, "fieldErrors")).containsKey("connection");
    Map<String, Object> denied = error(run.step("denied"));
    assertThat(denied).containsEntry("code", "PERMISSION_DENIED").containsEntry("retryable", false);
    assertThat((String) denied.get("message")).contains("jira-work");
    assertThat(f.jira.issues()).noneSatisfy(i -> assertThat(i.summary()).isEqualTo("Not in my project"));
    assertThat(run.stdout).doesNotContain(BrokerFixture.JIRA_TOKEN, BrokerFixture.STRIPE_KEY);
  }

  @Test
  void aDeleteNeedingApproval_proceedsWhenTheElicitationHandlerApproves() {
    Run run = node(f.agentKey, "elicitation.mjs", "approve");

    List<Map<String, Object>> asked = run.list("elicited", "requests");
    assertThat(asked).singleElement().satisfies(r -> {
      assertThat((String) r.get("message")).contains("tasks.delete", "jira", "triage-bot");
      assertThat(r.get("properties")).isEqualTo(List.of("approve"));
    });
    Map<String, Object> deleted = run.step("deleted");
    assertThat(deleted.get("isError")).as(run.toString()).isEqualTo(false);
    assertThat(error(run.step("after"))).containsEntry("code", "NOT_FOUND");
    assertThat(f.audit).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("tasks.delete");
      assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    });
  }

  @Test
  void aDeleteNeedingApproval_isDeniedWhenTheElicitationHandlerDeclines_andNothingIsDeleted() {
    Run run = node(f.agentKey, "elicitation.mjs", "decline");

    assertThat(run.list("elicited", "requests")).hasSize(1);
    assertThat(error(run.step("deleted"))).containsEntry("code", "PERMISSION_DENIED");
    Map<String, Object> after = run.step("after");
    assertThat(after.get("isError")).as("the task is still there: %s", run).isEqualTo(false);
  }

  @Test
  void aDeleteNeedingApproval_isDeniedWhenTheUserAcceptsTheFormButAnswersNo() {
    Run run = node(f.agentKey, "elicitation.mjs", "no");

    assertThat(error(run.step("deleted"))).containsEntry("code", "PERMISSION_DENIED");
    assertThat(run.step("after").get("isError")).as("the task is still there: %s", run).isEqualTo(false);
  }

  @Test
  void withoutAKey_theSdkGets401WithWwwAuthenticate_beforeAnyMcpProcessing() {
    Run run = node(null, "no-key.mjs");

    assertRefused(run, 401);
    Map<String, Object> exchange = run.list("exchanges", "exchanges").get(0);
    assertThat((String) exchange.get("wwwAuthenticate")).startsWith("Bearer").contains("realm=\"actionlayer\"");
  }

  @Test
  void withAnUnknownKey_theSdkGets401() {
    assertRefused(node(null, "no-key.mjs", "wrong"), 401);
  }

  @Test
  void fromAForeignOrigin_theSdkGets403_evenWithAValidKey() {
    assertRefused(node(f.agentKey, "foreign-origin.mjs", "https://evil.example"), 403);
  }

  static void assertRefused(Run run, int status) {
    assertThat(run.steps).as(run.toString()).extracting(m -> m.get("step")).doesNotContain("connected");
    Map<String, Object> refused = run.step("refused");
    assertThat(((Number) refused.get("code")).intValue()).as(run.toString()).isEqualTo(status);
    List<Map<String, Object>> exchanges = run.list("exchanges", "exchanges");
    assertThat(exchanges).as("the first request is refused; nothing else is tried").hasSize(1);
    assertThat(((Number) exchanges.get(0).get("status")).intValue()).isEqualTo(status);
  }

  static Map<String, Object> error(Map<String, Object> step) {
    assertThat(step.get("isError")).as(String.valueOf(step)).isEqualTo(true);
    return Json.object(Json.object(step, "json"), "error");
  }

  /** Runs {@code node script args…} against the broker with {@code key} (or none); it must exit 0. */
  static Run node(String key, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(SCRIPTS.toFile());
    pb.environment().put("BROKER_URL", f.broker.uri().toString());
    pb.environment().remove("BROKER_KEY");
    if (key != null) pb.environment().put("BROKER_KEY", key);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(script + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s; stdout: "
            + out.getNow("") + "; stderr: " + err.getNow(""));
      }
      Run run = new Run(script, p.exitValue(), out.join(), err.join());
      assertThat(run.exit).as("exit code of %s", run).isZero();
      assertThat(run.steps).as(run.toString()).last().extracting(m -> m.get("step")).isEqualTo("done");
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node (Node 20 and npm are needed for the tests; .ci/run installs"
          + " them from Debian's packages)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one script printed: one JSON object per line of stdout, by step. */
  static final class Run {
    final String script;
    final int exit;
    final String stdout;
    final String stderr;
    final List<Map<String, Object>> steps = new ArrayList<>();

    Run(String script, int exit, String stdout, String stderr) {
      this.script = script;
      this.exit = exit;
      this.stdout = stdout;
      this.stderr = stderr;
      for (String line : stdout.split("\n")) {
        if (line.isBlank()) continue;
        Map<String, Object> step = Json.objectOrNull(line);
        if (step == null) throw new AssertionError(script + " printed a line that is not a JSON object: " + line);
        steps.add(step);
      }
    }

    Map<String, Object> step(String name) {
      return steps.stream().filter(s -> name.equals(s.get("step"))).findFirst()
          .orElseThrow(() -> new AssertionError("no step " + name + " in " + this));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String name, String field) {
      Object v = step(name).get(field);
      assertThat(v).as("%s.%s in %s", name, field, this).isInstanceOf(List.class);
      return (List<Map<String, Object>>) v;
    }

    @Override
    public String toString() {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("script", script);
      shown.put("exit", exit);
      shown.put("stdout", stdout.strip());
      shown.put("stderr", stderr.strip());
      return shown.toString();
    }
  }
}
