package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Hostile or odd answers: mapped by meaning or status (through the layer, never a raw exception), usage read or null. */
class SalesforceMapErrorRobustnessTest {
  private static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");
  private final Connector sf = Salesforce.connector(URI.create("https://acme.my.salesforce.com"),
      SalesforceHarness.bearer());

  private static VendorResponse response(int status, String body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) map.put(headers[i].toLowerCase(Locale.ROOT), List.of(headers[i + 1]));
    return new VendorResponse(status, map, body.getBytes(StandardCharsets.UTF_8), truncated, NOW);
  }

  private VendorUsage usage(String header) {
    return sf.usage(response(200, "{}", false, "Sforce-Limit-Info", header));
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
        Map.entry(answer(400, "[1,2,3]"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "[{\"errorCode\":7,\"message\":{}}]"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "[{\"errorCode\":\"X\",\"fields\":\"LastName\"},null,[]]"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(403, "{\"errorCode\":null}"), ErrorCode.PERMISSION_DENIED),
        Map.entry(answer(401, "\u0000\u0001", "Content-Type", "text/plain"), ErrorCode.UNAUTHENTICATED),
        Map.entry(answer(404, "null", "Content-Type", "application/json"), ErrorCode.UPSTREAM_ERROR),
        Map.entry(answer(500, "[".repeat(100_000)), ErrorCode.UPSTREAM_ERROR), // cut at the 64 KiB cap
        Map.entry(answer(400, "<Errors><Error>" + "<message>x</message>".repeat(5000)), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(400, "<!DOCTYPE foo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Errors><Error><errorCode>&x;"
            + "</errorCode></Error></Errors>"), ErrorCode.INVALID_REQUEST),
        Map.entry(answer(300, "{\"not\":\"a list\"}"), ErrorCode.CONFLICT),
        Map.entry(answer(300, "[\"/x/../../etc\", 5, null]"), ErrorCode.CONFLICT),
        Map.entry(answer(503, ""), ErrorCode.UNAVAILABLE));

    try (MockWebServer server = new MockWebServer(); LayerHarness harness = SalesforceHarness.create()) {
      server.start();
      for (Map.Entry<MockResponse, ErrorCode> c : odd) {
        server.enqueue(c.getKey());
        Contacts contacts = harness.contacts(Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer()),
            p -> p.maxAttempts(1));

        ActionError e = LayerHarness.failure(() -> contacts.get("0035g00000AbCdEQAZ")).error();

        assertThat(e.code()).as(c.getKey().toString()).isEqualTo(c.getValue());
        assertThat(e.message()).as(c.getKey().toString()).isNotBlank().hasSizeLessThanOrEqualTo(300)
            .doesNotContain("passwd");
      }
    }
  }

  @Test
  void aDuplicatesBodyWithHostileIdsNamesOnlyRealIds() {
    ActionError e = sf.mapError(response(400, "[{\"duplicateResut\":{\"matchResults\":[{\"matchRecords\":["
        + "{\"record\":{\"Id\":\"0035g00000AbCdEQAZ\"}},{\"record\":{\"Id\":\"<script>\"}},{\"record\":7}]}]},"
        + "\"errorCode\":\"DUPLICATES_DETECTED\",\"message\":\"Use one of these records?\"}]", false));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.message()).isEqualTo("Use one of these records? (matching records: 0035g00000AbCdEQAZ)");
  }

  @Test
  void theCorrectlySpelledDuplicateResultIsReadToo() {
    ActionError e = sf.mapError(response(400, "[{\"duplicateResult\":{\"matchResults\":[{\"matchRecords\":["
        + "{\"record\":{\"Id\":\"0035g00000AbCdEQAZ\"}}]}]},\"errorCode\":\"DUPLICATES_DETECTED\",\"message\":\"Dup\"}]",
        false));

    assertThat(e.message()).isEqualTo("Dup (matching records: 0035g00000AbCdEQAZ)");
  }

  @Test
  void aRequestLimitWithAnUnknownMessageIsTheDailyQuota() {
    ActionError e = sf.mapError(response(403,
        "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Limit exceeded.\"}]", false));

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
  }

  @Test
  void anOAuthErrorObjectIsRead() {
    ActionError e = sf.mapError(response(400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}", false));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("invalid_grant");
    assertThat(e.message()).contains("expired access/refresh token");
  }

  /**
   * The pipeline scrubs messages and field errors but passes vendorCode through: an "errorCode"
   * that is not one of Salesforce's one-case codes (a token a hostile or broken answer echoes) is
   * dropped whole, never echoed, nor echoed with its odd characters stripped.
   */
  @Test
  void anErrorCodeThatIsNotASalesforceCodeIsNeverEchoed() {
    String token = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog";
    List<VendorResponse> echoes = List.of(
        response(400, "{\"errorCode\":\"" + token + "\",\"message\":\"bad\"}", false),
        response(400, "[{\"errorCode\":\"kitSecret0a1b2c\",\"message\":\"bad\"}]", false),
        response(400, "<Errors><Error><errorCode>" + token + "</errorCode><message>bad</message></Error></Errors>", false),
        response(400, "{\"error\":\"" + token + "\",\"error_description\":\"bad\"}", false));

    for (VendorResponse r : echoes) {
      ActionError e = sf.mapError(r);
      assertThat(e.code()).as(r.toString()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.vendorCode()).as(r.toString()).isEmpty();
      assertThat(e.message()).as(r.toString()).isEqualTo("bad");
    }
    assertThat(sf.mapError(response(400, "[{\"errorCode\":\"BRAND_NEW_CODE\",\"message\":\"x\"}]", false))
        .vendorCode()).isEqualTo("BRAND_NEW_CODE");
  }

  @Test
  void usageIsReadFromTheOrgWideFigure() {
    assertThat(usage("api-usage=18/15000")).isEqualTo(new VendorUsage(18, 15000));
    assertThat(usage("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)"))
        .isEqualTo(new VendorUsage(25, 5000));
    assertThat(usage("per-app-api-usage=17/250(appName=x); api-usage=10018/100000"))
        .isEqualTo(new VendorUsage(10018, 100000));
    assertThat(usage(" api-usage = 3 / 40 ")).isEqualTo(new VendorUsage(3, 40));
  }

  @Test
  void usageIsNullWhenAbsentOrUnreadable() {
    assertThat(sf.usage(response(200, "{}", false))).isNull();
    for (String bad : new String[] {"", "api-usage=", "api-usage=5/0", "api-usage=-1/10", "api-usage=a/b",
        "per-app-api-usage=17/250(appName=x)", "api-usage=99999999999999999999/1", "x".repeat(5000)}) {
      assertThat(usage(bad)).as(bad).isNull();
    }
  }
}
