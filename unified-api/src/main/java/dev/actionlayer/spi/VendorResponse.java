package dev.actionlayer.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor response as the pipeline received it: status, headers and a body read up to a cap (a
 * 12 MiB error page is never read whole). Immutable.
 */
public final class VendorResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean truncated;
  private final Instant receivedAt;

  /**
   * @param headers header names in lower case
   * @param truncated whether the body was cut at the cap or by a broken connection
   */
  public VendorResponse(int status, Map<String, List<String>> headers, byte[] body,
      boolean truncated, Instant receivedAt) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(Objects.requireNonNull(headers, "headers == null"));
    this.body = Objects.requireNonNull(body, "body == null");
    this.truncated = truncated;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt == null");
  }

  public int status() {
    return status;
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All headers, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The body bytes read (possibly truncated); empty when there was none. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** At most the first {@code maxBytes} of the body as UTF-8 text (a cut character becomes U+FFFD). */
  public String bodyString(int maxBytes) {
    return new String(body, 0, Math.min(body.length, Math.max(0, maxBytes)), StandardCharsets.UTF_8);
  }

  /** The number of body bytes read. */
  public int bodySize() {
    return body.length;
  }

  /**
   * The body as a fresh source, for streaming parsers ({@code adapter.fromJson(response.bodySource())})
   * without decoding it to a String first.
   */
  public okio.BufferedSource bodySource() {
    return new okio.Buffer().write(body);
  }

  public boolean isTruncated() {
    return truncated;
  }

  public boolean hasBody() {
    return body.length > 0;
  }

  /** When the response arrived, by the pipeline's clock: the reference for HTTP-dates and resets. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The media type without parameters, lower case, or "" when absent. */
  public String mediaType() {
    String ct = header("Content-Type");
    if (ct == null) return "";
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Whether the body is an HTML page (a proxy's or front end's error page, not the API's JSON). */
  public boolean isHtml() {
    if (mediaType().equals("text/html")) return true;
    String start = bodyString().stripLeading().toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  /** Whether the body claims to be JSON or looks like it. */
  public boolean isJson() {
    if (mediaType().endsWith("json")) return true;
    String start = bodyString().stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  @Override
  public String toString() {
    return "VendorResponse{" + status + ", " + body.length + " bytes" + (truncated ? ", truncated" : "") + "}";
  }
}
