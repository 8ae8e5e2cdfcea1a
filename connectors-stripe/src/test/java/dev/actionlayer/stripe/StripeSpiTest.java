package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The connector through the SPI alone (request building, reading), and odd error answers through the layer. */
class StripeSpiTest {
  private static final Instant NOW = StripeHarness.START;
  private final Connector stripe = Stripe.connector(Stripe.DEFAULT_BASE_URI, StripeHarness.bearer());

  private static VendorResponse response(int status, String body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) map.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
    return new VendorResponse(status, map, body.getBytes(StandardCharsets.UTF_8), truncated, NOW);
  }

  @Test
  void readingADeletedCustomerThrowsAPreciseNotFound() {
    VendorResponse deleted = response(200, Samples.body("/stripe/delete-customer-200.http"), false,
        "Request-Id", "req_del");

    assertThatThrownBy(() -> stripe.contacts().read(deleted))
        .isInstanceOfSatisfying(ActionException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.error().retryable()).isFalse();
          assertThat(e.error().httpStatus()).isEqualTo(200);
          assertThat(e.error().message()).isEqualTo("Stripe customer 'cus_QXg1o8vcGmoR32' was deleted");
        });
  }

  @Test
  void readingSomethingElseThanACustomerIsAnUnreadableBody() {
    assertThatThrownBy(() -> stripe.contacts().read(response(200, "{\"id\":\"ch_1\",\"object\":\"charge\"}", false)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> stripe.contacts().read(response(200, "{\"object\":\"customer\"}", false)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void readingKeepsStripesAnswerOverTheInput() throws IOException {
    Contact c = stripe.contacts().readCreated(response(200, "{\"id\":\"cus_9\",\"object\":\"customer\","
        + "\"name\":\"  Ada   Lovelace \",\"email\":\"\",\"metadata\":{}}", false),
        new NewContact("X", "Y", null), new CallContext("k", "contacts.create"));

    assertThat(c).isEqualTo(StripeWireFormatTest.contact("cus_9", "Ada", "Lovelace", null));
  }

  @Test
  void theCreateRequestIsBuiltOnceWithTheCallsKey() {
    VendorRequest r = stripe.contacts().create(new NewContact("Ada", "Lovelace", null),
        new CallContext("3f1c-key", "contacts.create"));

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).containsExactly("v1", "customers");
    assertThat(r.headers()).containsExactly(Map.entry("Idempotency-Key", "3f1c-key"));
    assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("name=Ada%20Lovelace"
        + "&metadata[actionlayer_key]=3f1c-key&metadata[first_name]=Ada&metadata[last_name]=Lovelace");
  }

  /** An answer as MockWebServer sends it, headers written as they are. */
  private static MockResponse answer(int status, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
    for (int i = 0; i < headers.length; i += 2) b.addHeaderLenient(headers[i], headers[i + 1]);
    return b.build();
  }

  /**
   * Through the layer, since the pipeline (not the connector) guards against a mapping that
   * throws: each odd answer maps by its status, and only an {@link dev.actionlayer.ActionException}
   * leaves the layer ({@link LayerHarness#failure}).
   */
  @Test
  void oddBodiesAndHeadersStillMapByStatus() throws IOException {
    List<Map.Entry<MockResponse, ErrorCode>> odd = List.of(
        Map.entry(answer(429, "[1,2,3]", "Stripe-Should-Retry", "maybe", "Stripe-Rate-Limited-Reason", "\t<x>\u007f"),
            ErrorCode.RATE_LIMITED),
        Map.entry(answer(400, "{\"error\":\"not an object\"}"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "{\"error\":{\"type\":7,\"message\":[]}}"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "{\"error\":{\"type\":\"invalid_request_error\",\"param\":\"" + "p".repeat(2000) + "\"}}",
            "Content-Type", "application/json"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(401, "\u0000\u0001", "Content-Type", "text/plain"), ErrorCode.UNAUTHENTICATED),
        Map.entry(answer(404, "null", "Content-Type", "application/json"), ErrorCode.UPSTREAM_ERROR),
        Map.entry(answer(409, "{\"error\":{\"type\":\"invalid_request_error\"}}", "Content-Type", "application/json"),
            ErrorCode.CONFLICT),
        Map.entry(answer(500, "{".repeat(100_000)), ErrorCode.UPSTREAM_ERROR), // cut at the 64 KiB cap
        Map.entry(answer(503, "", "Request-Id", "req_\tX-Evil: 1"), ErrorCode.UNAVAILABLE));

    try (MockWebServer server = new MockWebServer(); LayerHarness harness = StripeHarness.create()) {
      server.start();
      for (Map.Entry<MockResponse, ErrorCode> c : odd) {
        server.enqueue(c.getKey());
        Contacts contacts = harness.contacts(Stripe.connector(server.url("/").uri(), StripeHarness.bearer()),
            p -> p.maxAttempts(1));

        ActionError e = LayerHarness.failure(() -> contacts.get("cus_1")).error();

        assertThat(e.code()).as(c.getKey().toString()).isEqualTo(c.getValue());
        assertThat(e.message()).as(c.getKey().toString()).isNotBlank().hasSizeLessThanOrEqualTo(300);
        assertThat(e.vendorRequestId()).as(c.getKey().toString()).isEmpty();
        e.fieldErrors().forEach((k, v) -> assertThat(k.length() + v.length()).isLessThanOrEqualTo(400));
      }
    }
  }

  @Test
  void anInFlightKeyModelledAsIdempotencyErrorIsStillRetriedLater() {
    ActionError e = stripe.mapError(response(409, "{\"error\":{\"code\":\"idempotency_key_in_use\","
        + "\"message\":\"in progress\",\"type\":\"idempotency_error\"}}", false));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("idempotency_key_in_use");
  }

  /** The pipeline fills the request id from {@code Request-Id} and keeps it only in a token's shape. */
  @Test
  void aGarbledRequestIdIsDropped() throws IOException {
    try (MockWebServer server = new MockWebServer(); LayerHarness harness = StripeHarness.create()) {
      server.start();
      server.enqueue(answer(500, "", "Request-Id", "req_1 <script>"));
      Contacts contacts = harness.contacts(Stripe.connector(server.url("/").uri(), StripeHarness.bearer()),
          p -> p.maxAttempts(1));

      ActionError e = LayerHarness.failure(() -> contacts.get("cus_1")).error();

      assertThat(e.vendorRequestId()).isEmpty();
      assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    }
  }
}
