package dev.actionlayer.testkit.fake;

import java.util.Map;

/**
 * Status lines with real reason phrases, because some clients log or even parse them: a fake
 * answers {@code new MockResponse.Builder().status(StatusLines.of(404))}. Thread-safe.
 */
public final class StatusLines {

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"),
      Map.entry(201, "Created"),
      Map.entry(202, "Accepted"),
      Map.entry(204, "No Content"),
      Map.entry(300, "Multiple Choices"),
      Map.entry(301, "Moved Permanently"),
      Map.entry(302, "Found"),
      Map.entry(304, "Not Modified"),
      Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"),
      Map.entry(409, "Conflict"),
      Map.entry(410, "Gone"),
      Map.entry(412, "Precondition Failed"),
      Map.entry(413, "Payload Too Large"),
      Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Entity"),
      Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"),
      Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  private StatusLines() {}

  /** The reason phrase of {@code code}, e.g. {@code "Not Found"}; a generic one for unusual codes. */
  public static String reason(int code) {
    return REASONS.getOrDefault(code, code >= 500 ? "Server Error" : code >= 400 ? "Client Error" : "OK");
  }

  /** The full status line of {@code code}, e.g. {@code "HTTP/1.1 404 Not Found"}. */
  public static String of(int code) {
    return "HTTP/1.1 " + code + " " + reason(code);
  }

  static void checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be in 100..599: " + status);
    }
  }

  /** Whether HTTP forbids a body for this status, so faults must not add one. */
  static boolean forbidsBody(int code) {
    return code == 204 || code == 304 || code < 200;
  }
}
