package dev.actionlayer.box;

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

/** Box's documented error answers (test resources {@code fixtures/}), mapped by meaning. */
class BoxErrorMappingTest {
  private final LayerHarness harness = new LayerHarness("box", Instant.parse("2026-11-25T10:00:00Z"));
  private final MockWebServer server = new MockWebServer();
  private Folders folders;

  @BeforeEach
  void start() throws IOException {
    server.start();
    folders = harness.folders(Box.connector(server.url("/2.0").uri(), Credentials.bearer("token")), p -> p.maxAttempts(1));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private ActionError getFails(String fixture) {
    server.enqueue(Samples.load("/fixtures/" + fixture));
    return LayerHarness.failure(() -> folders.get("123")).error();
  }

  @Test
  void itemNameInUseNamingAnEmptyFolderIsThatFolder() throws Exception {
    server.enqueue(Samples.load("/fixtures/error-409-item-name-in-use.http"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"type\":\"folder\",\"id\":\"5443268429\",\"sequence_id\":\"0\",\"etag\":\"0\",\"name\":\"folder1\","
            + "\"parent\":{\"type\":\"folder\",\"id\":\"0\"},\"item_status\":\"active\","
            + "\"item_collection\":{\"total_count\":0,\"entries\":[],\"offset\":0,\"limit\":100}}")
        .build());

    Folder folder = folders.create(new NewFolder("folder1", null));

    assertThat(folder.id()).isEqualTo("5443268429");
    server.takeRequest();
    RecordedRequest readBack = server.takeRequest();
    assertThat(readBack.getMethod()).isEqualTo("GET");
    assertThat(readBack.getTarget()).startsWith("/2.0/folders/5443268429?fields=").endsWith("%2Citem_collection");
  }

  @Test
  void itemNameInUseNamingAFolderWithContentIsAConflict() {
    server.enqueue(Samples.load("/fixtures/error-409-item-name-in-use.http"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"type\":\"folder\",\"id\":\"5443268429\",\"name\":\"folder1\",\"item_status\":\"active\","
            + "\"item_collection\":{\"total_count\":3,\"entries\":[]}}")
        .build());

    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("folder1", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("item_name_in_use");
    assertThat(e.fieldErrors()).containsKey("name");
    assertThat(e.vendorRequestId()).isEqualTo("153175908556537d483098d");
  }

  @Test
  void aConflictWithAFileGivenAsOneObjectIsAConflictWithoutLookingFurther() {
    server.enqueue(Samples.load("/fixtures/error-409-conflicts-object.http"));

    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("someFile.pdf", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.message()).isEqualTo("Box: Item with the same name already exists");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitIsRateLimitedWithRetryAfter() {
    ActionError e = getFails("error-429.http");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(100));
    assertThat(e.vendorCode()).isEqualTo("rate_limit_exceeded");
    assertThat(e.vendorRequestId()).isEqualTo("abcdef123456");
  }

  @Test
  void theGenericClientErrorIsInvalidRequestWithBoxsMessage() {
    ActionError e = getFails("error-400-client-error.http");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).isEqualTo("Box: The specified content-md5 did not match what we received");
  }

  @Test
  void anInvalidTokenIsUnauthenticated() {
    ActionError e = getFails("error-401.http");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aFolderWithContentIsAConflictOnDelete() {
    server.enqueue(Samples.load("/fixtures/error-400-folder-not-empty.http"));

    ActionError e = LayerHarness.failure(() -> folders.delete("123")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("folder_not_empty");
  }

  @Test
  void aNameReservedByADuplicateInFlightIsRetryable() {
    server.enqueue(Samples.load("/fixtures/error-409-name-temporarily-reserved.http"));

    ActionError e = LayerHarness.failure(() -> folders.create(new NewFolder("Ada", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aSpentStorageAllowanceIsQuotaExhausted() {
    ActionError e = getFails("error-403-storage-limit.http");

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aNotFoundWithBoxsJsonIsNotFoundButAnHtml404IsAWrongBaseUri() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"type\":\"error\",\"status\":404,\"code\":\"not_found\",\"message\":\"Not Found\"}").build());
    assertThat(LayerHarness.failure(() -> folders.get("123")).error().code()).isEqualTo(ErrorCode.NOT_FOUND);

    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>Not Found</body></html>").build());
    ActionError e = LayerHarness.failure(() -> folders.get("123")).error();
    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
  }
}
