package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values from the agent are data: they never choose an endpoint, and the key never leaves the pipeline. */
class StripeRequestSafetyTest {
  private static final String PLANTED = "PLANTEDsecretVALUE9876";
  private static final String KEY = "sk_test_" + PLANTED;

  private final LayerHarness harness = StripeHarness.create();
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

  private Contacts contacts(Credentials credentials) {
    return harness.contacts(Stripe.connector(server.url("/").uri(), credentials));
  }

  /**
   * Stripe's customer-id grammar, another object's id ({@code ch_1}) and {@code ?expand=} (related
   * objects in the answer); traversal, fragment and CR/LF ids are the kit's hostile-id rule.
   */
  @ParameterizedTest
  @ValueSource(strings = {".", "cus_", "cus_1?expand=x", "cus_abc-def", "CUS_1", " cus_1", "cus_1 ",
      "ch_1", "cus_ÄÖ", ""})
  void refusesAnIdThatIsNotAStripeCustomerIdBeforeAnyRequest(String id) {
    Contacts contacts = contacts(StripeHarness.bearer());

    ActionError get = LayerHarness.failure(() -> contacts.get(id)).error();
    ActionError delete = LayerHarness.failure(() -> contacts.delete(id)).error();

    for (ActionError e : new ActionError[] {get, delete}) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.fieldErrors()).containsKey("id");
      assertThat(e.attempts()).isZero();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNullIdIsRefusedBeforeAnyRequest() {
    Contacts contacts = contacts(StripeHarness.bearer());

    assertThat(LayerHarness.failure(() -> contacts.get(null)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesPlainHttpToANonLoopbackHost() {
    assertThatThrownBy(() -> Stripe.connector(URI.create("http://example.com"), StripeHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> Stripe.builder(URI.create("http://api.stripe.com"), StripeHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsHttpsAndPlainHttpToLoopback() {
    Connector loopback = Stripe.connector(URI.create("http://127.0.0.1:12111"), StripeHarness.bearer());
    Connector live = Stripe.connector(Stripe.DEFAULT_BASE_URI, StripeHarness.bearer());

    assertThat(loopback.baseUri()).isEqualTo(URI.create("http://127.0.0.1:12111"));
    assertThat(live.vendor()).isEqualTo("stripe");
    assertThat(live.requestIdHeader()).isEqualTo("Request-Id");
    assertThat(live.contacts().createSafety()).isEqualTo(dev.actionlayer.spi.CreateSafety.KEYED);
    assertThat(live.tasks()).isNull();
    assertThat(live.folders()).isNull();
  }

  @Test
  void builderValidatesEachArgumentAtOnce() {
    URI uri = Stripe.DEFAULT_BASE_URI;
    assertThatThrownBy(() -> Stripe.connector(null, StripeHarness.bearer())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Stripe.connector(uri, null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentials == null");
    assertThatThrownBy(() -> Stripe.builder(uri, StripeHarness.bearer()).apiVersion("latest"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiVersion");
    // A value pasted in the wrong place (a key, say) is refused without being repeated.
    assertThatThrownBy(() -> Stripe.builder(uri, StripeHarness.bearer()).apiVersion("sk_test_PastedKey123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("PastedKey123");
    assertThatThrownBy(() -> Stripe.builder(uri, StripeHarness.bearer()).apiVersion("2024-06-20\r\nX: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Stripe.builder(uri, StripeHarness.bearer()).apiVersion("2024-09-30.acacia").apiVersion(null).build())
        .isNotNull();
  }

  @Test
  void theSecretKeyNeverAppearsInErrorsOrAuditEvenWhenTheVendorEchoesIt() {
    server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
        .addHeader("X-Debug-Key", KEY)
        .body("{\"error\":{\"message\":\"Invalid API Key provided: " + KEY + "\",\"type\":\"invalid_request_error\"}}")
        .build());
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_1")
        .body("{\"error\":{\"message\":\"Bad value " + KEY + "\",\"param\":\"email\",\"type\":\"invalid_request_error\"}}")
        .build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"id\":\"cus_1\",\"object\":\"customer\",\"name\":\"Ada Lovelace\"}").build());
    Contacts contacts = contacts(Credentials.bearer(KEY));

    ActionException unauthenticated = LayerHarness.failure(() -> contacts.get("cus_1"));
    ActionException invalid = LayerHarness.failure(() -> contacts.create(new NewContact("Ada", "Lovelace", null)));
    contacts.create(new NewContact("Ada", "Byron", null));

    for (ActionException e : new ActionException[] {unauthenticated, invalid}) {
      assertThat(e.getMessage()).doesNotContain(PLANTED);
      assertThat(e.error().message()).doesNotContain(PLANTED);
      assertThat(e.error().fieldErrors().toString()).doesNotContain(PLANTED);
    }
    assertThat(unauthenticated.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(harness.audit()).hasSize(3);
    harness.audit().forEach(event -> assertThat(event.toJson()).doesNotContain(PLANTED));
  }

}
