package dev.actionlayer.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Tasks;
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

/** Linear's error answers (fixtures/) mapped by their extensions, with HTTP 400 and with HTTP 200. */
class LinearErrorMappingTest {
  static final String ID = "2c4e8f1a-9b3d-4e5f-8a7b-1c2d3e4f5a6b";
  static final NewTask SAMPLE = new NewTask("9cfb482a-81e3-4154-b5b9-2c805e70a02d", "Fix login bug", null);

  /** Epoch millisecond 1714932060000. */
  private final LayerHarness harness = new LayerHarness("linear", Instant.parse("2024-05-05T18:01:00Z"));
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

  private Tasks once() {
    return harness.tasks(Linear.connector(server.url("/").uri(), Credentials.bearer("lin_oauth_abc")), p -> p.maxAttempts(1));
  }

  private ActionError getFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().get(ID)).error();
  }

  private ActionError createFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().create(SAMPLE)).error();
  }

  @Test
  void anAuthenticationErrorIsUnauthenticatedWhateverTheStatus() {
    ActionError e = getFails("error-400-authentication.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.vendorCode()).isEqualTo("AUTHENTICATION_ERROR");
    assertThat(e.message()).isEqualTo("Linear: You need to authenticate to access this operation.");
  }

  @Test
  void forbiddenIsAPermission() {
    ActionError e = createFails("error-400-forbidden.http");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void ratelimitedWaitsUntilTheRequestsResetInMilliseconds() {
    ActionError e = getFails("error-400-ratelimited.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(45));
  }

  @Test
  void aValidationErrorNamesTheCanonicalField() {
    ActionError e = createFails("error-400-validation.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("title", "title should not be empty"));
  }

  @Test
  void thePlansUsageLimitIsAQuota() {
    ActionError e = createFails("error-400-usage-limit.http");

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.message()).contains("issue limit");
  }

  @Test
  void entityNotFoundWithHttp200IsNotFound() {
    ActionError e = getFails("graphql-200-entity-not-found.http");

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.httpStatus()).isEqualTo(200);
  }

  @Test
  void aDeleteWhose200SaysEntityNotFoundIsNotFoundNotASuccess() {
    server.enqueue(Samples.load("/fixtures/graphql-200-entity-not-found.http"));

    assertThat(LayerHarness.failure(() -> once().delete(ID)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aDeleteWithoutSuccessIsNeverReadAsDone() {
    server.enqueue(json(200, "{\"data\":{\"issueDelete\":{\"success\":false}}}"));

    ActionError e = LayerHarness.failure(() -> once().delete(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aRateLimitInA200IsStillARateLimit() {
    server.enqueue(json(200, "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"RATELIMITED\"}}]}"));

    assertThat(LayerHarness.failure(() -> once().get(ID)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void a404WithoutLinearsJsonIsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>Cannot POST /graphql</body></html>").build());

    ActionError e = LayerHarness.failure(() -> once().delete(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.message()).contains("base URI").doesNotContain("<html");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
