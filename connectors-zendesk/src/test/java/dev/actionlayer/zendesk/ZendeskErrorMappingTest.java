package dev.actionlayer.zendesk;

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

/** Zendesk's error answers (fixtures) mapped by meaning. */
class ZendeskErrorMappingTest {
  private static final NewContact SAMPLE = new NewContact("Ada", "Lovelace", null);

  private final LayerHarness harness = new LayerHarness("zendesk", Instant.parse("2026-11-25T10:00:00Z"));
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
    return harness.contacts(Zendesk.connector(server.url("/").uri(), Credentials.basic("agent@example.com/token", "t0k")),
        p -> p.maxAttempts(1));
  }

  private ActionError fails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().create(SAMPLE)).error();
  }

  @Test
  void aPlainTextRateLimitIsRateLimitedWithItsRetryAfter() {
    ActionError e = fails("error-429-plain.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(93));
    assertThat(e.message()).doesNotContain("Number of allowed");
  }

  @Test
  void thePerUserLimitIsARateLimitAndItsBodyIsNeverQuoted() {
    ActionError e = fails("error-429-unique-user.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.message()).doesNotContain("external_id");
  }

  @Test
  void theDocumentedValidationExampleKeepsZendesksFieldName() {
    ActionError e = fails("error-422-documented.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("RecordInvalid");
    assertThat(e.fieldErrors()).isEqualTo(Map.of("value", "can't be blank"));
    assertThat(e.message()).isEqualTo("Zendesk: RecordInvalid: RecordValidation errors");
  }

  @Test
  void aDuplicateEmailIsAConflictOnEmail() {
    ActionError e = fails("error-422-duplicate-email.http");

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("DuplicateValue");
    assertThat(e.fieldErrors()).containsEntry("email", "Email: ada@example.com is already being used by another user");
  }

  @Test
  void badCredentialsAreUnauthenticated() {
    ActionError e = fails("error-401.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).isEqualTo("Zendesk: Couldn't authenticate you");
  }

  @Test
  void theNestedForbiddenShapeIsPermissionDenied() {
    ActionError e = fails("error-403.http");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.vendorCode()).isEqualTo("Forbidden");
    assertThat(e.message()).startsWith("Zendesk: You do not have access to this page.");
  }

  @Test
  void aMissingUserIsNotFoundButAForeign404IsNot() {
    server.enqueue(Samples.load("/fixtures/error-404.http"));
    assertThat(LayerHarness.failure(() -> once().get("123")).code()).isEqualTo(ErrorCode.NOT_FOUND);

    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<html>no</html>").build());
    assertThat(LayerHarness.failure(() -> once().delete("123")).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  void aDeactivatedUserReadsAsNotFound() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"user\":{\"id\":123,\"name\":\"Ada Lovelace\",\"active\":false}}").build());

    assertThat(LayerHarness.failure(() -> once().get("123")).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
