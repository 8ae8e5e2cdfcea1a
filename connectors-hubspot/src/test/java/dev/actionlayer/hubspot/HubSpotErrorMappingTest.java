package dev.actionlayer.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HubSpot's documented error answers (fixtures) mapped by meaning. */
class HubSpotErrorMappingTest {
  private static final NewContact SAMPLE = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = new LayerHarness("hubspot", Instant.parse("2026-11-25T10:00:00Z"));
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

  private Contacts once() {
    return harness.contacts(HubSpot.connector(server.url("/").uri(), Credentials.bearer("pat-na1-123")), p -> p.maxAttempts(1));
  }

  private ActionError createFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().create(SAMPLE)).error();
  }

  @Test
  void theDailyLimitIsQuotaExhaustedNotARateLimit() {
    ActionError e = createFails("error-429-daily.http");

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.vendorCode()).isEqualTo("RATE_LIMIT");
    assertThat(e.vendorRequestId()).isEqualTo("c033cdaa-2c40-4a64-ae48-b4cec88dad24");
    assertThat(e.message()).isEqualTo("HubSpot: You have reached your daily limit.");
  }

  @Test
  void theTenSecondWindowIsRateLimitedAndRetryable() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
            + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"x1\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}").build());

    ActionError e = LayerHarness.failure(() -> once().get("51")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void theDocumentedValidationExampleNamesItsField() {
    ActionError e = createFails("error-400-documented.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(e.fieldErrors()).containsEntry("name", "This will be a message with additional details about the error");
  }

  @Test
  void anInvalidEmailIsAFieldErrorOnEmail() {
    ActionError e = createFails("error-400-invalid-email.http");

    assertThat(e.fieldErrors()).isEqualTo(Map.of("email", "Email address ada@ is invalid"));
  }

  @Test
  void aDuplicateEmailIsAConflictNamingTheExistingContact() {
    ActionError e = createFails("error-409-contact-exists.http");

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("OBJECT_ALREADY_EXISTS");
    assertThat(e.message()).contains("Existing ID: 2926551");
    assertThat(e.fieldErrors().get("email")).contains("Existing ID: 2926551");
  }

  @Test
  void theOlderConflictShapeMapsTheSame() {
    ActionError e = createFails("error-409-conflict.http");

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("CONFLICT");
    assertThat(e.fieldErrors()).containsEntry("email", "Contact already exists. Existing ID: 123");
  }

  @Test
  void aMissingTokenIsUnauthenticated() {
    ActionError e = createFails("error-401.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("INVALID_AUTHENTICATION");
  }

  @Test
  void aNotFoundPageWithoutHubSpotsJsonIsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<html>nope</html>").build());

    ActionError e = LayerHarness.failure(() -> once().delete("51")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
  }
}
