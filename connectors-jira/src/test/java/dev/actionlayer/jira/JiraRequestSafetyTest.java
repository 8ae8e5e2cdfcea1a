package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Tasks;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URI;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values from the agent are data: they never choose an endpoint, and bad ones never leave the process. */
class JiraRequestSafetyTest {
  private final LayerHarness harness = JiraHarness.create();
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Tasks tasks() {
    return harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()));
  }

  /** Jira's id and key grammar; traversal, query, fragment and CR/LF ids are the kit's hostile-id rule. */
  @ParameterizedTest
  @ValueSource(strings = {".", "PROJ-1 ", " 10000", "PROJ-", "-1", "10000;x", "proj-1", ""})
  void refusesAnIdThatIsNotAJiraIssueIdOrKeyBeforeAnyRequest(String id) {
    Tasks tasks = tasks();

    ActionError get = LayerHarness.failure(() -> tasks.get(id)).error();
    ActionError delete = LayerHarness.failure(() -> tasks.delete(id)).error();

    assertThat(get.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(delete.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(get.fieldErrors()).containsKey("id");
    assertThat(delete.fieldErrors()).containsKey("id");
    assertThat(get.attempts()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createWithoutAProjectKeyIsRefusedBeforeAnyRequest() {
    ActionError e = LayerHarness.failure(() -> tasks().create(new NewTask(null, "Fix it", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsEntry("project", "is required for Jira (the project key)");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"proj", "1PROJ", "PR OJ", "PROJ-1", "PRÖJ", "PROJ\"}"})
  void createWithSomethingElseThanAProjectKeyIsRefusedBeforeAnyRequest(String project) {
    ActionError e = LayerHarness.failure(() -> tasks().create(new NewTask(project, "Fix it", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsKey("project");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesPlainHttpToANonLoopbackHost() {
    assertThatThrownBy(() -> Jira.connector(URI.create("http://example.com"), JiraHarness.basic()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> Jira.builder(URI.create("http://acme.atlassian.net"), JiraHarness.basic()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsHttpsAndPlainHttpToLoopback() {
    Connector loopback = Jira.connector(URI.create("http://127.0.0.1:8080"), JiraHarness.basic());
    Connector site = Jira.connector(URI.create("https://acme.atlassian.net"), Credentials.bearer("t0ken-abc"));

    assertThat(loopback.baseUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(site.vendor()).isEqualTo("jira");
    assertThat(site.requestIdHeader()).isEqualTo("X-AREQUESTID");
  }

  @Test
  void builderValidatesEachArgumentAtOnce() {
    URI uri = URI.create("https://acme.atlassian.net");
    assertThatThrownBy(() -> Jira.connector(null, JiraHarness.basic())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Jira.connector(uri, null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentials == null");
    assertThatThrownBy(() -> Jira.builder(uri, JiraHarness.basic()).issueType(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issueType");
    assertThatThrownBy(() -> Jira.builder(uri, JiraHarness.basic()).issueType("Bug\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issueType");
  }

}
