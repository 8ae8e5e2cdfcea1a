package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Jira error shape of the fact sheet, through the public API, to its taxonomy entry. */
class JiraErrorMappingTest {
  private static final String UNAUTHENTICATED_TEXT = "Client must be authenticated to access this resource.";
  private static final String HTML_DEAD_LINK = "<!DOCTYPE html><html><head><title>Oops, you&#39;ve found"
      + " a dead link. - JIRA</title></head><body><h1>Oops, you've found a dead link.</h1></body></html>";
  private static final String HTML_429 = "<html><head><title>Oops - an error has occurred</title></head>"
      + "<body><div id=\"error429\">Something went wrong</div></body></html>";

  private final LayerHarness harness = JiraHarness.create();
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
  private Tasks once() {
    return harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()), p -> p.maxAttempts(1));
  }

  private Tasks retrying() {
    return harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()));
  }

  private static MockResponse.Builder response(int code, String contentType, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(body);
    return contentType == null ? b : b.addHeader("Content-Type", contentType);
  }

  private static MockResponse json(int code, String body) {
    return response(code, "application/json;charset=UTF-8", body).build();
  }

  private static MockResponse html(int code, String body) {
    return response(code, "text/html;charset=UTF-8", body).build();
  }

  private ActionError getFails() {
    return LayerHarness.failure(() -> once().get("PROJ-1")).error();
  }

  @Test
  void verbatimFieldErrorSampleIsInvalidRequestWithCanonicalFieldNames() {
    server.enqueue(Samples.load("/jira/create-issue-400-field-errors.http"));

    ActionError e = LayerHarness.failure(() -> once().create(new NewTask("PROJ", "x", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.fieldErrors()).containsExactly(Map.entry("title", "You must specify a summary of the issue."));
    assertThat(e.message()).isEqualTo("title: You must specify a summary of the issue.");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fieldErrorsKeepJiraNamesWithoutACanonicalOneAndErrorMessagesWin() {
    server.enqueue(json(400, "{\"errorMessages\":[\"Field 'priority' is required\"],\"errors\":{"
        + "\"project\":\"valid project is required\",\"description\":\"Operation value must be an"
        + " Atlassian Document\",\"customfield_10010\":\"Sprint is closed\"},\"status\":400}"));

    ActionError e = LayerHarness.failure(() -> once().create(new NewTask("PROJ", "x", "y"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.message()).isEqualTo("Field 'priority' is required");
    assertThat(e.fieldErrors()).containsExactly(
        Map.entry("project", "valid project is required"),
        Map.entry("description", "Operation value must be an Atlassian Document"),
        Map.entry("customfield_10010", "Sprint is closed"));
  }

  @Test
  void verbatimNotFoundSampleIsNotFound() {
    server.enqueue(Samples.load("/jira/get-issue-404.http"));

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("Issue does not exist or you do not have permission to see it.");
    assertThat(e.vendor()).isEqualTo("jira");
    assertThat(e.operation()).isEqualTo("tasks.get");
  }

  @Test
  void htmlDeadLinkIsAMisconfigurationNotAnAlreadyDeletedIssue() {
    server.enqueue(html(404, HTML_DEAD_LINK));
    Tasks tasks = retrying();

    ActionError e = LayerHarness.failure(() -> tasks.delete("PROJ-1")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.message()).contains("base URI").doesNotContain("<", "Oops");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void verbatimRateLimitSampleIsRateLimitedWithRetryAfterAndReason() {
    server.enqueue(Samples.load("/jira/rate-limit-429-json.http"));

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(e.vendorCode()).isEqualTo("jira-burst-based");
    assertThat(e.message()).isEqualTo("The request has been rate-limited. Please try again later.");
  }

  @Test
  void htmlRateLimitPageIsRateLimitedWithoutTheHtml() {
    server.enqueue(html(429, HTML_429));

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.message()).isEqualTo("Jira rate-limited the request (HTTP 429 with an HTML page)");
  }

  @Test
  void rateLimitResetWithoutRetryAfterGivesTheWaitUntilTheReset() {
    // The harness clock reads 2024-05-05T18:01:00Z.
    server.enqueue(response(429, "application/json", "{\"errorMessages\":[],\"errors\":{}}")
        .addHeader("X-RateLimit-Reset", "2024-05-05T18:02Z")
        .addHeader("RateLimit-Reason", "jira-per-issue-on-write").build());

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(e.vendorCode()).isEqualTo("jira-per-issue-on-write");
  }

  @Test
  void rateLimitResetWithSecondsAndAnOffsetIsUnderstood() {
    server.enqueue(response(429, null, "").addHeader("X-RateLimit-Reset", "2024-05-05T20:01:30+02:00").build());

    assertThat(getFails().retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void aFarFutureResetPausesTheConnectionOnlyUpToTheCeilingThenProbes() {
    server.enqueue(response(429, null, "").addHeader("X-RateLimit-Reset", "2031-01-01T00:00Z").build());
    Tasks tasks = once();

    ActionError e = LayerHarness.failure(() -> tasks.get("PROJ-1")).error();
    ActionError paused = LayerHarness.failure(() -> tasks.get("PROJ-1")).error();

    Duration ceiling = dev.actionlayer.ConnectionPolicy.defaults().maxCooldown();
    assertThat(e.retryAfter()).contains(ceiling);
    assertThat(e.message()).contains("ceiling on a pause");
    assertThat(paused.message()).contains("nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(1);
    harness.time().advance(ceiling);
    server.enqueue(json(200, "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"fields\":{\"summary\":\"s\"}}"));
    assertThat(tasks.get("PROJ-1").id()).isEqualTo("10000");
  }

  @Test
  void aResetInThePastPausesNothing() {
    server.enqueue(response(429, null, "").addHeader("X-RateLimit-Reset", "2020-01-01T00:00Z").build());
    server.enqueue(json(200, "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"fields\":{\"summary\":\"s\"}}"));
    Tasks tasks = once();

    ActionError e = LayerHarness.failure(() -> tasks.get("PROJ-1")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).isEmpty();
    assertThat(tasks.get("PROJ-1").id()).isEqualTo("10000");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void quotaReasonIsQuotaExhaustedKeepingTheWaitAndIsNotRetried() {
    server.enqueue(Samples.load("/jira/rate-limit-429-json.http").newBuilder()
        .removeHeader("Retry-After").removeHeader("RateLimit-Reason").removeHeader("X-RateLimit-Reset")
        .addHeader("X-Beta-Ratelimit-Reason", "jira-quota-tenant-based")
        .addHeader("X-Beta-Ratelimit-Reset", "2024-05-05T19:00Z").build());
    Tasks tasks = retrying();

    ActionError e = LayerHarness.failure(() -> tasks.get("PROJ-1")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
    // The reset is 59 min away, past the connection's ceiling on a pause: it probes after that.
    assertThat(e.retryAfter()).contains(dev.actionlayer.ConnectionPolicy.defaults().maxCooldown());
    assertThat(e.message()).contains("asked to wait 3540 s");
    assertThat(e.vendorCode()).isEqualTo("jira-quota-tenant-based");
    assertThat(e.message()).contains("quota", "The request has been rate-limited.");
    assertThat(server.getRequestCount()).isEqualTo(1);

    // The spent quota pauses the connection, and later callers hear why, without sending.
    ActionError later = LayerHarness.failure(() -> tasks.get("PROJ-2")).error();
    assertThat(later.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(later.message()).contains("quota ran out", "nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serviceUnavailableWithRetryAfterIsRetriedAfterExactlyThatDelayThenSucceeds() {
    server.enqueue(response(503, "text/html", "<html><body>Service Unavailable</body></html>")
        .addHeader("Retry-After", "7").build());
    server.enqueue(json(201, "{\"id\":\"10000\",\"key\":\"PROJ-1\",\"self\":\"x\"}"));

    Task task = retrying().create(new NewTask("PROJ", "Fix login bug", null));

    assertThat(task.id()).isEqualTo("10000");
    assertThat(harness.time().sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void serviceUnavailableIsUnavailableWithItsRetryAfter() {
    server.enqueue(response(503, null, "").addHeader("Retry-After", "12").build());

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    assertThat(e.message()).isEqualTo("HTTP 503 with an empty body");
  }

  @Test
  void plainTextUnauthorizedIsUnauthenticated() {
    server.enqueue(response(401, "text/plain;charset=UTF-8", UNAUTHENTICATED_TEXT)
        .addHeader("WWW-Authenticate", "Basic realm=\"protected-area\"")
        .addHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED").build());

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("Jira rejected the credentials: " + UNAUTHENTICATED_TEXT);
  }

  @Test
  void unauthorizedTextWithoutAContentTypeIsReadToo() {
    server.enqueue(response(401, null, UNAUTHENTICATED_TEXT + "\n").build());

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).isEqualTo("Jira rejected the credentials: " + UNAUTHENTICATED_TEXT);
  }

  @Test
  void jsonUnauthorizedVariantsReadTheSame() {
    server.enqueue(json(401, "{\"message\":\"" + UNAUTHENTICATED_TEXT + "\",\"status-code\":401}"));
    server.enqueue(json(401, "{\"errorMessages\":[\"" + UNAUTHENTICATED_TEXT + "\"],\"errors\":{}}"));

    ActionError legacy = getFails();
    ActionError collection = getFails();

    assertThat(legacy.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(collection.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(legacy.message()).isEqualTo("Jira rejected the credentials: " + UNAUTHENTICATED_TEXT);
    assertThat(collection.message()).isEqualTo(legacy.message());
  }

  @Test
  void forbiddenIsPermissionDeniedWithJirasMessage() {
    server.enqueue(response(403, "text/plain", "You do not have permission to delete issues in this project.").build());
    server.enqueue(json(403, "{\"errorMessages\":[\"You do not have permission to create issues in this project.\"],\"errors\":{}}"));
    Tasks tasks = once();

    ActionError plain = LayerHarness.failure(() -> tasks.delete("PROJ-1")).error();
    ActionError json = LayerHarness.failure(() -> tasks.create(new NewTask("PROJ", "x", null))).error();

    assertThat(plain.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(plain.message()).isEqualTo("You do not have permission to delete issues in this project.");
    assertThat(json.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(json.message()).isEqualTo("You do not have permission to create issues in this project.");
  }

  @Test
  void deletingAnIssueWithSubtasksIsInvalidRequestWithJirasMessage() {
    // The message is illustrative; the status and shape are from the spec (delete 400 with subtasks).
    server.enqueue(json(400, "{\"errorMessages\":[\"The issue has subtasks. Set deleteSubtasks to true"
        + " to delete the issue with its subtasks.\"],\"errors\":{}}"));

    ActionError e = LayerHarness.failure(() -> once().delete("PROJ-1")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).startsWith("The issue has subtasks.");
  }

  @Test
  void serverErrorPagesEmptyBodiesAndTruncatedJsonGetPreciseCodesAndSafeMessages() {
    server.enqueue(html(500, "<html><body><h1>Internal error</h1><pre>stack trace</pre></body></html>"));
    server.enqueue(response(502, null, "").build());
    server.enqueue(html(504, "<!DOCTYPE html><title>Gateway Timeout</title>"));
    server.enqueue(json(500, "{\"errorMessages\":[\"Internal server err"));

    ActionError page = getFails();
    ActionError empty = getFails();
    ActionError gateway = getFails();
    ActionError truncated = getFails();

    assertThat(page.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(page.message()).isEqualTo("HTTP 500 with an HTML page");
    assertThat(empty.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(empty.message()).isEqualTo("HTTP 502 with an empty body");
    assertThat(gateway.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(gateway.message()).isEqualTo("HTTP 504 with an HTML page");
    assertThat(truncated.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(truncated.message()).isEqualTo("HTTP 500 with a JSON body");
  }

  @Test
  void requestIdComesFromXArequestid() {
    server.enqueue(Samples.load("/jira/get-issue-404.http").newBuilder()
        .addHeader("X-AREQUESTID", "a1b2c3d4-1234-5678-9abc-def012345678").build());

    assertThat(getFails().vendorRequestId()).isEqualTo("a1b2c3d4-1234-5678-9abc-def012345678");
  }

  @Test
  void longVendorMessagesAreCappedToOneShortLine() {
    String longText = "x".repeat(2000) + "\r\nX-Injected: 1";
    server.enqueue(json(400, "{\"errorMessages\":[\"" + longText.replace("\r\n", "\\r\\n") + "\"],"
        + "\"errors\":{\"summary\":\"" + "y".repeat(2000) + "\"}}"));

    ActionError e = getFails();

    assertThat(e.message()).hasSizeLessThanOrEqualTo(300).doesNotContain("\r", "\n");
    assertThat(e.fieldErrors().get("title")).hasSizeLessThanOrEqualTo(300);
  }

}
