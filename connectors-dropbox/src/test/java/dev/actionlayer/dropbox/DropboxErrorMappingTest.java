package dev.actionlayer.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dropbox's documented error answers (test resources {@code fixtures/}), mapped by meaning. */
class DropboxErrorMappingTest {
  static final String ID = "id:a4ayc_80_OEAAAAAAAAAXz";

  private final LayerHarness harness = new LayerHarness("dropbox", Instant.parse("2026-11-25T10:00:00Z"));
  private final MockWebServer server = new MockWebServer();
  private Folders folders;

  @BeforeEach
  void start() throws IOException {
    server.start();
    folders = harness.folders(Dropbox.connector(server.url("/2").uri(), Credentials.bearer("token")), p -> p.maxAttempts(1));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private ActionError getFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> folders.get(ID)).error();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void aMissingScopeIsPermissionDeniedWhetherPlainTextOr401() {
    ActionError text = getFails("error-400-missing-scope.http");
    assertThat(text.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(text.message()).startsWith("Dropbox: Error in call to API function \"files/list_folder\": Your app is not");

    assertThat(getFails("error-401-missing-scope.http").code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void otherPlainText400sAreInvalidRequests() {
    ActionError e = getFails("error-400-malformed-auth.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void anAuthErrorIsUnauthenticated() {
    ActionError e = getFails("error-401-user-suspended.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("user_suspended");
  }

  @Test
  void anAccessErrorIsPermissionDenied() {
    assertThat(getFails("error-403-access-error.http").code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void rateLimitsHonourRetryAfterInJsonOrPlainText() {
    ActionError json = getFails("error-429-json.http");
    assertThat(json.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(json.retryAfter()).contains(Duration.ofSeconds(10));
    assertThat(json.vendorCode()).isEqualTo("too_many_requests");

    ActionError text = getFails("error-429-plain.http");
    assertThat(text.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(text.retryAfter()).contains(Duration.ofSeconds(10));
  }

  @Test
  void withoutAHeaderTheBodysRetryAfterIsUsed() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body(Samples.body("/fixtures/error-429-json.http")).build());

    assertThat(LayerHarness.failure(() -> folders.get(ID)).error().retryAfter()).contains(Duration.ofSeconds(300));
  }

  /** Found by fuzzing (docs/fuzzing.md): a negative retry_after made the mapper throw. */
  @Test
  void aNegativeRetryAfterInTheBodyIsIgnored() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body("{\"error_summary\": \"too_many_requests/..\", \"error\": {\"retry_after\": -15}}").build());

    ActionError e = LayerHarness.failure(() -> folders.get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.vendorCode()).isEqualTo("too_many_requests");
    assertThat(e.message()).doesNotContain("failed to read");
  }

  @Test
  void pathNotFoundIsNotFound() {
    ActionError e = getFails("error-409-path-not-found.http");

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.vendorCode()).isEqualTo("path/not_found");
    assertThat(e.message()).isEqualTo("Dropbox: path/not_found");
  }

  @Test
  void aConflictOnCreateIsReadBackAndAFilledFolderStaysAConflict() {
    server.enqueue(Samples.load("/fixtures/error-409-path-conflict-folder.http"));
    server.enqueue(json("{\".tag\":\"folder\",\"name\":\"Ada\",\"id\":\"" + ID + "\",\"path_lower\":\"/ada\","
        + "\"path_display\":\"/Ada\"}"));
    server.enqueue(json("{\"entries\":[{\".tag\":\"file\",\"name\":\"notes.txt\",\"id\":\"id:x\"}],\"cursor\":\"c\","
        + "\"has_more\":false}"));

    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("Ada", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("path/conflict/folder");
    assertThat(e.fieldErrors()).containsKey("name");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anInvalidatedCursorNamesTheCursor() {
    server.enqueue(Samples.load("/fixtures/error-409-list-reset.http"));

    ActionError e = LayerHarness.failure(() -> folders.list(new FolderQuery(null, null, 0, "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsKey("cursor");
  }

  @Test
  void aFullAccountIsQuotaExhausted() {
    server.enqueue(new MockResponse.Builder().code(409).addHeader("Content-Type", "application/json")
        .body("{\"error_summary\": \"path/insufficient_space/..\", \"error\": {\".tag\": \"path\"}}").build());
    assertThat(LayerHarness.failure(() -> folders.create(new NewFolder("Ada", null))).error().code())
        .isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
  }

  @Test
  void tooManyWriteOperationsIsARetryableRateLimit() {
    server.enqueue(new MockResponse.Builder().code(409).addHeader("Content-Type", "application/json")
        .body("{\"error_summary\": \"too_many_write_operations/..\", \"error\": {\".tag\": \"too_many_write_operations\"}}")
        .build());
    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("Ada", null))).error();
    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void a404IsAWrongBaseUriNeverNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<html>no</html>").build());

    ActionError e = LayerHarness.failure(() -> folders.get(ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
  }
}
