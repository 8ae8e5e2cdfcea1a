package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contacts;
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
class SalesforceRequestSafetyTest {
  private static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

  private final LayerHarness harness = SalesforceHarness.create();
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

  private Connector connector() {
    return Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer());
  }

  /**
   * Salesforce's id grammar, and an external-id path ({@code Email/...}) that would read another
   * record; traversal, query, fragment and CR/LF ids are the kit's hostile-id rule.
   */
  @ParameterizedTest
  @ValueSource(strings = {".", "", "0035g00000000", "0035g0000000001AAAB", "0035g0000000001A",
      "0035g 000000001", "0035g0000000001\u00c5AA", "Email/ada@x.com"})
  void refusesAnIdThatIsNotASalesforceIdBeforeAnyRequest(String id) {
    Contacts contacts = harness.contacts(connector());
    Tasks tasks = harness.tasks(connector());

    ActionError get = LayerHarness.failure(() -> contacts.get(id)).error();
    ActionError delete = LayerHarness.failure(() -> contacts.delete(id)).error();
    ActionError task = LayerHarness.failure(() -> tasks.get(id)).error();

    for (ActionError e : new ActionError[] {get, delete, task}) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.fieldErrors()).containsKey("id");
      assertThat(e.attempts()).isZero();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "001D000000IqhSL/..", "PROJ", "001D000000IqhSLIAZ\r\n", "001D000000IqhSLIA"})
  void refusesAProjectThatIsNotARecordIdBeforeAnyRequest(String project) {
    ActionError e = LayerHarness.failure(() -> harness.tasks(connector())
        .create(new NewTask(project, "Call Ada", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsOnlyKeys("project");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesPlainHttpToANonLoopbackHost() {
    assertThatThrownBy(() -> Salesforce.connector(URI.create("http://example.com"), SalesforceHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> Salesforce.builder(URI.create("http://acme.my.salesforce.com"), SalesforceHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsHttpsAndPlainHttpToLoopback() {
    Connector loopback = Salesforce.connector(URI.create("http://127.0.0.1:8080"), SalesforceHarness.bearer());
    Connector site = Salesforce.connector(INSTANCE, SalesforceHarness.bearer());

    assertThat(loopback.baseUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(site.vendor()).isEqualTo("salesforce");
    assertThat(site.contacts()).isNotNull();
    assertThat(site.tasks()).isNotNull();
    assertThat(site.folders()).isNull();
  }

  @Test
  void builderValidatesEachArgumentAtOnce() {
    assertThatThrownBy(() -> Salesforce.connector(null, SalesforceHarness.bearer()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Salesforce.connector(INSTANCE, null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentials == null");
    assertThatThrownBy(() -> Salesforce.connector(INSTANCE, Credentials.basic("me@example.com", "pw")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearer");
    Salesforce.Builder b = Salesforce.builder(INSTANCE, SalesforceHarness.bearer());
    for (String version : new String[] {"63.0", "v63", "v63.0/..", "V63.0", "v63.0\n", "v1234.0"}) {
      assertThatThrownBy(() -> b.apiVersion(version)).as(version)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiVersion");
    }
    assertThatThrownBy(() -> b.apiVersion(null)).isInstanceOf(NullPointerException.class);
    // A value pasted in the wrong place (a token, say) is refused without being repeated.
    assertThatThrownBy(() -> b.apiVersion("00DPastedToken!xyz")).hasMessageNotContaining("PastedToken");
    assertThatThrownBy(() -> b.contactExternalIdField("00DPastedToken!xyz")).hasMessageNotContaining("PastedToken");
    for (String field : new String[] {"Bad Field", "Id", "id", "Key__c/../x", "_Key__c", "Key__", "Key___c",
        "a__b__c__d", "Key__c\r\n", "", "K".repeat(101)}) {
      assertThatThrownBy(() -> b.contactExternalIdField(field)).as(field)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contactExternalIdField");
      assertThatThrownBy(() -> b.taskExternalIdField(field)).as(field)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taskExternalIdField");
    }
    b.apiVersion("v59.0").contactExternalIdField("Actionlayer_Key__c").taskExternalIdField("ns__Op_Key__c")
        .contactExternalIdField("Email").contactExternalIdField(null);
  }

  /** That it never shows the token is the kit's credential rule. */
  @Test
  void connectorToStringNamesTheInstanceAndHowCreatesAreKeyed() {
    Connector connector = Salesforce.builder(INSTANCE, SalesforceHarness.bearer())
        .contactExternalIdField(SalesforceHarness.KEY_FIELD).build();

    assertThat(connector.toString()).contains("acme.my.salesforce.com", "upsert by Actionlayer_Key__c");
  }
}
