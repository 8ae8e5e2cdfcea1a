package dev.actionlayer.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * What a fake vendor does instead of (or after) answering normally; installed with
 * {@link FakeVendor#on}. Canned faults ({@link #status}, {@link #html}, {@link #empty},
 * {@link #hugeBody}) and {@link #resetWithoutApplying}/{@link #stall} leave the fake's state
 * untouched; the {@code applyThen...} faults let the fake apply the request first, which is how
 * "the vendor did it but the client never heard" is tested.
 *
 * <pre>{@code
 * fake.on(Requests.gets()).times(2).respond(
 *     Fault.status(429).header("Retry-After", "5").body("{\"errors\":{}}", "application/json"));
 * }</pre>
 *
 * <p>Instances are immutable; {@link #header} and {@link #body} return modified copies.
 */
public final class Fault {

  enum Kind {
    CANNED, RESET_WITHOUT_APPLYING, APPLY_THEN_RESET, APPLY_THEN_TRUNCATE, APPLY_THEN_GARBAGE, STALL
  }

  static final String GARBAGE = "<html><head><title>Proxy</title></head>"
      + "<body>upstream sent an invalid response</body></html>";

  private final Kind kind;
  private final int status;
  private final List<Map.Entry<String, String>> headers;
  private final String body;
  private final String contentType;
  private final int hugeBytes;

  private Fault(Kind kind, int status, List<Map.Entry<String, String>> headers, String body,
      String contentType, int hugeBytes) {
    this.kind = kind;
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = body;
    this.contentType = contentType;
    this.hugeBytes = hugeBytes;
  }

  private static Fault canned(int status, String body, String contentType, int hugeBytes) {
    StatusLines.checkStatus(status);
    return new Fault(Kind.CANNED, status, List.of(), body, contentType, hugeBytes);
  }

  private static Fault socket(Kind kind) {
    return new Fault(kind, 0, List.of(), null, null, -1);
  }

  /** A canned response with this status and no body; add {@link #header}s and a {@link #body}. */
  public static Fault status(int status) {
    return canned(status, null, null, -1);
  }

  /** A realistic HTML error page: Jira's "Oops" page for 429, a proxy/Google page for 5xx. */
  public static Fault html(int status) {
    StatusLines.checkStatus(status);
    return canned(status, ErrorPages.forStatus(status), ErrorPages.HTML_UTF8, -1);
  }

  /** A response with this status and an empty body (e.g. the bare 503 some proxies send). */
  public static Fault empty(int status) {
    return canned(status, null, null, -1);
  }

  /** An HTML error page of exactly {@code bytes} bytes (e.g. 12 MiB), to test capped reads. */
  public static Fault hugeBody(int status, int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
    return canned(status, null, ErrorPages.HTML_UTF8, bytes);
  }

  /**
   * Drops the connection before answering, without applying the request. The client has already
   * sent it, so to the client this looks exactly like {@link #applyThenReset()}: a careful client
   * must treat it as ambiguous (an unkeyed create is {@code OUTCOME_UNKNOWN}, not retried). Only a
   * refused connection is provably unsent.
   */
  public static Fault resetWithoutApplying() {
    return socket(Kind.RESET_WITHOUT_APPLYING);
  }

  /** Applies the request (the create is stored), then drops the connection before any response. */
  public static Fault applyThenReset() {
    return socket(Kind.APPLY_THEN_RESET);
  }

  /** Applies the request, sends status line, headers and half the body, then drops the connection. */
  public static Fault applyThenTruncate() {
    return socket(Kind.APPLY_THEN_TRUNCATE);
  }

  /** Applies the request, then answers its success status with an HTML body instead of JSON. */
  public static Fault applyThenGarbage() {
    return socket(Kind.APPLY_THEN_GARBAGE);
  }

  /** Never answers, so the client's timeout fires; the request is not applied. */
  public static Fault stall() {
    return socket(Kind.STALL);
  }

  /** Returns a copy that also sends this response header; only for canned responses. */
  public Fault header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    requireCanned("header");
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(Map.entry(name, value));
    return new Fault(kind, status, more, body, contentType, hugeBytes);
  }

  /** Returns a copy that sends {@code body} with {@code contentType}; only for canned responses. */
  public Fault body(String body, String contentType) {
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(contentType, "contentType == null");
    requireCanned("body");
    return new Fault(kind, status, headers, body, contentType, -1);
  }

  private void requireCanned(String method) {
    if (kind != Kind.CANNED) {
      throw new IllegalStateException(method + "() only applies to status/html/empty/hugeBody faults");
    }
  }

  /** Whether the fake must apply the request to its state before this fault shapes the response. */
  boolean appliesRequest() {
    return kind == Kind.APPLY_THEN_RESET || kind == Kind.APPLY_THEN_TRUNCATE
        || kind == Kind.APPLY_THEN_GARBAGE;
  }

  /** The response to send; {@code applied} is the fake's own answer when {@link #appliesRequest}. */
  MockResponse response(MockResponse applied) {
    switch (kind) {
      case CANNED:
        return cannedResponse();
      case RESET_WITHOUT_APPLYING:
      case APPLY_THEN_RESET:
        // MockWebServer 5 reads onRequestStart from Dispatcher.peek() when a connection is
        // accepted, before any request is known, so a per-request rule closes the socket at
        // response start instead: the client has sent its request and never hears back.
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      case APPLY_THEN_TRUNCATE:
        return FaultShapes.truncate(applied);
      case APPLY_THEN_GARBAGE:
        return FaultShapes.garbage(applied);
      case STALL:
        // Stall sleeps while the socket is open; closing the server closes the socket.
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      default:
        throw new AssertionError(kind);
    }
  }

  private MockResponse cannedResponse() {
    MockResponse.Builder builder = new MockResponse.Builder().status(StatusLines.of(status));
    if (hugeBytes >= 0) {
      builder.body(ErrorPages.padded(status, hugeBytes));
    } else if (body != null) {
      builder.body(body);
    }
    if (contentType != null) {
      builder.setHeader("Content-Type", contentType);
    }
    for (Map.Entry<String, String> header : headers) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  @Override
  public String toString() {
    if (kind != Kind.CANNED) {
      return "Fault." + kind;
    }
    String shape = hugeBytes >= 0 ? ", " + hugeBytes + " bytes"
        : body == null ? ", empty" : ", " + contentType;
    return "Fault(" + status + shape + ", headers=" + headers + ")";
  }
}
