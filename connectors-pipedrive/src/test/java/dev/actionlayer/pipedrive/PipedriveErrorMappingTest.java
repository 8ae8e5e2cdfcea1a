package dev.actionlayer.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipedrive's error answers (fixtures) mapped by meaning. */
class PipedriveErrorMappingTest {
  private static final NewContact SAMPLE = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = new LayerHarness("pipedrive", Instant.parse("2026-11-25T10:00:00Z"));
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
    return harness.contacts(Pipedrive.connector(server.url("/").uri(), Credentials.bearer("oauth-123")), p -> p.maxAttempts(1));
  }

  private ActionError fails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().create(SAMPLE)).error();
  }

  @Test
  void aPlanLimitIsAPermissionTheAccountLacks() {
    ActionError e = fails("error-403-feature-capping.http");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("feature_capping_deals_limit");
    assertThat(e.message()).isEqualTo("Pipedrive: Couldn't add the deal. Open deals limit reached.");
  }

  @Test
  void theRateLimitWaitsForTheWindowsReset() {
    ActionError e = fails("error-429.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void aBadTokenIsUnauthenticated() {
    ActionError e = fails("error-401.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("401");
  }

  @Test
  void aMissingPersonIsNotFound() {
    server.enqueue(Samples.load("/fixtures/error-404-person.http"));

    ActionError e = LayerHarness.failure(() -> once().get("42")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.message()).isEqualTo("Pipedrive: Person not found");
  }

  @Test
  void aValidationFailureNamesTheCanonicalField() {
    ActionError e = fails("error-400-validation.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("email", "Invalid email format"));
  }

  @Test
  void paymentRequiredIsAPermissionNotBadInput() {
    server.enqueue(new MockResponse.Builder().code(402).addHeader("Content-Type", "application/json")
        .body("{\"success\":false,\"error\":\"Payment required\",\"data\":null}").build());

    assertThat(LayerHarness.failure(() -> once().get("42")).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void aNotFoundWithoutPipedrivesEnvelopeIsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<html>no</html>").build());

    ActionError e = LayerHarness.failure(() -> once().delete("42")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
