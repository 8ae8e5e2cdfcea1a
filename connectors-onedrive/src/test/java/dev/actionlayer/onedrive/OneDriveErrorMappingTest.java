package dev.actionlayer.onedrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Graph's documented error answers (test resources {@code fixtures/}), mapped by meaning. */
class OneDriveErrorMappingTest {
  private final LayerHarness harness = new LayerHarness("onedrive", Instant.parse("2026-11-25T10:00:00Z"));
  private final MockWebServer server = new MockWebServer();
  private Folders folders;

  @BeforeEach
  void start() throws IOException {
    server.start();
    folders = harness.folders(OneDrive.connector(server.url("/v1.0").uri(), Credentials.bearer("token")),
        p -> p.maxAttempts(1));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private ActionError getFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> folders.get("01ABC")).error();
  }

  private static MockResponse item(long childCount) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"id\":\"01EXISTING\",\"name\":\"Ada Lovelace\",\"parentReference\":{\"id\":\"01PARENT\"},"
            + "\"webUrl\":\"https://contoso-my.sharepoint.com/x\",\"folder\":{\"childCount\":" + childCount + "}}")
        .build();
  }

  @Test
  void nameAlreadyExistsIsReadBackByPathAndAnEmptyFolderIsTheCreatedOne() throws Exception {
    server.enqueue(Samples.load("/fixtures/error-409-name-already-exists.http"));
    server.enqueue(item(0));

    Folder folder = folders.create(new NewFolder("Ada Lovelace", "01PARENT"));

    assertThat(folder.id()).isEqualTo("01EXISTING");
    server.takeRequest();
    RecordedRequest readBack = server.takeRequest();
    assertThat(readBack.getMethod()).isEqualTo("GET");
    assertThat(readBack.getTarget()).isEqualTo("/v1.0/me/drive/items/01PARENT:/Ada%20Lovelace");
  }

  @Test
  void nameAlreadyExistsForAFolderWithContentIsAConflictNamingTheField() {
    server.enqueue(Samples.load("/fixtures/error-409-name-already-exists.http"));
    server.enqueue(item(4));

    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("Ada Lovelace", "01PARENT"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("nameAlreadyExists");
    assertThat(e.fieldErrors()).containsKey("name");
    assertThat(e.vendorRequestId()).isEqualTo("b108daec-42ac-48a8-a285-7cbe36e20c86");
    assertThat(e.message()).isEqualTo("OneDrive: The specified item name already exists.");
  }

  @Test
  void anInvalidTokenIsUnauthenticated() {
    ActionError e = getFails("error-401-invalid-token.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    // The code's name contains "Token": the pipeline's redaction keeps such words out of errors.
  }

  @Test
  void throttlingIsRateLimitedWithRetryAfter() {
    ActionError e = getFails("error-429-throttled.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
    assertThat(e.vendorRequestId()).isEqualTo("94fb3b52-452a-4535-a601-69e0a90e3aa2");
  }

  @Test
  void theDocumentedErrorBodyKeepsGraphsMessageAndCode() {
    ActionError e = getFails("error-416-invalid-range.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("invalidRange");
    assertThat(e.message()).isEqualTo("OneDrive: Uploaded fragment overlaps with existing data.");
  }

  @Test
  void aNestedInnerErrorIsRead() {
    ActionError e = getFails("error-400-nested-innererror.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("invalidRange");
  }

  @Test
  void aFullDriveIsQuotaExhausted() {
    ActionError e = getFails("error-507-quota.http");

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void serviceNotAvailableIsRetryableWithRetryAfter() {
    ActionError e = getFails("error-503-service-not-available.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
  }

  @Test
  void itemNotFoundIsNotFoundButA404WithoutGraphsJsonIsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"code\":\"itemNotFound\",\"message\":\"Item not found\"}}").build());
    assertThat(LayerHarness.failure(() -> folders.get("01ABC")).error().code()).isEqualTo(ErrorCode.NOT_FOUND);

    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>404</body></html>").build());
    ActionError e = LayerHarness.failure(() -> folders.get("01ABC")).error();
    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
  }
}
