package dev.actionlayer.gitlab;

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

/** GitLab's documented error answers (fixtures/) mapped by meaning, one response per call. */
class GitLabErrorMappingTest {
  static final String ID = "my-group/my-project#12";
  static final NewTask SAMPLE = new NewTask("my-group/my-project", "Fix login bug", null);

  /** Epoch second 1714932060. */
  private final LayerHarness harness = new LayerHarness("gitlab", Instant.parse("2024-05-05T18:01:00Z"));
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
    return harness.tasks(GitLab.connector(server.url("/api/v4").uri(), Credentials.bearer("glpat-abc")), p -> p.maxAttempts(1));
  }

  private ActionError fails(String fixture, boolean create) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> {
      if (create) once().create(SAMPLE);
      else once().get(ID);
    }).error();
  }

  @Test
  void unauthorizedIsUnauthenticatedWithTheRequestId() {
    ActionError e = fails("error-401-unauthorized.http", false);

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).isEqualTo("GitLab: 401 Unauthorized");
    assertThat(e.vendorRequestId()).isEqualTo("01JAAAAAAAAAAAAAAAAAAAAAAA");
  }

  @Test
  void anAttributeNotGivenIsAFieldError() {
    ActionError e = fails("error-400-not-given.http", true);

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("title", "not given"));
  }

  @Test
  void aValidationMapBecomesFieldErrors() {
    ActionError e = fails("error-400-validation.http", true);

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("bio", "is too long (maximum is 255 characters)"));
    assertThat(e.message()).isEqualTo("GitLab: bio is too long (maximum is 255 characters);");
  }

  @Test
  void spamIsAnInvalidRequestWithGitLabsWords() {
    ActionError e = fails("error-400-spam.http", true);

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEmpty();
    assertThat(e.message()).contains("recognized as spam");
  }

  @Test
  void forbiddenAndInsufficientScopeArePermissions() {
    assertThat(fails("error-403-must-be-admin.http", false).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    ActionError scope = fails("error-403-insufficient-scope.http", false);

    assertThat(scope.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(scope.vendorCode()).isEqualTo("insufficient_scope");
    assertThat(scope.message()).contains("higher privileges");
  }

  @Test
  void notFoundIsNotFound() {
    assertThat(fails("error-404-not-found.http", false).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void theThrottlesRetryLaterWaitsItsRetryAfter() {
    ActionError e = fails("error-429-retry-later.http", false);

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.message()).doesNotContain("Retry later");
  }

  @Test
  void anApplicationLimitWithoutRetryAfterWaitsUntilRateLimitReset() {
    ActionError e = fails("error-429-endpoint.http", true);

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(e.message()).contains("requested too many times");
  }

  @Test
  void a404WithoutGitLabsJsonIsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>The page could not be found</body></html>").build());

    ActionError e = LayerHarness.failure(() -> once().delete(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.message()).contains("base URI").doesNotContain("<html");
  }
}
