package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each Google Drive error shape of the fact sheet, through the public API, to its taxonomy entry. */
class DriveErrorMappingTest {
  private static final String ID = DriveWireFormatTest.ID_1;

  private final LayerHarness harness = DriveHarness.create();
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
  private Folders once() {
    return harness.folders(GoogleDrive.connector(server.url("/").uri(), DriveHarness.bearer()), p -> p.maxAttempts(1));
  }

  private Folders retrying() {
    return harness.folders(GoogleDrive.connector(server.url("/").uri(), DriveHarness.bearer()));
  }

  private static MockResponse response(int code, String contentType, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(body);
    return (contentType == null ? b : b.addHeader("Content-Type", contentType)).build();
  }

  /** Google's classic envelope, as in the fact sheet's 404 and 429 samples. */
  static String envelope(int code, String domain, String reason, String message, String location) {
    return "{\n \"error\": {\n  \"errors\": [\n   {\n    \"domain\": \"" + domain + "\",\n"
        + "    \"reason\": \"" + reason + "\",\n    \"message\": \"" + message + "\""
        + (location == null ? "" : ",\n    \"locationType\": \"other\",\n    \"location\": \"" + location + "\"")
        + "\n   }\n  ],\n  \"code\": " + code + ",\n  \"message\": \"" + message + "\"\n }\n}";
  }

  private ActionError getFails(MockResponse response) {
    server.enqueue(response);
    return LayerHarness.failure(() -> once().get(ID)).error();
  }

  @Test
  void verbatimAuthErrorSampleIsUnauthenticated() {
    ActionError e = getFails(Samples.load("/gdrive/auth-error-401.http"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.vendorCode()).isEqualTo("authError");
    assertThat(e.message()).startsWith("Google rejected the credentials: Request had invalid authentication credentials.");
    assertThat(e.fieldErrors()).isEmpty();
  }

  @Test
  void legacyAuthErrorWithTheDocsTrailingCommaIsStillUnauthenticated() {
    ActionError e = getFails(response(401, "application/json; charset=UTF-8", "{\"error\":{\"errors\":[{\"domain\":"
        + "\"global\",\"reason\":\"authError\",\"message\":\"Invalid Credentials\",\"locationType\":\"header\","
        + "\"location\":\"Authorization\",}],\"code\":401,\"message\":\"Invalid Credentials\"}}"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).contains("Google rejected the credentials").doesNotContain("{");
  }

  @Test
  void verbatimInsufficientScopesSampleIsPermissionDeniedAndNotRetried() {
    server.enqueue(Samples.load("/gdrive/insufficient-scopes-403.http"));

    ActionError e = LayerHarness.failure(() -> retrying().get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("insufficientPermissions");
    assertThat(e.message()).isEqualTo("Request had insufficient authentication scopes.");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void verbatimNotFoundSampleIsNotFoundWithDrivesMessage() {
    ActionError e = getFails(Samples.load("/gdrive/not-found-404.http"));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("notFound");
    assertThat(e.message()).isEqualTo("File not found: fake-file-id1.");
    assertThat(e.fieldErrors()).isEmpty();
  }

  @Test
  void verbatimRateLimitSampleIsRateLimitedAndRetried() {
    server.enqueue(Samples.load("/gdrive/rate-limit-429.http"));
    server.enqueue(DriveWireFormatTest.folder(ID, "Back", DriveWireFormatTest.PARENT, false));

    Folder folder = retrying().get(ID);

    assertThat(folder.name()).isEqualTo("Back");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(harness.time().sleeps()).hasSize(1);
  }

  @Test
  void verbatimRateLimitSampleMapsToRetryableRateLimited() {
    ActionError e = getFails(Samples.load("/gdrive/rate-limit-429.http"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("rateLimitExceeded");
    assertThat(e.message()).isEqualTo("Rate Limit Exceeded");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "403, usageLimits, userRateLimitExceeded, RATE_LIMITED, true",
      "403, usageLimits, rateLimitExceeded, RATE_LIMITED, true",
      "429, usageLimits, userRateLimitExceeded, RATE_LIMITED, true",
      "403, usageLimits, dailyLimitExceeded, QUOTA_EXHAUSTED, false",
      "403, usageLimits, quotaExceeded, QUOTA_EXHAUSTED, false",
      "403, global, storageQuotaExceeded, QUOTA_EXHAUSTED, false",
      "403, global, insufficientPermissions, PERMISSION_DENIED, false",
      "403, global, insufficientFilePermissions, PERMISSION_DENIED, false",
      "403, global, forbidden, PERMISSION_DENIED, false",
      "403, global, domainPolicy, PERMISSION_DENIED, false",
      "403, global, appNotAuthorizedToFile, PERMISSION_DENIED, false",
      "404, global, notFound, NOT_FOUND, false",
      "403, global, authError, UNAUTHENTICATED, false",
      "401, global, required, UNAUTHENTICATED, false",
      "409, global, fileIdInUse, CONFLICT, false",
      "403, global, fieldNotWritable, INVALID_REQUEST, false",
      "403, global, parentNotAFolder, INVALID_REQUEST, false",
      "403, global, cannotAddParent, PERMISSION_DENIED, false",
      "500, global, backendError, UPSTREAM_ERROR, true",
      "503, global, backendError, UNAVAILABLE, true",
      "400, global, someNewReason, INVALID_REQUEST, false",
      "403, global, someNewReason, PERMISSION_DENIED, false"})
  void reasonsMapByMeaning(int status, String domain, String reason, ErrorCode code, boolean retryable) {
    ActionError e = getFails(response(status, "application/json; charset=UTF-8",
        envelope(status, domain, reason, "Something about " + reason, null)));

    assertThat(e.code()).isEqualTo(code);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.vendorCode()).isEqualTo(reason);
  }

  @Test
  void a403UserRateLimitIsRetriedLikeA429() {
    server.enqueue(response(403, "application/json; charset=UTF-8",
        envelope(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded", null)));
    server.enqueue(DriveWireFormatTest.folder(ID, "Back", DriveWireFormatTest.PARENT, false));

    assertThat(retrying().get(ID).id()).isEqualTo(ID);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aDailyLimitIsNeverRetried() {
    server.enqueue(response(403, "application/json; charset=UTF-8",
        envelope(403, "usageLimits", "dailyLimitExceeded", "Daily Limit Exceeded", null)));

    ActionError e = LayerHarness.failure(() -> retrying().get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theStatusNameDecidesWhenNoReasonIsKnown() {
    ActionError e = getFails(response(403, "application/json", "{\"error\":{\"code\":403,"
        + "\"message\":\"Quota exceeded for quota metric 'Queries'.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.vendorCode()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void aBadRequestOnCreateNamesTheCanonicalFieldAndIsNotRepeated() {
    server.enqueue(DriveWireFormatTest.generatedIds(ID));
    server.enqueue(response(400, "application/json; charset=UTF-8",
        envelope(400, "global", "badRequest", "Invalid parent folder", "parents")));

    ActionError e = LayerHarness.failure(() -> retrying().create(
        new NewFolder("x", DriveWireFormatTest.PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("badRequest");
    assertThat(e.fieldErrors()).containsExactly(Map.entry("parentId", "Invalid parent folder"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aBadRequestCarriesEveryLocatedItemUnderCanonicalNames() {
    ActionError e = getFails(response(400, "application/json; charset=UTF-8", "{\"error\":{\"errors\":["
        + "{\"domain\":\"global\",\"reason\":\"required\",\"message\":\"Required\",\"locationType\":\"other\",\"location\":\"name\"},"
        + "{\"domain\":\"global\",\"reason\":\"invalid\",\"message\":\"Invalid Value\",\"locationType\":\"other\",\"location\":\"parents\"},"
        + "{\"domain\":\"global\",\"reason\":\"badRequest\",\"message\":\"Bad Request\",\"locationType\":\"parameter\",\"location\":\"fields\"}],"
        + "\"code\":400,\"message\":\"Required\"}}"));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("required");
    assertThat(e.fieldErrors()).containsExactly(Map.entry("name", "Required"),
        Map.entry("parentId", "Invalid Value"), Map.entry("fields", "Bad Request"));
    assertThat(e.message()).isEqualTo("Required");
  }

  @Test
  void theGoogleFrontEndsHtml502PageIsUnavailableWithItsTitleOnly() {
    ActionError e = getFails(Samples.load("/gdrive/bad-gateway-502.http"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.vendorCode()).isEmpty();
    assertThat(e.message()).isEqualTo("Google answered HTTP 502 with an HTML page (\"Error 502 (Server Error)!!1\")");
  }

  @Test
  void a403WithAnHtmlOrEmptyBodyIsPermissionDeniedNeverAGuessedRateLimit() {
    server.enqueue(response(403, "text/html; charset=UTF-8", "<html><body>Forbidden</body></html>"));
    server.enqueue(response(403, null, ""));
    Folders folders = retrying();

    ActionError html = LayerHarness.failure(() -> folders.get(ID)).error();
    ActionError empty = LayerHarness.failure(() -> folders.get(ID)).error();

    assertThat(html.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(html.retryable()).isFalse();
    assertThat(empty.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(empty.message()).isEqualTo("Google answered HTTP 403 with an empty body");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTruncatedJsonBodyFallsBackToTheStatus() {
    ActionError e = getFails(response(403, "application/json", "{\"error\":{\"errors\":[{\"domain\":\"usageLimits\","
        + "\"reason\":\"userRateLimitExceeded\""));

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.message()).isEqualTo("Google answered HTTP 403 with a JSON body");
  }

  @Test
  void anHtml404IsAWrongBaseUriNotAMissingFolder() {
    ActionError e = getFails(response(404, "text/html; charset=UTF-8",
        "<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p>That's an error.</html>"));

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).contains("Error 404 (Not Found)!!1", "base URI").doesNotContain("<");
  }

  @Test
  void messagesAreOneLineAndCapped() {
    String longMessage = "x".repeat(5000);
    ActionError e = getFails(response(400, "application/json",
        "{\"error\":{\"code\":400,\"message\":\"line one\\nline two " + longMessage + "\",\"errors\":[]}}"));

    assertThat(e.message()).startsWith("line one line two xxx").hasSizeLessThanOrEqualTo(300);
  }
}
