package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file with a secret where it does not belong is refused through {@code call}
 * with exit code 2 and a message naming the key, the line and what is allowed — never the value,
 * nor the message of a library exception that quotes it.
 */
class ConnectionsFileTest {
  static final Map<String, String> ENV = Map.of("JIRA_EMAIL", "bot@example.com", "JIRA_API_TOKEN", "jira-token-Zz9",
      "SF_CLIENT_ID", "client", "SF_REFRESH_TOKEN", "refresh-Rr1");

  @TempDir
  Path dir;

  private Cli call(String... lines) throws IOException {
    Path config = Files.write(dir.resolve("actionlayer.properties"), List.of(lines));
    return Cli.run(ENV, "call", "jira", "tasks.get", "-c", config.toString(), "--json", "{\"id\":\"1\"}");
  }

  /** Exit 2, stdout empty, stderr naming {@code where} and {@code allowed}, and none of {@code secrets}. */
  private static void assertRefused(Cli r, String where, String allowed, String... secrets) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(where, allowed).doesNotContain("Exception", "\tat ");
    for (String secret : secrets) assertThat(r.out() + r.err()).doesNotContainIgnoringCase(secret);
  }

  @Test
  void anAccountWithAControlCharacterIsRefusedWithoutQuotingIt() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=JIRA_API_TOKEN", "jira.account=acme\\u0007Qx7sEcReTvAlUe9");

    assertRefused(r, "line 5: jira.account:", "1 to 200 characters", "Qx7sEcReTvAlUe9", "acme");
  }

  /** Found by fuzzing (docs/fuzzing.md): a continuation onto a blank line threw NoSuchElementException. */
  @Test
  void aBackslashContinuedOntoABlankLineSetsNothing() throws IOException {
    Path config = Files.write(dir.resolve("continued.properties"), List.of("\\", "", "stripe.vendor=stripe",
        "stripe.token.env=STRIPE_SECRET_KEY"));

    assertThat(ConnectionsFile.load(config).names()).containsExactly("stripe");
  }

  @Test
  void theAccountSettingBecomesTheConnectionsVendorAccount() throws IOException {
    Path config = Files.write(dir.resolve("accounts.properties"), List.of("jira.vendor=jira",
        "jira.baseUri=https://acme.atlassian.net", "jira.user.env=JIRA_EMAIL", "jira.secret.env=JIRA_API_TOKEN",
        "jira.account=acme-jira", "stripe.vendor=stripe", "stripe.token.env=STRIPE_SECRET_KEY"));
    ConnectionsFile file = ConnectionsFile.load(config);

    assertThat(file.policy("jira").apply(dev.actionlayer.ConnectionPolicy.builder()).build().account())
        .contains("acme-jira");
    assertThat(file.policy("stripe").apply(dev.actionlayer.ConnectionPolicy.builder()).build().account())
        .isEmpty();
  }

  @Test
  void aBaseUriWithATokenInItsQueryIsRefusedWithoutQuotingIt() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net/?token=Qx7sEcReTvAlUe9",
        "jira.user.env=JIRA_EMAIL", "jira.secret.env=JIRA_API_TOKEN");

    assertRefused(r, "line 2: jira.baseUri:", "https://", "Qx7sEcReTvAlUe9", "token=", "acme.atlassian.net");
  }

  @Test
  void aBaseUriWithAnIllegalCharacterIsRefusedWithoutQuotingIt() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.user.env=JIRA_EMAIL", "jira.secret.env=JIRA_API_TOKEN",
        "jira.baseUri=https://acme.atlassian.net/a b?key=Qx7sEcReTvAlUe9");

    assertRefused(r, "line 4: jira.baseUri:", "https://", "Qx7sEcReTvAlUe9", "acme.atlassian.net", "Illegal character");
  }

  @Test
  void aTokenEndpointWithAnIllegalCharacterOrAQueryIsRefusedWithoutQuotingIt() throws IOException {
    String[] settings = {"jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.auth=oauth",
        "jira.clientId.env=SF_CLIENT_ID", "jira.refreshToken.env=SF_REFRESH_TOKEN", null};

    settings[5] = "jira.tokenEndpoint=https://login.example.com/tok en|Qx7sEcReTvAlUe9";
    assertRefused(call(settings), "line 6: jira.tokenEndpoint:", "https://", "Qx7sEcReTvAlUe9", "login.example.com");
    settings[5] = "jira.tokenEndpoint=https://login.example.com/token?client_secret=Qx7sEcReTvAlUe9";
    assertRefused(call(settings), "line 6: jira.tokenEndpoint:", "https://", "Qx7sEcReTvAlUe9", "client_secret");
  }

  @Test
  void aTokenPastedWhereAVariableNameGoesIsRefusedWithoutQuotingIt() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=ATATT3xFfGF0T4kqZ9-mixed.case");

    assertRefused(r, "line 4: jira.secret.env:", "environment variable", "ATATT3xFfGF0T4kqZ9", "mixed.case");
  }

  @Test
  void aTokenShapedLikeAVariableNameIsNotQuotedWhenNoSuchVariableIsSet() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=ABCD1234EFGH5678IJKL");

    assertRefused(r, "line 4: jira.secret.env:", "is not set", "ABCD1234", "EFGH5678");
  }

  @Test
  void aTokenAloneOnALineIsRefusedWithoutQuotingIt() throws IOException {
    assertRefused(call("jira.vendor=jira", "q8Zt3vLmN0pR7sXwYy", "jira.baseUri=https://acme.atlassian.net"),
        "line 2:", "<connection>.<setting>=<value>", "q8Zt3vLmN0pR7sXwYy", "q8Zt3");
    assertRefused(call("jira.vendor=jira", "jira.q8Zt3vLmN0pR7sXwYy", "jira.baseUri=https://acme.atlassian.net"),
        "line 2:", "unknown setting", "q8Zt3vLmN0pR7sXwYy", "q8Zt3");
    assertRefused(call("ghp_16C7e42F292c6912E7710c838347Ae178B4a", "jira.vendor=jira"),
        "line 1:", "<connection>.<setting>=<value>", "16C7e42F292c6912E7710c838347Ae178B4a", "ghp_16C7");
  }

  @Test
  void aSecretAsTheVendorOrTheAuthIsRefusedWithoutQuotingIt() throws IOException {
    Cli vendor = call("jira.vendor=Qx7sEcReTvAlUe9", "jira.baseUri=https://acme.atlassian.net");
    assertRefused(vendor, "line 1: jira.vendor:", "one of ", "Qx7sEcReTvAlUe9");
    assertThat(vendor.err()).contains("asana", "gdrive", "jira", "salesforce", "stripe", "todoist");
    assertRefused(call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.auth=Qx7sEcReTvAlUe9",
        "jira.user.env=JIRA_EMAIL", "jira.secret.env=JIRA_API_TOKEN"),
        "line 3: jira.auth:", "basic, bearer or oauth", "Qx7sEcReTvAlUe9");
  }

  @Test
  void aValueAConnectorRefusesIsNotQuotedEither() throws IOException {
    Path config = Files.write(dir.resolve("pay.properties"), List.of("pay.vendor=stripe",
        "pay.token.env=STRIPE_KEY", "pay.apiVersion=Qx7sEcReTvAlUe9"));

    Cli r = Cli.run(Map.of("STRIPE_KEY", "sk_test_x"), "call", "pay", "contacts.get", "-c", config.toString(),
        "--json", "{\"id\":\"cus_1\"}");

    assertRefused(r, "line 3: pay.apiVersion:", "2024-06-20", "Qx7sEcReTvAlUe9");
  }

  @Test
  void linesAreReadAsPropertiesAreAndNumberedAsInTheFile() throws IOException {
    Cli r = call("# Jira, with every form a properties file allows", "", "jira.vendor=jira",
        "jira.baseUri=https://acme.\\", "    atlassian.net", "! another comment",
        "jira.user.env : JIRA_EMAIL", "  jira.secret.env JIRA_API_TOKEN", "jira.issue\\u0054ype=Bug\\u0007Qx7sEcReT");

    assertRefused(r, "actionlayer.properties, line 9: jira.issueType:", "a Jira issue type name", "Qx7sEcReT");
  }

  @Test
  void aSettingGivenTwiceIsRefusedNamingBothLines() throws IOException {
    Cli r = call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.baseUri=https://acme2.atlassian.net");

    assertRefused(r, "line 3: jira.baseUri:", "already set on line 2", "acme2");
  }

  @Test
  void aVendorDescribedInAFileIsFoundAtStartUpAndCalledLikeAnyOther() throws IOException {
    Path vendors = Files.createDirectories(dir.resolve("vendors"));
    try (var in = getClass().getResourceAsStream("/todoist.json");
        dev.actionlayer.testkit.fakes.FakeTodoist todoist = new dev.actionlayer.testkit.fakes.FakeTodoist().requireBearer("todo-Tk1")) {
      Files.write(vendors.resolve("todo.json"), in.readAllBytes());
      todoist.start();
      Path config = Files.write(dir.resolve("described.properties"), List.of("todo.description=vendors/todo.json",
          "todo.baseUri=" + todoist.uri().resolve("/api/v1"), "todo.token.env=TODO_TOKEN"));

      Cli r = Cli.run(Map.of("TODO_TOKEN", "todo-Tk1"), "call", "todo", "tasks.create", "-c", config.toString(),
          "--json", "{\"project\":\"6Jf8VQXxpwv56VQ7\",\"title\":\"Fix login bug\"}");

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("\"title\":\"Fix login bug\"");
      assertThat(todoist.tasks()).singleElement().satisfies(t -> assertThat(t.content()).isEqualTo("Fix login bug"));
    }
  }

  @Test
  void aDescriptionThatIsNotOneIsRefusedByItsJsonPathWithoutQuotingTheFile() throws IOException {
    Files.writeString(dir.resolve("Qx7sEcReT.json"), "{\"vendor\":\"todo\",\"errors\":{},\"resources\":{}}");

    Cli broken = call("todo.description=Qx7sEcReT.json", "todo.token.env=JIRA_API_TOKEN");
    Cli missing = call("todo.description=Zz9missing.json", "todo.token.env=JIRA_API_TOKEN");

    assertRefused(broken, "line 1: todo.description: is not a valid description: $.resources:",
        "at least one of tasks, contacts, folders", "Qx7sEcReT");
    assertRefused(missing, "line 1: todo.description: cannot be read", "relative to this file", "Zz9missing");
  }

  @Test
  void vendorOptionsAreTheProvidersAndCheckedByThem() throws IOException {
    assertRefused(call("jira.vendor=jira", "jira.baseUri=https://acme.atlassian.net", "jira.user.env=JIRA_EMAIL",
        "jira.secret.env=JIRA_API_TOKEN", "jira.dedupeLabels=Qx7sEcReT"), "line 5: jira.dedupeLabels:",
        "must be true or false", "Qx7sEcReT");
    assertRefused(call("jira.vendor=gdrive", "jira.token.env=JIRA_API_TOKEN", "jira.issueType=Bug"),
        "line 3: jira.issueType:", "unknown setting for gdrive; its options: supportsAllDrives");
  }
}
