package dev.actionlayer.todoist;

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

/** Todoist's error objects (fixtures/) mapped by meaning: tag, argument, retry_after. */
class TodoistErrorMappingTest {
  private final LayerHarness harness = new LayerHarness("todoist", Instant.parse("2025-01-07T10:00:00Z"));
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
    return harness.tasks(Todoist.connector(server.url("/api/v1").uri(), Credentials.bearer("t0ken")), p -> p.maxAttempts(1));
  }

  private ActionError create(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> once().create(new NewTask("6Jf8VQXxpwv56VQ7", "Fix login bug", null))).error();
  }

  @Test
  void aDeletedUsersTokenIsUnauthenticatedAndNotRetried() {
    ActionError e = create("error-403-user-deleted.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("AUTH_USER_DELETED");
    assertThat(e.message()).isEqualTo("Todoist: User deleted");
  }

  @Test
  void theMissingArgumentIsAFieldErrorUnderItsCanonicalName() {
    ActionError e = create("error-400-argument-missing.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of("title", "Required argument is missing"));
  }

  @Test
  void retryAfterInTheBodyIsHonouredWithoutTheHeader() {
    ActionError e = create("error-429-retry-after.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void aMissingTaskIsNotFoundButA404WithoutTodoistsObjectIsAWrongBaseUri() {
    server.enqueue(Samples.load("/fixtures/error-404-task-not-found.http"));
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<html>nope</html>").build());

    ActionError missing = LayerHarness.failure(() -> once().get("6Xt0000000000001")).error();
    ActionError foreign = LayerHarness.failure(() -> once().delete("6Xt0000000000001")).error();

    assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(missing.message()).isEqualTo("Todoist: Task not found");
    assertThat(foreign.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(foreign.retryable()).isFalse();
    assertThat(foreign.message()).contains("base URI").doesNotContain("<html");
  }
}
