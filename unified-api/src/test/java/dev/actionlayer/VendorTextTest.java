package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * What a vendor said is bounded once, in the pipeline, whatever the connector copied: messages,
 * field errors, codes and request ids, from the connector's mapping and from the request-id
 * header alike; a mapper that throws is a connector bug answered precisely.
 */
class VendorTextTest extends PipelineTestSupport {

  /** {@link TestConnector} with the error mapping under test. */
  static final class Mapping implements Connector {
    final TestConnector real;
    final Function<VendorResponse, ActionError> mapper;

    Mapping(URI uri, Function<VendorResponse, ActionError> mapper) {
      this.real = new TestConnector(uri, Credentials.bearer(SECRET), CreateSafety.UNSAFE);
      this.mapper = mapper;
    }

    @Override
    public String vendor() {
      return "acme";
    }

    @Override
    public URI baseUri() {
      return real.baseUri();
    }

    @Override
    public Credentials credentials() {
      return real.credentials();
    }

    @Override
    public Resource<NewTask, Task> tasks() {
      return real.tasks();
    }

    @Override
    public String requestIdHeader() {
      return real.requestIdHeader(); // X-Request-Id
    }

    @Override
    public ActionError mapError(VendorResponse response) {
      return mapper.apply(response);
    }
  }

  private void mapping(Function<VendorResponse, ActionError> mapper) {
    layer = ActionLayer.builder().connection("svc", new Mapping(uri(), mapper), p -> p.noRateLimit().maxAttempts(1))
        .clock(time).sleeper(time).auditSink(events::add).build();
  }

  private ActionError getFails() {
    return thrown(() -> tasks().get("T-1")).error();
  }

  private static MockResponse withRequestId(int code, String id) {
    return new MockResponse.Builder().code(code).addHeaderLenient("X-Request-Id", id).build();
  }

  @Test
  void aMapperThatThrowsGivesTheStatusCodeAndAMessageNamingTheConnector() {
    mapping(r -> {
      throw new IllegalStateException("index 3 out of bounds for " + SECRET);
    });
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
        .addHeader("Retry-After", "7").body("<html>down</html>").build());

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.retryAfter()).hasValue(java.time.Duration.ofSeconds(7));
    assertThat(e.message()).isEqualTo("the acme connector failed to read the error answer; HTTP 503 with an HTML page");
    assertThat(e.toString()).doesNotContain("IllegalStateException").doesNotContain("index 3").doesNotContain(SECRET);
    assertThat(onlyEvent().error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void aLongMultiLineMessageIsCappedToOneLineWithoutHalfASecret() {
    String said = ("line one\r\nline\u0000two\u2028\u202e" + "x".repeat(200) + "\n").repeat(50);
    String secretAtTheCap = "z".repeat(VendorTextLimits.TEXT - 10) + " " + SECRET;
    mapping(r -> HttpErrors.byStatus(r).message(said).fieldError("title", secretAtTheCap).build());
    server.enqueue(status(400));

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.message()).hasSize(VendorTextLimits.TEXT).startsWith("line one line two x").endsWith("\u2026")
        .doesNotContain("\n", "\r", "\u0000", "\u2028", "\u202e");
    assertThat(e.fieldErrors().get("title")).hasSizeLessThanOrEqualTo(VendorTextLimits.TEXT)
        .doesNotContain(SECRET.substring(0, SECRET.length() / 2));
  }

  @Test
  void fieldErrorsAreCappedInNumberAndLengthAndCodesAreTokens() {
    mapping(r -> {
      ActionError.Builder b = HttpErrors.byStatus(r).vendorCode("BAD\r\nCODE<script>");
      for (int i = 0; i < 80; i++) b.fieldError("field\n" + i, "is\nwrong " + "y".repeat(1_000));
      return b.build();
    });
    server.enqueue(status(400));

    ActionError e = getFails();

    assertThat(e.fieldErrors()).hasSize(VendorTextLimits.FIELDS).containsKey("field 0").containsKey("field 49");
    assertThat(e.fieldErrors().values()).allSatisfy(v -> assertThat(v).hasSize(VendorTextLimits.TEXT).startsWith("is wrong y"));
    assertThat(e.vendorCode()).isEmpty();
  }

  @Test
  void aBlankMessageFallsBackToTheStatusDescription() {
    mapping(r -> HttpErrors.byStatus(r).message("\u0000\r\n\u0007").build());
    server.enqueue(status(409));

    assertThat(getFails().message()).isEqualTo("HTTP 409 with an empty body");
  }

  @Test
  void aRequestIdHeaderReachesErrorAndAuditOnlyInATokensShape() {
    mapping(r -> HttpErrors.byStatus(r).build());
    String[] hostile = {
      "abc\u0000def", "a".repeat(2_000), "Bearer eyJhbGciOiJIUzI1NiJ9.payload", "req-1\"}, {\"evil\":1",
      "<script>alert(1)</script>", "req 1  2", SECRET
    };
    for (String id : hostile) {
      events.clear();
      server.enqueue(withRequestId(400, id)); // a 4xx: the breaker stays closed

      ActionError e = getFails();

      assertThat(e.httpStatus()).as(id).isEqualTo(400);
      assertThat(e.vendorRequestId()).as(id).isEmpty();
      assertThat(onlyEvent().vendorRequestId()).as(id).isNull();
    }
    events.clear();
    server.enqueue(withRequestId(400, "req_9f8e7d6c-5b4a:3/2+1="));

    assertThat(getFails().vendorRequestId()).isEqualTo("req_9f8e7d6c-5b4a:3/2+1=");
    assertThat(onlyEvent().vendorRequestId()).isEqualTo("req_9f8e7d6c-5b4a:3/2+1=");
  }

  @Test
  void aConnectorSuppliedRequestIdIsHeldToTheSameShape() {
    String[] ids = {"Bearer abcdefghijklmnop", "x\ny", "i".repeat(129), SECRET};
    for (String id : ids) {
      mapping(r -> HttpErrors.byStatus(r).vendorRequestId(id).build());
      server.enqueue(status(500));

      assertThat(getFails().vendorRequestId()).as(id).isEmpty();
      layer.close();
    }
    mapping(r -> HttpErrors.byStatus(r).vendorRequestId("6 sad squid snuggle softly").build());
    server.enqueue(withRequestId(500, "req-header"));

    assertThat(getFails().vendorRequestId()).isEqualTo("6 sad squid snuggle softly");
  }

  @Test
  void aHostileConnectorSuppliedIdFallsBackToASafeHeader() {
    mapping(r -> HttpErrors.byStatus(r).vendorRequestId("<img src=x>").build());
    server.enqueue(withRequestId(502, "req-42"));

    assertThat(getFails().vendorRequestId()).isEqualTo("req-42");
  }

  @Test
  void anAuxiliaryAnswerTheConnectorMapsThroughItsContextIsBoundedToo() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(json(409, "{\"existingId\":\"T-9\"}"));
    server.enqueue(json(404, "{\"error\":\"" + "gone\\n".repeat(1_000) + "\"}"));

    ActionError e = thrown(() -> tasks().create(new NewTask("P", "x", null))).error();

    assertThat(e.message()).contains("gone gone").doesNotContain("\n").hasSizeLessThan(2 * VendorTextLimits.TEXT);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** The documented limits, restated so that a change to them is a visible change here. */
  static final class VendorTextLimits {
    static final int TEXT = 300;
    static final int FIELDS = 50;
  }
}
