package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeOAuth;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code call} against fake vendors: the connection comes from a config file naming environment
 * variables, the credentials from an injected environment; a file with a credential in clear is
 * refused before anything is sent.
 */
class CallCommandTest {
  static final String EMAIL = "bot@example.com";
  static final String TOKEN = "jira-api-token-Xy12";
  static final Map<String, String> ENV = Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN);

  final FakeJira jira = new FakeJira().projects("PROJ").requireBasic(EMAIL, TOKEN);
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    jira.close();
  }

  private Path config(String... lines) throws IOException {
    return Files.write(dir.resolve("actionlayer.properties"), java.util.List.of(lines));
  }

  private Path jiraConfig() throws IOException {
    jira.start();
    return config("jira.vendor=jira", "jira.baseUri=" + jira.uri(), "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=JIRA_API_TOKEN");
  }

  @Test
  void createsGetsAndDeletesATaskThroughTheConfiguredConnection() throws IOException {
    Path config = jiraConfig();

    Cli created = Cli.run(ENV, "call", "jira", "tasks.create", "-c", config.toString(),
        "--json", "{\"project\":\"PROJ\",\"title\":\"Fix login bug\"}");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Map<String, Object> task = Json.objectOrNull(created.out().strip());
    assertThat(task).containsEntry("title", "Fix login bug");
    String id = (String) task.get("id");
    assertThat(jira.issues()).singleElement().satisfies(i -> assertThat(i.summary()).isEqualTo("Fix login bug"));

    Cli got = Cli.run(ENV, "call", "jira", "tasks_get", "-c", config.toString(), "--json", "{\"id\":\"" + id + "\"}");
    assertThat(got.exitCode()).isZero();
    assertThat(Json.objectOrNull(got.out().strip())).containsEntry("id", id).containsEntry("title", "Fix login bug");

    Cli deleted = Cli.run(ENV, "call", "jira", "tasks.delete", "-c", config.toString(), "--json", "{\"id\":\"" + id + "\"}");
    assertThat(deleted.exitCode()).isZero();
    assertThat(Json.objectOrNull(deleted.out().strip())).containsEntry("deleted", true);
    assertThat(jira.issueCount()).isZero();

    Cli gone = Cli.run(ENV, "call", "jira", "tasks.get", "-c", config.toString(), "--json", "{\"id\":\"" + id + "\"}");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(Json.object(Json.objectOrNull(gone.out().strip()), "error")).containsEntry("code", "NOT_FOUND");
  }

  @Test
  void aRejectedCredentialIsAnErrorResultThatNeverShowsTheSecret() throws IOException {
    Path config = jiraConfig();
    Map<String, String> wrong = Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", "wrong-token-Qq77");

    Cli r = Cli.run(wrong, "call", "jira", "tasks.get", "-c", config.toString(), "--json", "{\"id\":\"10000\"}");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(Json.object(Json.objectOrNull(r.out().strip()), "error")).containsEntry("code", "UNAUTHENTICATED");
    assertThat(r.out() + r.err()).doesNotContain("wrong-token-Qq77", TOKEN);
  }

  @Test
  void anArgumentTheToolRejectsIsAnErrorResultAndNothingIsSent() throws IOException {
    Path config = jiraConfig();

    Cli r = Cli.run(ENV, "call", "jira", "tasks.create", "-c", config.toString(), "--json", "{\"title\":\"no project\"}");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(Json.object(Json.objectOrNull(r.out().strip()), "error")).containsEntry("code", "INVALID_REQUEST");
    assertThat(jira.requestCount()).isZero();
  }

  @Test
  void writesTheCallsAuditEventWhenAsked() throws IOException {
    FakeStripe stripe = new FakeStripe().requireKey("sk_test_cli_9z");
    stripe.start();
    try {
      Path config = config("billing.vendor=stripe", "billing.baseUri=" + stripe.uri(), "billing.token.env=STRIPE_KEY");
      Path audit = dir.resolve("audit.jsonl");

      Cli r = Cli.run(Map.of("STRIPE_KEY", "sk_test_cli_9z"), "call", "billing", "contacts.create",
          "-c", config.toString(), "--audit-file", audit.toString(),
          "--json", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(stripe.customers()).singleElement().satisfies(c -> assertThat(c.email()).isEqualTo("ada@example.com"));
      String line = Files.readString(audit).strip();
      assertThat(Json.objectOrNull(line)).containsEntry("operation", "contacts.create")
          .containsEntry("connection", "billing").containsEntry("principal", "cli");
      assertThat(line).doesNotContain("sk_test_cli_9z");
    } finally {
      stripe.close();
    }
  }

  @Test
  void anAuditFileThatCannotBeWrittenIsAUsageErrorBeforeAnythingIsSent() throws IOException {
    Path config = jiraConfig();
    Path readOnly = Files.writeString(dir.resolve("read-only.jsonl"), "");
    readOnly.toFile().setWritable(false, false);
    Path underAFile = dir.resolve("read-only.jsonl").resolve("audit.jsonl");

    for (Path auditFile : java.util.List.of(dir, readOnly, underAFile)) {
      Cli r = Cli.run(ENV, "call", "jira", "tasks.create", "-c", config.toString(), "--audit-file", auditFile.toString(),
          "--json", "{\"project\":\"PROJ\",\"title\":\"Fix login bug\"}");

      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip()).as("one plain line").doesNotContain("\n", "Exception")
          .startsWith("actionlayer call: --audit-file " + auditFile);
    }
    assertThat(Cli.run(ENV, "call", "jira", "tasks.get", "-c", config.toString(), "--audit-file", dir.toString()).err())
        .contains("is a directory");
    assertThat(jira.requestCount()).isZero();
  }

  @Test
  void oauthConnectionsExchangeTheRefreshTokenFromTheEnvironment() throws IOException {
    FakeOAuth oauth = new FakeOAuth().client("cli-client", "cli-client-secret").refreshToken("refresh-Rt5");
    FakeSalesforce sf = new FakeSalesforce();
    oauth.start();
    sf.requireBearer(oauth::currentToken).start();
    try {
      Path config = config("sf.vendor=salesforce", "sf.baseUri=" + sf.uri(), "sf.auth=oauth",
          "sf.tokenEndpoint=" + oauth.salesforceEndpoint(), "sf.clientId.env=SF_CLIENT_ID",
          "sf.clientSecret.env=SF_CLIENT_SECRET", "sf.refreshToken.env=SF_REFRESH_TOKEN");
      Map<String, String> env = Map.of("SF_CLIENT_ID", "cli-client", "SF_CLIENT_SECRET", "cli-client-secret",
          "SF_REFRESH_TOKEN", "refresh-Rt5");

      Cli r = Cli.run(env, "call", "sf", "contacts.create", "-c", config.toString(),
          "--json", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(oauth.mintedCount()).isEqualTo(1);
      assertThat(sf.contacts()).singleElement().satisfies(c -> assertThat(c.email()).isEqualTo("ada@example.com"));
      assertThat(r.out() + r.err()).doesNotContain("refresh-Rt5", "cli-client-secret", oauth.currentToken());
    } finally {
      sf.close();
      oauth.close();
    }
  }

  @Test
  void refusesAFileWithACredentialInClearWithoutRepeatingIt() throws IOException {
    jira.start();
    Path config = config("jira.vendor=jira", "jira.baseUri=" + jira.uri(), "jira.user.env=JIRA_EMAIL",
        "jira.token=ATATT3xFfGF0-secret-value");

    Cli r = Cli.run(ENV, "call", "jira", "tasks.get", "-c", config.toString(), "--json", "{\"id\":\"1\"}");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("jira.token: holds a credential in clear", "jira.token.env=JIRA_TOKEN",
        "nothing was sent");
    assertThat(r.out() + r.err()).doesNotContain("ATATT3xFfGF0-secret-value");
    assertThat(jira.requestCount()).isZero();
  }

  @Test
  void refusesAValueShapedLikeASecretUnderAnySetting() throws IOException {
    Path config = config("pay.vendor=stripe", "pay.apiVersion=sk_live_51Hxyz", "pay.token.env=STRIPE_KEY");

    Cli r = Cli.run(Map.of("STRIPE_KEY", "sk_test_x"), "call", "pay", "contacts.get", "-c", config.toString(),
        "--json", "{\"id\":\"cus_1\"}");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("pay.apiVersion: its value looks like a credential").doesNotContain("sk_live_51Hxyz");
  }

  @Test
  void refusesAnEnvSettingThatHoldsAValueInsteadOfAVariableName() throws IOException {
    Path config = config("pay.vendor=stripe", "pay.token.env=rk_Abc-123.def");

    Cli r = Cli.run(Map.of(), "call", "pay", "contacts.get", "-c", config.toString(), "--json", "{\"id\":\"cus_1\"}");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("pay.token.env: must name an environment variable").doesNotContain("rk_Abc-123.def");
  }

  @Test
  void anUnsetVariableIsAUsageErrorNamingTheSettingThatNamesIt() throws IOException {
    Path config = jiraConfig();

    Cli r = Cli.run(Map.of("JIRA_EMAIL", EMAIL), "call", "jira", "tasks.get", "-c", config.toString(),
        "--json", "{\"id\":\"1\"}");

    assertThat(r.exitCode()).isEqualTo(2);
    // The variable's name is not repeated: a token pasted in its place would be, too.
    assertThat(r.err()).contains(config + ", line 4: jira.secret.env: the environment variable named there is not set");
    assertThat(jira.requestCount()).isZero();
  }

  @Test
  void closesAndListsATaskThroughTheConfiguredConnection() throws IOException {
    Path config = jiraConfig();
    Cli created = Cli.run(ENV, "call", "jira", "tasks.create", "-c", config.toString(),
        "--json", "{\"project\":\"PROJ\",\"title\":\"Fix login bug\"}");
    String id = (String) Json.objectOrNull(created.out().strip()).get("id");

    Cli closed = Cli.run(ENV, "call", "jira", "tasks.update", "-c", config.toString(),
        "--json", "{\"id\":\"" + id + "\",\"status\":\"done\"}");
    assertThat(closed.exitCode()).as(closed.err()).isZero();
    assertThat(Json.objectOrNull(closed.out().strip())).containsEntry("status", "done");

    Cli listed = Cli.run(ENV, "call", "jira", "tasks.list", "-c", config.toString(),
        "--json", "{\"project\":\"PROJ\",\"status\":\"done\",\"pageSize\":10}");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("\"id\":\"" + id + "\"");
  }

  @Test
  void helpListsEachOperationWithItsArgumentsFromTheToolCatalog() {
    Cli r = Cli.run("call", "--help");

    assertThat(r.exitCode()).isZero();
    String out = r.out();
    assertThat(out).contains("Operations (offered by) and their --json arguments, * required:");
    assertThat(out).containsPattern("\\n  tasks\\.create +\\(asana, jira, salesforce, todoist\\) +project, title\\*, description, idempotencyKey, dryRun\\n")
        .containsPattern("\\n  tasks\\.get +\\(asana, jira, salesforce, todoist\\) +id\\*, dryRun\\n")
        .containsPattern("\\n  contacts\\.create +\\(salesforce, stripe\\) +firstName, lastName\\*, email, idempotencyKey, dryRun\\n")
        .containsPattern("\\n  folders\\.create +\\(gdrive\\) +name\\*, parentId, idempotencyKey, dryRun\\n")
        .containsPattern("\\n  folders\\.delete +\\(gdrive\\) +id\\*, dryRun\\n");
    // Every tool the demo's layer offers is listed: the list is the catalog's, not a copy of it.
    try (DemoVendors vendors = new DemoVendors();
        dev.actionlayer.ActionLayer layer = vendors.layer(java.util.function.UnaryOperator.identity()).build()) {
      for (dev.actionlayer.tools.Tool t : layer.tools().tools()) {
        assertThat(out).contains("\n  " + t.name().replace('_', '.') + " ");
      }
    }
  }

  @Test
  void usageProblemsExitWithTwo() throws IOException {
    Path config = jiraConfig();
    String c = config.toString();

    assertThat(Cli.run(ENV, "call", "jira").exitCode()).isEqualTo(2);
    Cli unknownOp = Cli.run(ENV, "call", "jira", "tasks.archive", "-c", c);
    assertThat(unknownOp.exitCode()).isEqualTo(2);
    assertThat(unknownOp.err()).contains("unknown operation 'tasks.archive'");
    Cli noFolders = Cli.run(ENV, "call", "jira", "folders.create", "-c", c, "--json", "{\"name\":\"x\"}");
    assertThat(noFolders.exitCode()).isEqualTo(2);
    assertThat(noFolders.err())
        .contains("has no folders; it offers [tasks.create, tasks.get, tasks.update, tasks.delete, tasks.list]");
    Cli unknownConnection = Cli.run(ENV, "call", "crm", "contacts.get", "-c", c, "--json", "{\"id\":\"1\"}");
    assertThat(unknownConnection.exitCode()).isEqualTo(2);
    assertThat(unknownConnection.err()).contains("no connection 'crm'", "[jira]");
    assertThat(Cli.run(ENV, "call", "jira", "tasks.get", "-c", c, "--json", "[1]").err())
        .contains("--json must be one JSON object");
    assertThat(Cli.run(ENV, "call", "jira", "tasks.get", "-c", dir.resolve("none.properties").toString()).err())
        .contains("no configuration file");
    assertThat(jira.requestCount()).isZero();
  }
}
