package dev.actionlayer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each bad {@code actionlayer.*} setting fails start-up with an {@link ActionLayerConfigurationException}
 * that names the key and what is allowed, and never quotes a value: every value here carries the
 * same marker, and no message, cause or analysis may contain it.
 */
class StartupFailureTest {
  /** In every value below; must appear in no message. */
  static final String MARK = "Zq9SECRETzq9";
  static final String LOOPBACK = "http://127.0.0.1:9/" + MARK;

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ActionLayerAutoConfiguration.class));
  @TempDir Path dir;

  static String[] jira(String... overrides) {
    List<String> p = new ArrayList<>(List.of(
        "actionlayer.connections.jira.vendor=jira",
        "actionlayer.connections.jira.base-url=" + LOOPBACK,
        "actionlayer.connections.jira.credentials.token=tok-" + MARK));
    for (String o : overrides) {
      String key = o.substring(0, o.indexOf('='));
      p.removeIf(x -> x.startsWith(key + "="));
      if (!o.endsWith("=<unset>")) p.add(o);
    }
    return p.toArray(String[]::new);
  }

  AbstractThrowableAssert<?, ? extends Throwable> failsOn(String key, String... properties) {
    Throwable[] failure = new Throwable[1];
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      failure[0] = context.getStartupFailure();
    });
    ActionLayerConfigurationException e = find(failure[0]);
    assertThat(e).as("an ActionLayerConfigurationException in %s", failure[0]).isNotNull();
    assertThat(e.key()).isEqualTo(key);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(MARK);
    }
    FailureAnalysis analysis = new ActionLayerFailureAnalyzer().analyze(failure[0]);
    assertThat(analysis.getDescription()).contains(key).doesNotContain(MARK);
    assertThat(analysis.getAction()).contains(key);
    return assertThat(e);
  }

  static ActionLayerConfigurationException find(Throwable t) {
    for (; t != null; t = t.getCause()) {
      if (t instanceof ActionLayerConfigurationException e) return e;
    }
    return null;
  }

  @Test
  void noConnection() {
    failsOn("actionlayer.connections").hasMessageContaining("no connection configured");
  }

  @Test
  void missingVendor() {
    failsOn("actionlayer.connections.jira.vendor", jira("actionlayer.connections.jira.vendor=<unset>"))
        .hasMessageContaining("is required: one of").hasMessageContaining("jira");
  }

  @Test
  void unknownVendor() {
    failsOn("actionlayer.connections.jira.vendor", jira("actionlayer.connections.jira.vendor=" + MARK))
        .hasMessageContaining("must be one of").hasMessageContaining("jira");
  }

  @Test
  void badConnectionName() {
    failsOn("actionlayer.connections", "actionlayer.connections[bad." + MARK + "!].vendor=jira");
  }

  @Test
  void missingBaseUrlForAVendorWithoutADefault() {
    failsOn("actionlayer.connections.jira.base-url", jira("actionlayer.connections.jira.base-url=<unset>"))
        .hasMessageContaining("is required for jira");
  }

  @Test
  void plainHttpToANonLoopbackHost() {
    failsOn("actionlayer.connections.jira.base-url", jira("actionlayer.connections.jira.base-url=http://jira." + MARK + ".com"))
        .hasMessageContaining("must be https");
  }

  @Test
  void aBaseUrlWithUserInfo() {
    failsOn("actionlayer.connections.jira.base-url",
        jira("actionlayer.connections.jira.base-url=https://bot:" + MARK + "@acme.atlassian.net"))
        .hasMessageContaining("user info");
  }

  @Test
  void notAUri() {
    failsOn("actionlayer.connections.jira.base-url", jira("actionlayer.connections.jira.base-url=ht tp://" + MARK))
        .hasMessageContaining("is not a URI");
  }

  @Test
  void noCredentials() {
    failsOn("actionlayer.connections.jira.credentials", jira("actionlayer.connections.jira.credentials.token=<unset>"))
        .hasMessageContaining("are required");
  }

  @Test
  void mixedCredentials() {
    failsOn("actionlayer.connections.jira.credentials", jira("actionlayer.connections.jira.credentials.user=" + MARK))
        .hasMessageContaining("mix several kinds");
  }

  @Test
  void basicWithoutItsSecret() {
    failsOn("actionlayer.connections.jira.credentials.secret", jira("actionlayer.connections.jira.credentials.token=<unset>",
        "actionlayer.connections.jira.credentials.user=bot-" + MARK));
  }

  @Test
  void aCredentialWithAControlCharacter() {
    failsOn("actionlayer.connections.jira.credentials",
        jira("actionlayer.connections.jira.credentials.token=tok\u0001" + MARK))
        .hasMessageContaining("control character");
  }

  @Test
  void oauthWithoutARefreshToken() {
    failsOn("actionlayer.connections.jira.credentials.refresh-token", jira("actionlayer.connections.jira.credentials.token=<unset>",
        "actionlayer.connections.jira.credentials.token-endpoint=https://login.example.com/token",
        "actionlayer.connections.jira.credentials.client-id=id-" + MARK));
  }

  @Test
  void anOptionTheVendorDoesNotTake() {
    failsOn("actionlayer.connections.jira.options", jira("actionlayer.connections.jira.options.colour=" + MARK))
        .hasMessageContaining("its options: [dedupeLabels, issueType]");
  }

  @Test
  void anOptionValueTheConnectorRefuses() {
    failsOn("actionlayer.connections.jira.options.dedupeLabels",
        jira("actionlayer.connections.jira.options.dedupeLabels=" + MARK)).hasMessageContaining("must be true or false");
  }

  @Test
  void aDescriptionThatCannotBeRead() {
    failsOn("actionlayer.connections.jira.description",
        jira("actionlayer.connections.jira.description=classpath:" + MARK + ".json")).hasMessageContaining("cannot be read");
  }

  @Test
  void anInvalidDescription() throws Exception {
    Path d = Files.writeString(dir.resolve("d.json"), "{\"vendor\": \"" + MARK + "\"}");
    failsOn("actionlayer.connections.jira.description",
        jira("actionlayer.connections.jira.description=file:" + d)).hasMessageContaining("is not a valid description");
  }

  @Test
  void unknownJournalType() {
    failsOn("actionlayer.journal.type", jira("actionlayer.journal.type=" + MARK)).hasMessageContaining("memory, file or jdbc");
  }

  @Test
  void aFileJournalWithoutAPath() {
    failsOn("actionlayer.journal.path", jira("actionlayer.journal.type=file")).hasMessageContaining("is required");
  }

  @Test
  void aFileJournalInAMissingDirectory() {
    failsOn("actionlayer.journal.path", jira("actionlayer.journal.type=file",
        "actionlayer.journal.path=" + dir.resolve(MARK).resolve("journal.log"))).hasMessageContaining("cannot be opened");
  }

  @Test
  void aJdbcJournalWithoutADataSource() {
    failsOn("actionlayer.journal.type", jira("actionlayer.journal.type=jdbc")).hasMessageContaining("DataSource");
  }

  @Test
  void unknownAuditType() {
    failsOn("actionlayer.audit.type", jira("actionlayer.audit.type=" + MARK))
        .hasMessageContaining("none, slf4j, json-lines or async-json-lines");
  }

  @Test
  void aJsonLinesAuditWithoutAPath() {
    failsOn("actionlayer.audit.path", jira("actionlayer.audit.type=async-json-lines")).hasMessageContaining("is required");
  }

  @Test
  void aPolicyFileThatDoesNotExist() {
    failsOn("actionlayer.policy", jira("actionlayer.policy=" + dir.resolve(MARK + ".json"))).hasMessageContaining("cannot be read");
  }

  @Test
  void anInvalidPolicy() throws Exception {
    Path p = Files.writeString(dir.resolve("p.json"), "{\"version\": 1, \"principals\": {\"a\": {\"allow\": ["
        + "{\"id\": \"r\", \"operations\": [\"tasks.get\"], \"connections\": [\"elsewhere\"]}]}}}");
    failsOn("actionlayer.policy", jira("actionlayer.policy=" + p));
  }

  @Test
  void aBlankPrincipal() {
    failsOn("actionlayer.principal", jira("actionlayer.principal= "));
  }
}
