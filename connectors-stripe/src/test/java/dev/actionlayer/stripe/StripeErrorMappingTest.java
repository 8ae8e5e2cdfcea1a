package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Stripe error shape of the fact sheet, through the public API, to its taxonomy entry. */
class StripeErrorMappingTest {
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");
  private static final String CUSTOMER = "{\"id\":\"cus_1\",\"object\":\"customer\",\"name\":\"Ada Lovelace\"}";
  private static final String HTML_502 = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
      + "<body><h1>Bad Gateway</h1><p>secret-looking internals</p></body></html>";

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

  /** One attempt per call, so each test sees the mapping of exactly one response. */
  private Contacts once() {
    return harness.contacts(Stripe.connector(server.url("/").uri(), StripeHarness.bearer()), p -> p.maxAttempts(1));
  }

  private Contacts retrying() {
    return harness.contacts(Stripe.connector(server.url("/").uri(), StripeHarness.bearer()));
  }

  private static MockResponse json(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").addHeader("Request-Id", "req_map").body(body);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  private static String invalid(String message, String param) {
    return "{\"error\":{\"message\":\"" + message + "\",\"param\":\"" + param
        + "\",\"type\":\"invalid_request_error\"}}";
  }

  private ActionError getFails(Contacts contacts) {
    return LayerHarness.failure(() -> contacts.get("cus_1")).error();
  }

  @Test
  void verbatimInvalidKey401IsUnauthenticatedWithTheMaskedKeyScrubbedAndNoRequestId() {
    server.enqueue(Samples.load("/stripe/invalid-api-key-401.http"));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.message()).isEqualTo("Invalid API Key provided: sk_test_[REDACTED]");
    assertThat(e.vendorCode()).isEqualTo("invalid_request_error");
    assertThat(e.vendorRequestId()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void restrictedKey403IsPermissionDenied() {
    server.enqueue(Samples.load("/stripe/restricted-key-403.http"));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).contains("does not have the required permissions").doesNotContain("rk_test_*");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void verbatimResourceMissing404IsNotFoundWithRequestId() {
    server.enqueue(Samples.load("/stripe/resource-missing-404.http"));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("resource_missing");
    assertThat(e.vendorRequestId()).isEqualTo("req_123");
    assertThat(e.message()).isEqualTo("No such customer: 'cus_invalid'");
    assertThat(e.fieldErrors()).isEmpty();
    assertThat(e.vendor()).isEqualTo("stripe");
    assertThat(e.operation()).isEqualTo("contacts.get");
  }

  @Test
  void verbatimIdempotencyError400IsConflictNeverRetriedWhateverTheHeaderSays() {
    server.enqueue(Samples.builder("/stripe/idempotency-error-400.http")
        .addHeader("Stripe-Should-Retry", "true").build());
    server.enqueue(json(200, CUSTOMER));

    ActionError e = LayerHarness.failure(() -> retrying().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("idempotency_error");
    assertThat(e.message()).startsWith("Keys for idempotent requests can only be used with the same parameters");
    assertThat(e.vendorRequestId()).isEqualTo("req_123");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void keyInUse409IsAConflictThatIsRetriedWithTheSameKey() throws Exception {
    server.enqueue(Samples.load("/stripe/idempotency-key-in-use-409.http"));
    server.enqueue(json(200, CUSTOMER, "Idempotent-Replayed", "true"));

    retrying().create(ADA);

    assertThat(server.getRequestCount()).isEqualTo(2);
    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(first);
    assertThat(harness.lastEvent().attempts()).extracting(a -> a.code()).containsExactly("CONFLICT", null);
  }

  @Test
  void keyInUse409OnItsOwnIsARetryableConflict() {
    server.enqueue(Samples.load("/stripe/idempotency-key-in-use-409.http"));

    ActionError e = LayerHarness.failure(() -> once().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("idempotency_key_in_use");
  }

  @Test
  void verbatimRateLimit429IsRateLimitedWithItsReason() {
    server.enqueue(Samples.load("/stripe/rate-limit-429.http"));

    ActionError e = LayerHarness.failure(() -> once().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("rate_limit");
    assertThat(e.message()).startsWith("Request rate limit exceeded.")
        .endsWith("(Stripe-Rate-Limited-Reason: global-rate)");
    assertThat(e.vendorRequestId()).isEqualTo("req_123");
  }

  @Test
  void lockTimeout429WithShouldRetryTrueIsRetried() {
    server.enqueue(Samples.builder("/stripe/lock-timeout-429.http").addHeader("Stripe-Should-Retry", "true").build());
    server.enqueue(json(200, CUSTOMER));

    retrying().get("cus_1");

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(harness.lastEvent().attempts()).extracting(a -> a.code()).containsExactly("RATE_LIMITED", null);
  }

  @Test
  void lockTimeout429IsRateLimitedWithItsCode() {
    server.enqueue(Samples.load("/stripe/lock-timeout-429.http"));

    ActionError e = getFails(once());

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("lock_timeout");
    assertThat(e.message()).startsWith("This object cannot be accessed right now").hasSizeLessThanOrEqualTo(300);
  }

  @Test
  void a429WithShouldRetryFalseIsNotRetried() {
    server.enqueue(Samples.builder("/stripe/rate-limit-429.http").addHeader("Stripe-Should-Retry", "false").build());
    server.enqueue(json(200, CUSTOMER));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void verbatimApiError500WithShouldRetryFalseIsNotRetried() {
    server.enqueue(Samples.load("/stripe/api-error-500.http"));
    server.enqueue(json(200, CUSTOMER));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("api_error");
    assertThat(e.message()).isEqualTo("An unknown error occurred");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateAnsweredWithA500ThatMustNotBeRetriedHasAnUnknownOutcome() {
    server.enqueue(Samples.load("/stripe/api-error-500.http"));

    ActionError e = LayerHarness.failure(() -> retrying().create(ADA)).error();

    // Stripe may have applied a create it answered with 500, and advises against a repeat.
    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.vendorCode()).isEqualTo("api_error");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void apiError500WithoutAdviceIsRetried() {
    server.enqueue(json(500, Samples.body("/stripe/api-error-500.http")));
    server.enqueue(json(200, CUSTOMER));

    retrying().get("cus_1");

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void a400WithShouldRetryTrueIsRetriedBecauseStripeSaysSo() {
    server.enqueue(json(400, invalid("Try again", "email"), "Stripe-Should-Retry", "true"));
    server.enqueue(json(200, CUSTOMER));

    retrying().get("cus_1");

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void invalidRequestWithParamCarriesACanonicalFieldError() {
    server.enqueue(json(400, "{\"error\":{\"code\":\"email_invalid\",\"message\":\"Invalid email address: x\","
        + "\"param\":\"email\",\"type\":\"invalid_request_error\"}}"));
    server.enqueue(json(400, invalid("Name too long", "name")));
    server.enqueue(json(400, invalid("Value too long", "metadata[last_name]")));
    server.enqueue(json(400, invalid("Bad key", "metadata[actionlayer_key]")));
    Contacts contacts = once();

    ActionError email = LayerHarness.failure(() -> contacts.create(ADA)).error();
    ActionError name = LayerHarness.failure(() -> contacts.create(ADA)).error();
    ActionError last = LayerHarness.failure(() -> contacts.create(ADA)).error();
    ActionError other = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(email.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(email.retryable()).isFalse();
    assertThat(email.vendorCode()).isEqualTo("email_invalid");
    assertThat(email.fieldErrors()).containsExactly(Map.entry("email", "Invalid email address: x"));
    assertThat(name.fieldErrors()).containsExactly(
        Map.entry("firstName", "Name too long"), Map.entry("lastName", "Name too long"));
    assertThat(name.vendorCode()).isEqualTo("invalid_request_error");
    assertThat(last.fieldErrors()).containsExactly(Map.entry("lastName", "Value too long"));
    assertThat(other.fieldErrors()).containsExactly(Map.entry("metadata[actionlayer_key]", "Bad key"));
  }

  @Test
  void anUpdatesRefusedCompanyAndPhoneNameTheirCanonicalFields() {
    server.enqueue(json(400, invalid("Value too long", "metadata[company]")));
    server.enqueue(json(400, invalid("Invalid string: 1111; must be at most 20 characters", "phone")));
    Contacts contacts = once();
    ContactChanges change = ContactChanges.builder().company("x").build();

    ActionError company = LayerHarness.failure(() -> contacts.update("cus_QXg1o8vcGmoR32", change)).error();
    ActionError phone = LayerHarness.failure(() -> contacts.update("cus_QXg1o8vcGmoR32", change)).error();

    assertThat(company.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(company.fieldErrors()).containsExactly(Map.entry("company", "Value too long"));
    assertThat(phone.fieldErrors()).containsOnlyKeys("phone");
  }

  @Test
  void htmlBadGatewayIsUnavailableWithASafeMessage() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html").body(HTML_502).build());

    ActionError e = getFails(once());

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.message()).isEqualTo("Stripe answered HTTP 502 with an HTML page");
  }

  @Test
  void anHtmlBodyWhereJsonWasExpectedMapsByStatus() {
    // The "invalid character '<'" case: a 500 claiming JSON but holding a page.
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
        .body(HTML_502).build());

    ActionError e = getFails(once());

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.message()).isEqualTo("Stripe answered HTTP 500 with an HTML page").doesNotContain("internals");
  }

  @Test
  void emptyAndTruncatedBodiesStillMapByStatus() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(400, "{\"error\":{\"message\":\"cut"));
    Contacts contacts = once();

    ActionError empty = getFails(contacts);
    ActionError truncated = getFails(contacts);

    assertThat(empty.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(empty.message()).isEqualTo("Stripe answered HTTP 503 with an empty body");
    assertThat(truncated.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(truncated.message()).isEqualTo("Stripe answered HTTP 400 with a JSON body");
  }

  @Test
  void a404WithoutResourceMissingIsAWrongBaseUriNotAnAlreadyDeletedCustomer() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>Not Found</body></html>").build());
    server.enqueue(json(404, "{\"error\":{\"message\":\"Unrecognized request URL (DELETE: /api/v1/customers/cus_1)."
        + "\",\"type\":\"invalid_request_error\"}}"));
    Contacts contacts = retrying();

    ActionError html = LayerHarness.failure(() -> contacts.delete("cus_1")).error();
    ActionError unrecognized = LayerHarness.failure(() -> contacts.delete("cus_1")).error();

    for (ActionError e : new ActionError[] {html, unrecognized}) {
      assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
      assertThat(e.retryable()).isFalse();
      assertThat(e.message()).contains("check the connection's base URI");
    }
    assertThat(unrecognized.message()).contains("Unrecognized request URL");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void longMessagesAreCappedToOneLine() {
    server.enqueue(json(400, invalid("line one\\nline two " + "x".repeat(5000), "email")));

    ActionError e = getFails(once());

    assertThat(e.message()).startsWith("line one line two").hasSizeLessThanOrEqualTo(300).doesNotContain("\n");
    assertThat(e.fieldErrors().get("email")).hasSizeLessThanOrEqualTo(300);
  }

  @Test
  void aDeletedCustomerReadsAsNotFound() {
    server.enqueue(json(200, "{\"id\":\"cus_QXg1o8vcGmoR32\",\"object\":\"customer\",\"deleted\":true}"));

    ActionError e = getFails(retrying());

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("Stripe customer 'cus_QXg1o8vcGmoR32' was deleted");
    assertThat(e.vendorRequestId()).isEqualTo("req_map");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
