package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector through the SPI alone: request building, reading, and mapError on odd responses. */
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
          assertThat(e.error().vendorRequestId()).isEqualTo("req_del");
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

    assertThat(c).isEqualTo(new Contact("cus_9", "Ada", "Lovelace", null));
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

  @Test
  void oddBodiesAndHeadersStillMapByStatus() {
    List<VendorResponse> odd = List.of(
        response(429, "[1,2,3]", false, "Stripe-Should-Retry", "maybe", "Stripe-Rate-Limited-Reason", "\r\n<x>"),
        response(400, "{\"error\":\"not an object\"}", false),
        response(400, "{\"error\":{\"type\":7,\"message\":[]}}", false),
        response(400, "{\"error\":{\"type\":\"invalid_request_error\",\"param\":\"" + "p".repeat(2000) + "\"}}", false),
        response(401, "\u0000\u0001", false, "Content-Type", "text/plain"),
        response(404, "null", false, "Content-Type", "application/json"),
        response(409, "{\"error\":{\"type\":\"invalid_request_error\"}}", false),
        response(500, "{".repeat(100_000), true),
        response(503, "", false, "Request-Id", "req_\r\nX-Evil: 1"));

    for (VendorResponse r : odd) {
      ActionError e = stripe.mapError(r);
      assertThat(e.code()).as(r.toString()).isNotNull();
      assertThat(e.message()).as(r.toString()).isNotBlank().hasSizeLessThanOrEqualTo(400);
      assertThat(e.vendorRequestId()).as(r.toString()).doesNotContain("\n");
      e.fieldErrors().forEach((k, v) -> assertThat(k.length() + v.length()).isLessThanOrEqualTo(600));
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

  @Test
  void aGarbledRequestIdIsDropped() {
    ActionError e = stripe.mapError(response(500, "", false, "Request-Id", "req_1 <script>"));

    assertThat(e.vendorRequestId()).isEmpty();
    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
