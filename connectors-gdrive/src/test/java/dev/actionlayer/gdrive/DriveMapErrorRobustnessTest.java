package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folders;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Hostile or odd error answers: mapped by meaning or status; through the layer, never a raw exception. */
class DriveMapErrorRobustnessTest {
  private static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  private final Connector drive = GoogleDrive.connector(GoogleDrive.DEFAULT_BASE_URI, DriveHarness.bearer());

  private static VendorResponse response(int status, String body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) map.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
    return new VendorResponse(status, map, body.getBytes(StandardCharsets.UTF_8), truncated, NOW);
  }

  /** An answer as MockWebServer sends it, headers written as they are. */
  private static MockResponse answer(int status, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
    for (int i = 0; i < headers.length; i += 2) b.addHeaderLenient(headers[i], headers[i + 1]);
    return b.build();
  }

  /**
   * Through the layer, since the pipeline (not the connector) guards against a mapping that
   * throws: each odd answer maps by its status, and only an {@link dev.actionlayer.ActionException}
   * leaves the layer ({@link LayerHarness#failure}).
   */
  @Test
  void oddBodiesStillMapByStatus() throws IOException {
    List<Map.Entry<MockResponse, ErrorCode>> odd = List.of(
        Map.entry(answer(403, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}"),
            ErrorCode.PERMISSION_DENIED),
        Map.entry(answer(403, "{\"error\":{\"errors\":\"not a list\",\"code\":\"x\"}}"), ErrorCode.PERMISSION_DENIED),
        Map.entry(answer(400, "{\"error\":{\"errors\":[null,7,{\"reason\":12,\"location\":{}}],\"message\":null}}"),
            ErrorCode.INVALID_REQUEST),
        Map.entry(answer(401, "\u0000\u0001", "Content-Type", "text/plain"), ErrorCode.UNAUTHENTICATED),
        Map.entry(answer(404, "null", "Content-Type", "application/json"), ErrorCode.UPSTREAM_ERROR),
        Map.entry(answer(500, "{".repeat(100_000)), ErrorCode.UPSTREAM_ERROR), // cut at the 64 KiB cap
        Map.entry(answer(502, "<html><title>" + "x".repeat(10_000) + "</title></html>", "Content-Type", "text/html"),
            ErrorCode.UNAVAILABLE),
        Map.entry(answer(429, "[1,2,3]", "Retry-After", "soon"), ErrorCode.RATE_LIMITED));

    try (MockWebServer server = new MockWebServer(); LayerHarness harness = DriveHarness.create()) {
      server.start();
      for (Map.Entry<MockResponse, ErrorCode> c : odd) {
        server.enqueue(c.getKey());
        Folders folders = harness.folders(GoogleDrive.connector(server.url("/").uri(), DriveHarness.bearer()),
            p -> p.maxAttempts(1));

        ActionError e = LayerHarness.failure(() -> folders.get(DriveWireFormatTest.ID_1)).error();

        assertThat(e.code()).as(c.getKey().toString()).isEqualTo(c.getValue());
        assertThat(e.message()).as(c.getKey().toString()).isNotBlank().hasSizeLessThanOrEqualTo(300)
            .doesNotContain("<");
      }
    }
  }

  @Test
  void aGarbledReasonIsReducedToSafeCharacters() {
    ActionError e = drive.mapError(response(403, "{\"error\":{\"errors\":[{\"reason\":\"forbidden\\r\\n<x>\\\"\"}]}}",
        false, "Content-Type", "application/json"));

    assertThat(e.vendorCode()).isEqualTo("forbiddenx");
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void a404ThatIsNotGoogleJsonIsNeverNotFound() {
    assertThat(drive.mapError(response(404, "", false)).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(drive.mapError(response(404, "Not Found", false, "Content-Type", "text/plain")).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(drive.mapError(response(404, "{\"message\":\"nope\"}", false)).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  void drivesReportNoUsage() {
    assertThat(drive.usage(response(200, "{}", false))).isNull();
  }
}
