package dev.actionlayer.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Connector descriptions fuzzed: {@link Descriptions#parse} on any text gives a description or an
 * {@link IllegalArgumentException} naming the problem on one line — never another exception. A
 * description that reads is made a connector, whose error rules then map a few typical error
 * answers (a JSON 400, a 429 with rate-limit headers, an HTML 404): the description engine must
 * not throw on what a description allows. The seeds are the shipped descriptions (Asana,
 * Todoist) and the tests' own.
 */
class DescriptionFuzzTest {
  static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  static final List<VendorResponse> ANSWERS = List.of(
      response(400, "application/json", Map.of(), "{\"errors\":[{\"message\":\"bad\",\"field\":\"name\"}],"
          + "\"error\":\"x\",\"error_code\":\"E\",\"message\":\"m\"}"),
      response(429, "application/json", Map.of("retry-after", "7", "x-ratelimit-remaining", "0",
          "x-ratelimit-limit", "100", "x-ratelimit-reset", "1714932180", "x-request-id", "r-1"), "{}"),
      response(404, "text/html", Map.of(), "<html>no</html>"),
      response(503, "", Map.of(), ""));

  static VendorResponse response(int status, String type, Map<String, String> headers, String body) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    if (!type.isEmpty()) h.put("content-type", List.of(type));
    return new VendorResponse(status, h, body.getBytes(StandardCharsets.UTF_8), false, NOW);
  }

  @FuzzTest
  void anyDescriptionIsReadOrRefusedPrecisely(byte[] data) {
    Description description;
    try {
      description = Descriptions.parse(new String(data, StandardCharsets.UTF_8), "the description");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("the description").doesNotContain("\n");
      return;
    }
    Connector connector;
    try {
      connector = Descriptions.connector(description, URI.create("https://fuzz.example.com/"),
          Credentials.bearer("fuzz-token-0123456789"));
    } catch (IllegalArgumentException e) {
      return; // credentials of another scheme than the description's auth: documented
    }
    for (VendorResponse answer : ANSWERS) {
      ActionError error = connector.mapError(answer);
      assertThat(error).isNotNull();
      assertThat(error.code()).isNotNull();
      connector.usage(answer);
    }
  }
}
