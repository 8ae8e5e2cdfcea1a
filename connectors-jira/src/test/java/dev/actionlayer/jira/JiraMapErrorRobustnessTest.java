package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Tasks;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Hostile or odd error answers: through the layer, each maps by meaning or status; never a raw exception. */
class JiraMapErrorRobustnessTest {
  private static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  private final Connector jira = Jira.connector(URI.create("https://acme.atlassian.net"), JiraHarness.basic());

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
  void oddBodiesAndHeadersStillMapByStatus() throws IOException {
    List<Map.Entry<MockResponse, ErrorCode>> odd = List.of(
        Map.entry(answer(429, "[1,2,3]", "Retry-After", "soon", "X-RateLimit-Reset", "tomorrow",
            "RateLimit-Reason", "\t<script>\u007f"), ErrorCode.RATE_LIMITED),
        Map.entry(answer(400, "{\"errorMessages\":\"not a list\",\"errors\":[1]}"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "{\"errorMessages\":[null, 7, {}],\"errors\":{\"summary\":null}}"),
            ErrorCode.INVALID_REQUEST),
        Map.entry(answer(401, "\u0000\u0001", "Content-Type", "text/plain"), ErrorCode.UNAUTHENTICATED),
        Map.entry(answer(404, "null", "Content-Type", "application/json"), ErrorCode.UPSTREAM_ERROR),
        Map.entry(answer(500, "{".repeat(100_000)), ErrorCode.UPSTREAM_ERROR), // cut at the 64 KiB cap
        Map.entry(answer(503, "", "X-RateLimit-Reset", "2024-05-05T18:00Z"), ErrorCode.UNAVAILABLE));

    try (MockWebServer server = new MockWebServer(); LayerHarness harness = JiraHarness.create()) {
      server.start();
      for (Map.Entry<MockResponse, ErrorCode> c : odd) {
        server.enqueue(c.getKey());
        Tasks tasks = harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()), p -> p.maxAttempts(1));

        ActionError e = LayerHarness.failure(() -> tasks.get("PROJ-1")).error();

        assertThat(e.code()).as(c.getKey().toString()).isEqualTo(c.getValue());
        assertThat(e.message()).as(c.getKey().toString()).isNotBlank().hasSizeLessThanOrEqualTo(300);
      }
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
