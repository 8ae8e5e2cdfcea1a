package dev.actionlayer.cli;

import dev.actionlayer.spi.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit event as read back from a line of {@code audit.jsonl} ({@code AuditEvent.toJson()}):
 * what a timeline shows. Optional members are null (strings, maps default to empty).
 */
record AuditRecord(String traceId, Instant timestamp, String connection, String vendor, String operation,
    List<Attempt> attempts, String breakerState, String outcome, String resourceId, Error error,
    boolean deduplicated, boolean reconciled, long durationMs, Map<String, String> context) {

  /** One request of the call, as in the event's {@code attempts}. */
  record Attempt(int n, String kind, int status, String code, long delayBeforeMs, long durationMs, boolean sent) {}

  /** The event's {@code error}. */
  record Error(String code, boolean retryable, Long retryAfterMs, int httpStatus, String vendorCode,
      String message, Map<String, String> fieldErrors) {}

  /** Thrown for a line that is not an audit event; the message says why, never quoting the line. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String why) {
      super(why);
    }
  }

  boolean isSaga() {
    return operation != null && operation.startsWith("saga.");
  }

  boolean succeeded() {
    return "SUCCESS".equals(outcome);
  }

  /** Parses one line of JSON. */
  static AuditRecord parse(String line) throws Malformed {
    Map<String, Object> m = Json.objectOrNull(line);
    if (m == null) throw new Malformed("not a JSON object");
    String traceId = text(m, "traceId");
    if (traceId == null || traceId.isBlank()) throw new Malformed("no traceId");
    String at = text(m, "timestamp");
    if (at == null) throw new Malformed("no timestamp");
    Instant timestamp;
    try {
      timestamp = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new Malformed("timestamp is not an ISO-8601 instant");
    }
    String outcome = text(m, "outcome");
    if (outcome == null) throw new Malformed("no outcome");
    List<Attempt> attempts = new ArrayList<>();
    if (m.get("attempts") instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> a)) throw new Malformed("an attempt is not an object");
        attempts.add(new Attempt((int) number(a, "n"), text(a, "kind"), (int) number(a, "status"),
            text(a, "code"), number(a, "delayBeforeMs"), number(a, "durationMs"),
            Boolean.TRUE.equals(a.get("sent"))));
      }
    }
    Error error = null;
    if (m.get("error") instanceof Map<?, ?> e) {
      error = new Error(text(e, "code"), Boolean.TRUE.equals(e.get("retryable")),
          e.get("retryAfterMs") instanceof Number n ? n.longValue() : null, (int) number(e, "httpStatus"),
          text(e, "vendorCode"), text(e, "message"), strings(e.get("fieldErrors")));
    }
    return new AuditRecord(traceId, timestamp, text(m, "connection"), text(m, "vendor"), text(m, "operation"),
        List.copyOf(attempts), text(m, "breakerState"), outcome, text(m, "resourceId"), error,
        Boolean.TRUE.equals(m.get("deduplicated")), Boolean.TRUE.equals(m.get("reconciled")),
        number(m, "durationMs"), strings(m.get("context")));
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  private static long number(Map<?, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : 0;
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
