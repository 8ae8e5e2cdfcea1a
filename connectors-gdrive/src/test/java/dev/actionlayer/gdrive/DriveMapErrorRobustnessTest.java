package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Connector#mapError} on hostile or odd responses: it answers, never throws. */
class DriveMapErrorRobustnessTest {
  private static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  private final Connector drive = GoogleDrive.connector(GoogleDrive.DEFAULT_BASE_URI, DriveHarness.bearer());

  private static VendorResponse response(int status, String body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) map.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
    return new VendorResponse(status, map, body.getBytes(StandardCharsets.UTF_8), truncated, NOW);
  }

  @Test
  void oddBodiesStillMapByStatus() {
    List<VendorResponse> odd = List.of(
        response(403, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}", false),
        response(403, "{\"error\":{\"errors\":\"not a list\",\"code\":\"x\"}}", false),
        response(400, "{\"error\":{\"errors\":[null,7,{\"reason\":12,\"location\":{}}],\"message\":null}}", false),
        response(401, "\u0000\u0001", false, "Content-Type", "text/plain"),
        response(404, "null", false, "Content-Type", "application/json"),
        response(500, "{".repeat(100_000), true),
        response(502, "<html><title>" + "x".repeat(10_000) + "</title></html>", false),
        response(429, "[1,2,3]", false, "Retry-After", "soon"));

    for (VendorResponse r : odd) {
      ActionError e = drive.mapError(r);
      assertThat(e.code()).as(r.toString()).isNotNull();
      assertThat(e.message()).as(r.toString()).isNotBlank().hasSizeLessThanOrEqualTo(400).doesNotContain("<");
    }
    assertThat(drive.mapError(odd.get(0)).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(drive.mapError(odd.get(7)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
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
