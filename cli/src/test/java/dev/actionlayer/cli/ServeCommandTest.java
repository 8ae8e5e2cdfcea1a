package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.broker.BrokerKeys;
import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fakes.FakeJira;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as an operator runs it (a child JVM started with {@code serve -c FILE}, as the
 * TypeScript SDK and conformance tests will), {@code keys create} and {@code approvals}: through
 * {@link Main}, by exit codes and output.
 */
class ServeCommandTest {
  static final String EMAIL = "bot@example.com";
  static final String TOKEN = "jira-Serve-Token-31337";
  static final String POLICY = "{\"version\":1,\"principals\":{\"triage-bot\":{\"allow\":["
      + "{\"id\":\"jira-work\",\"operations\":[\"tasks.create\",\"tasks.get\"],\"connections\":[\"jira\"]},"
      + "{\"id\":\"jira-delete\",\"operations\":[\"tasks.delete\"],\"connections\":[\"jira\"],\"approval\":\"required\"}"
      + "]}}}";
  static final Pattern LISTENING = Pattern.compile("actionlayer serve: listening on (http://127\\.0\\.0\\.1:\\d+/mcp)");

  @TempDir
  Path dir;
  final FakeJira jira = new FakeJira().projects("PROJ").requireBasic(EMAIL, TOKEN);
  Process child;

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null) {
      child.destroy();
      if (!child.waitFor(30, TimeUnit.SECONDS)) child.destroyForcibly();
    }
    jira.close();
  }

  /** A configuration with connection jira, the policy above and the given principals lines. */
  Path config(String principals, String... extra) throws IOException {
    jira.start();
    Files.writeString(dir.resolve("principals.properties"), principals);
    Files.writeString(dir.resolve("policy.json"), POLICY);
    List<String> lines = new java.util.ArrayList<>(List.of("jira.vendor=jira", "jira.baseUri=" + jira.uri(),
        "jira.user.env=JIRA_EMAIL", "jira.secret.env=JIRA_API_TOKEN",
        "broker.principals=principals.properties", "broker.policy=policy.json", "broker.port=0",
        "broker.audit=audit.jsonl"));
    lines.addAll(List.of(extra));
    return Files.write(dir.resolve("broker.properties"), lines);
  }

  static String keyOf(Cli keys) {
    Matcher m = Pattern.compile("(al_[A-Za-z0-9_-]{43})").matcher(keys.out());
    assertThat(m.find()).as(keys.out()).isTrue();
    return m.group(1);
  }

  static String principalLines(Cli keys) {
    StringBuilder b = new StringBuilder();
    for (String line : keys.out().lines().toList()) {
      if (line.strip().matches("[A-Za-z0-9_-]+\\.(key|role)=.*")) b.append(line.strip()).append('\n');
    }
    return b.toString();
  }

  @Test
  void keysCreatePrintsTheKeyOnceAndTheLinesToPaste() {
    Cli r = Cli.run("keys", "create", "triage-bot");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String key = keyOf(r);
    assertThat(principalLines(r)).isEqualTo("triage-bot.key=" + BrokerKeys.hash(key) + "\n");
    assertThat(r.out().split(Pattern.quote(key), -1)).as("printed once").hasSize(2);
    assertThat(principalLines(Cli.run("keys", "create", "alice", "--approver"))).contains("alice.role=approver");
    assertThat(keyOf(Cli.run("keys", "create", "triage-bot"))).isNotEqualTo(key);

    Cli bad = Cli.run("keys", "create", "no spaces");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("NAME must be 1..64 letters");
  }

  @Test
  void serveInAChildJvm_listsCallsAndRoundTripsAnApprovalThroughTheApprovalsCommand() throws Exception {
    Cli agentKeys = Cli.run("keys", "create", "triage-bot");
    Cli aliceKeys = Cli.run("keys", "create", "alice", "--approver");
    Path config = config(principalLines(agentKeys) + principalLines(aliceKeys));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve", "-c", config.toString());
    pb.environment().put("JIRA_EMAIL", EMAIL);
    pb.environment().put("JIRA_API_TOKEN", TOKEN);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    child = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertThat(first).as("the first line of serve").isNotNull().matches(LISTENING);
    Matcher m = LISTENING.matcher(first);
    assertThat(m.matches()).isTrue();
    URI mcp = URI.create(m.group(1));
    String base = "http://" + mcp.getRawAuthority();

    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
        .endpoint("/mcp")
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + keyOf(agentKeys)))
        .build();
    try (McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      agent.initialize();
      assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("tasks_create", "tasks_get", "tasks_delete");
      CallToolResult created = agent.callTool(new McpSchema.CallToolRequest("tasks_create",
          Map.of("connection", "jira", "project", "PROJ", "title", "Through the broker")));
      assertThat(created.isError()).as(text(created)).isFalse();
      String id = (String) Json.objectOrNull(text(created)).get("id");

      CallToolResult waiting = agent.callTool(new McpSchema.CallToolRequest("tasks_delete",
          Map.of("connection", "jira", "id", id)));
      String approvalId = (String) Json.object(Json.objectOrNull(text(waiting)), "error").get("approvalId");
      assertThat(approvalId).as(text(waiting)).startsWith("apr_");

      Map<String, String> approver = Map.of("ACTIONLAYER_KEY", keyOf(aliceKeys));
      Cli list = Cli.run(approver, "approvals", "list", "--broker", base);
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).contains(approvalId).contains("triage-bot tasks.delete on jira").contains("id=" + id);
      Cli asAgent = Cli.run(Map.of("ACTIONLAYER_KEY", keyOf(agentKeys)), "approvals", "approve", approvalId,
          "--broker", base);
      assertThat(asAgent.exitCode()).isEqualTo(1);
      assertThat(asAgent.err()).contains("403").contains("not an approver");
      Cli approve = Cli.run(approver, "approvals", "approve", approvalId, "--broker", mcp.toString());
      assertThat(approve.exitCode()).as(approve.err()).isZero();
      assertThat(approve.out()).contains("approved " + approvalId).contains("by alice");
      assertThat(Cli.run(approver, "approvals", "approve", approvalId, "--broker", base).exitCode())
          .as("decided once").isEqualTo(1);

      CallToolResult deleted = agent.callTool(new McpSchema.CallToolRequest("tasks_delete",
          Map.of("connection", "jira", "id", id)));
      assertThat(deleted.isError()).as(text(deleted)).isFalse();
      assertThat(jira.issues()).isEmpty();
      assertThat(Cli.run(approver, "approvals", "list", "--broker", base).out()).contains("no pending approvals");
    }

    // serve wires one registry into the layer and the broker's /metrics.
    HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
        .header("Authorization", "Bearer " + keyOf(agentKeys)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("actionlayer_calls_seconds_count{connection=\"jira\",operation=\"tasks.create\",outcome=\"SUCCESS\"} 1\n")
        .contains("actionlayer_approvals_total{decision=\"approved\",operation=\"tasks.delete\"} 1.0")
        .doesNotContain(TOKEN);

    child.destroy();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    String audit = Files.readString(dir.resolve("audit.jsonl"));
    assertThat(audit).contains("\"operation\":\"approval.approve\"").contains("\"principal\":\"triage-bot\"")
        .doesNotContain(TOKEN);
  }

  static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void serveRefusesAConfigurationWithoutPrincipalsOrPolicy_orWithAPasswordInClear() throws IOException {
    Path config = config("", "broker.database.password=Pg-Secret-Value-77");
    Cli r = Cli.run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "serve", "-c", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("line 9").contains("holds a credential in clear").doesNotContain("Pg-Secret-Value-77");

    Files.write(config, List.of("jira.vendor=jira", "jira.baseUri=" + jira.uri(), "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=JIRA_API_TOKEN", "broker.policy=policy.json"));
    r = Cli.run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "serve", "-c", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("broker.principals: is required");

    Files.write(config, List.of("jira.vendor=jira", "jira.baseUri=" + jira.uri(), "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=JIRA_API_TOKEN", "broker.principals=principals.properties", "broker.port=99999",
        "broker.database.url=jdbc:postgresql://u:p@db/x"));
    r = Cli.run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "serve", "-c", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("line 6: broker.port: must be 0..65535").contains("line 7: broker.database.url:")
        .doesNotContain("u:p@");
  }

  @Test
  void serveRefusesAPolicyNamingAConnectionTheFileDoesNotHave() throws IOException {
    Path config = config("bot.key=" + BrokerKeys.hash(BrokerKeys.generate()) + "\n");
    Files.writeString(dir.resolve("policy.json"), POLICY.replace("\"jira\"]}", "\"salesforce\"]}"));
    Cli r = Cli.run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "serve", "-c", config.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("policy.json refused")
        .contains("principals.triage-bot.allow[0].connections[0]").contains("connections: [jira]");
  }

  @Test
  void approvalsNeedsTheKeyInTheEnvironment_andPlainHttpOnlyToThisMachine() {
    Cli noKey = Cli.run("approvals", "list", "--broker", "http://127.0.0.1:1");
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).contains("ACTIONLAYER_KEY is not set");
    Map<String, String> env = Map.of("ACTIONLAYER_KEY", BrokerKeys.generate());
    Cli remote = Cli.run(env, "approvals", "list", "--broker", "http://broker.example.com");
    assertThat(remote.exitCode()).isEqualTo(2);
    assertThat(remote.err()).contains("plain http only to this machine");
    Cli badId = Cli.run(env, "approvals", "approve", "42", "--broker", "http://127.0.0.1:1");
    assertThat(badId.exitCode()).isEqualTo(2);
    Cli unreachable = Cli.run(env, "approvals", "list", "--broker", "http://127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach the broker");
  }

  @Test
  void serveWithADatabaseKeepsApprovalsAndTheJournalInPostgres() throws Exception {
    String url = System.getenv("ACTIONLAYER_PG_URL");
    org.junit.jupiter.api.Assumptions.assumeTrue(url != null && !url.isBlank(),
        "ACTIONLAYER_PG_URL is not set: run under scripts/with-postgres to test serve with a database");
    Cli agentKeys = Cli.run("keys", "create", "triage-bot");
    Cli aliceKeys = Cli.run("keys", "create", "alice", "--approver");
    Path config = config(principalLines(agentKeys) + principalLines(aliceKeys),
        "broker.database.url=" + url, "broker.database.user.env=PG_USER", "broker.database.password.env=PG_PASSWORD");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve", "-c", config.toString());
    pb.environment().put("JIRA_EMAIL", EMAIL);
    pb.environment().put("JIRA_API_TOKEN", TOKEN);
    pb.environment().put("PG_USER", System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"));
    pb.environment().put("PG_PASSWORD", System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    child = pb.start();
    String first = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
    Matcher m = LISTENING.matcher(String.valueOf(first));
    assertThat(m.matches()).as(first).isTrue();
    URI mcp = URI.create(m.group(1));
    String base = "http://" + mcp.getRawAuthority();
    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\":\"ok\"");

    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
        .endpoint("/mcp")
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + keyOf(agentKeys)))
        .build();
    String approvalId;
    try (McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      agent.initialize();
      CallToolResult created = agent.callTool(new McpSchema.CallToolRequest("tasks_create",
          Map.of("connection", "jira", "project", "PROJ", "title", "Kept in Postgres")));
      String id = (String) Json.objectOrNull(text(created)).get("id");
      CallToolResult waiting = agent.callTool(new McpSchema.CallToolRequest("tasks_delete",
          Map.of("connection", "jira", "id", id)));
      approvalId = (String) Json.object(Json.objectOrNull(text(waiting)), "error").get("approvalId");
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url,
            System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"),
            System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
         java.sql.PreparedStatement s = c.prepareStatement("SELECT status FROM actionlayer_approval WHERE id = ?")) {
      s.setString(1, approvalId);
      try (java.sql.ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("the approval is a row in PostgreSQL").isTrue();
        assertThat(r.getString(1)).isEqualTo("PENDING");
      }
    }
  }
}
