package dev.actionlayer.github;

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

/** GitHub's documented error answers (fixtures/) mapped by meaning, one response per call. */
class GitHubErrorMappingTest {
  static final String ID = "octo-org/hello-world#1347";
  static final NewTask SAMPLE = new NewTask("octo-org/hello-world", "Fix login bug", null);

  /** 2024-05-05T18:01:00Z is epoch second 1714932060: the primary-limit fixture resets two minutes later. */
  private final LayerHarness harness = new LayerHarness("github", Instant.parse("2024-05-05T18:01:00Z"));
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
    return harness.tasks(GitHub.connector(server.url("/").uri(), Credentials.bearer("ghp_abc")), p -> p.maxAttempts(1));
  }

  private ActionError getFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().get(ID)).error();
  }

  @Test
  void badCredentialsAreUnauthenticatedWithGitHubsMessageAndRequestId() {
    ActionError e = getFails("error-401-bad-credentials.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("GitHub: Bad credentials");
    assertThat(e.vendorRequestId()).isEqualTo("CAFE:1:F00D");
  }

  @Test
  void aResourceNotAccessibleIsAPermissionNotARateLimit() {
    ActionError e = getFails("error-403-not-accessible.http");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aSecondaryRateLimitIsRateLimitedForItsRetryAfter() {
    ActionError e = getFails("error-403-secondary-rate-limit.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void aSecondaryRateLimitWithoutRetryAfterWaitsAMinuteAsGitHubAsks() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());

    ActionError e = LayerHarness.failure(() -> once().get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
  }

  @Test
  void theSpentPrimaryLimitWaitsUntilItsReset() {
    ActionError e = getFails("error-403-primary-rate-limit.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
  }

  @Test
  void validationFailedNamesTheCanonicalField() {
    server.enqueue(Samples.load("/fixtures/error-422-validation-failed.http"));

    ActionError e = LayerHarness.failure(() -> once().create(SAMPLE)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("title", "missing_field"));
    assertThat(e.vendorCode()).isEqualTo("missing_field");
    assertThat(e.message()).isEqualTo("GitHub: Validation Failed");
  }

  @Test
  void notFoundAndGoneAreNotFound() {
    assertThat(getFails("error-404-not-found.http").code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(getFails("error-410-gone.http").code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void a404WithoutGitHubsJsonIsAWrongBaseUriNotADeletedIssue() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>Not Found</body></html>").build());

    ActionError e = LayerHarness.failure(() -> once().get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.message()).contains("base URI").doesNotContain("<html");
  }

  @Test
  void aDeleteRefusedByGraphQLWithA200IsPermissionDeniedNotASuccess() {
    server.enqueue(issue());
    server.enqueue(Samples.load("/fixtures/graphql-200-forbidden.http"));

    ActionError e = LayerHarness.failure(() -> once().delete(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.vendorCode()).isEqualTo("FORBIDDEN");
    assertThat(e.message()).contains("does not have the correct permissions");
  }

  @Test
  void aDeleteGraphQLCannotResolveIsNotFound() {
    server.enqueue(issue());
    server.enqueue(Samples.load("/fixtures/graphql-200-not-found.http"));

    assertThat(LayerHarness.failure(() -> once().delete(ID)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aDeleteOfAnIssueTheLookFindsGoneIsNotFoundAndSendsNoMutation() {
    server.enqueue(Samples.load("/fixtures/error-410-gone.http"));

    assertThat(LayerHarness.failure(() -> once().delete(ID)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static MockResponse issue() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"number\":1347,\"node_id\":\"I_kwDOA\",\"title\":\"Fix\",\"state\":\"open\","
            + "\"repository_url\":\"https://api.github.com/repos/octo-org/hello-world\"}").build();
  }
}
