package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Connector#mapError} on hostile or odd responses: it answers, never throws. */
class JiraMapErrorRobustnessTest {
  private static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  private final Connector jira = Jira.connector(URI.create("https://acme.atlassian.net"), JiraHarness.basic());

  private static VendorResponse response(int status, String body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) map.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
    return new VendorResponse(status, map, body.getBytes(StandardCharsets.UTF_8), truncated, NOW);
  }

  @Test
  void oddBodiesAndHeadersStillMapByStatus() {
    List<VendorResponse> odd = List.of(
        response(429, "[1,2,3]", false, "Retry-After", "soon", "X-RateLimit-Reset", "tomorrow",
            "RateLimit-Reason", "\r\n<script>"),
        response(400, "{\"errorMessages\":\"not a list\",\"errors\":[1]}", false),
        response(400, "{\"errorMessages\":[null, 7, {}],\"errors\":{\"summary\":null}}", false),
        response(401, "\u0000\u0001", false, "Content-Type", "text/plain"),
        response(404, "null", false, "Content-Type", "application/json"),
        response(500, "{".repeat(100_000), true),
        response(503, "", false, "X-RateLimit-Reset", "2024-05-05T18:00Z"));

    for (VendorResponse r : odd) {
      ActionError e = jira.mapError(r);
      assertThat(e.code()).as(r.toString()).isNotNull();
      assertThat(e.message()).as(r.toString()).isNotBlank().hasSizeLessThanOrEqualTo(400);
    }
  }

  @Test
  void aResetInThePastLeavesTheWaitToThePipelinesBackoff() {
    ActionError e = jira.mapError(response(429, "", false, "X-RateLimit-Reset", "2024-05-05T18:00Z"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void aGarbledReasonHeaderIsReducedToSafeCharacters() {
    ActionError e = jira.mapError(response(429, "", false, "RateLimit-Reason", "jira-burst-based\"; evil=<x>"));

    assertThat(e.vendorCode()).isEqualTo("jira-burst-basedevilx");
  }

  @Test
  void a404ThatIsNotJiraJsonIsNeverNotFound() {
    assertThat(jira.mapError(response(404, "", false)).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(jira.mapError(response(404, "Not Found", false, "Content-Type", "text/plain")).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(jira.mapError(response(404, "<html>Oops</html>", false)).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
