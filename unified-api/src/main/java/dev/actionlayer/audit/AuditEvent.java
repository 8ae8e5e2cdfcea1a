package dev.actionlayer.audit;

import dev.actionlayer.ActionError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one logical call: who asked for what, every attempt with its status, code, delay
 * before it and duration, the breaker's state, the outcome and the last upstream response. Every
 * value is already redacted: no credential, token or secret header can appear here. A saga adds
 * one event of its own at its end ({@code operation} {@code saga.run} or {@code saga.recover}, on
 * the trace its calls carried, with no connection, vendor or attempts): {@code context} holds its
 * {@code status}, each step's outcome and each residue ({@code residue.0}, …).
 *
 * @param traceId W3C trace id (32 lowercase hex), from the current OpenTelemetry span when present
 * @param request the canonical request (agent-supplied values) and the vendor request line
 * @param breakerState the connection's circuit breaker after the call: CLOSED, OPEN or HALF_OPEN
 * @param resourceId the created/read/deleted record's id, or null
 * @param error the failure, or null on success
 * @param upstream the last response received from the vendor, or null when none was
 * @param deduplicated whether the call was answered from an identical earlier create
 * @param reconciled whether the result was found by reconciliation after an ambiguous failure
 * @param vendorRequestId the vendor's request id of the last response, or null
 * @param vendorUsage the allowance usage the vendor reported during this call ({@code used/limit}),
 *     or null
 * @param context extra correlation, e.g. {@code sagaId} and {@code step}; may be empty
 * @param decision the layer's policy decision on the call, or null when the layer has no policy
 *     (or the call is a saga's compensation, which policy does not stop)
 */
public record AuditEvent(
    String traceId,
    Instant timestamp,
    String principal,
    String connection,
    String vendor,
    String operation,
    Map<String, String> request,
    String idempotencyKey,
    List<Attempt> attempts,
    String breakerState,
    Outcome outcome,
    String resourceId,
    ActionError error,
    Upstream upstream,
    boolean deduplicated,
    boolean reconciled,
    String vendorRequestId,
    long durationMs,
    String vendorUsage,
    Map<String, String> context,
    Decision decision) {

  public AuditEvent {
    Objects.requireNonNull(traceId, "traceId == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
    Objects.requireNonNull(outcome, "outcome == null");
    request = Map.copyOf(request);
    attempts = List.copyOf(attempts);
    context = Map.copyOf(context);
  }

  /** An event without a policy decision (a layer without a policy, a saga's own event). */
  public AuditEvent(String traceId, Instant timestamp, String principal, String connection,
      String vendor, String operation, Map<String, String> request, String idempotencyKey,
      List<Attempt> attempts, String breakerState, Outcome outcome, String resourceId,
      ActionError error, Upstream upstream, boolean deduplicated, boolean reconciled,
      String vendorRequestId, long durationMs, String vendorUsage, Map<String, String> context) {
    this(traceId, timestamp, principal, connection, vendor, operation, request, idempotencyKey,
        attempts, breakerState, outcome, resourceId, error, upstream, deduplicated, reconciled,
        vendorRequestId, durationMs, vendorUsage, context, null);
  }

  /**
   * What the layer's policy decided about the call, before any I/O.
   *
   * @param allowed whether the call was let through
   * @param rule the id of the rule (or quota) that allowed or denied it; null when no rule allows it
   * @param reason why it was denied ({@code "no rule"}, {@code "where"}, {@code "quota"},
   *     {@code "approval denied"}, {@code "approval pending"}, {@code "approver failed"}); null when
   *     allowed
   * @param approval {@code none} when the rule needs no approval, else {@code approved},
   *     {@code denied}, {@code pending} or {@code failed}
   * @param approvedBy who approved or denied, or null
   * @param approvalId the pending approval's id, or null
   */
  public record Decision(boolean allowed, String rule, String reason, String approval,
      String approvedBy, String approvalId) {
    public Decision {
      Objects.requireNonNull(approval, "approval == null");
    }
  }

  /** How the logical call ended. */
  public enum Outcome {
    SUCCESS,
    FAILURE
  }

  /**
   * One request sent (or, for {@code sent == false}, one that failed before reaching the vendor).
   *
   * @param kind {@code call} for the operation itself, {@code aux} for a request the connector needed
   *     on the way (an id to pre-generate, a read-back), {@code reconcile} for a lookup after an
   *     ambiguous create
   * @param status the HTTP status, 0 when no response arrived
   * @param code the error code of a failed attempt, or null when it succeeded
   */
  public record Attempt(int number, String kind, int status, String code, long delayBeforeMs,
      long durationMs, boolean sent) {}

  /** The last vendor response: status, redacted headers and at most 8 KiB of redacted body. */
  public record Upstream(int status, Map<String, String> headers, String body, boolean bodyTruncated) {
    public Upstream {
      headers = Map.copyOf(headers);
    }
  }

  /** Renders this event as one line of JSON (no line breaks inside). */
  public String toJson() {
    JsonLine out = LINES.get();
    out.reset();
    appendJson(out);
    String line = out.toString();
    if (out.capacity() > MAX_KEPT_LINE) LINES.remove(); // an unusually long line: not kept
    return line;
  }

  /** Each thread's line for {@link #toJson()}, reused: only the returned string is new. */
  private static final ThreadLocal<JsonLine> LINES = ThreadLocal.withInitial(() -> new JsonLine(4096));
  /** A line buffer grown past this many characters is not kept for the next event. */
  private static final int MAX_KEPT_LINE = 32 * 1024;

  /**
   * Appends {@link #toJson()}'s line to {@code out}. Written by hand into one array (a sink can
   * reuse it): the same output as Moshi's compact {@code JsonWriter} with nulls left out — the
   * same escapes, maps sorted by key, and an unpaired surrogate written as {@code ?} — at a
   * fraction of the cost of writing UTF-8 into a buffer and decoding it back.
   */
  void appendJson(JsonLine out) {
    Json w = new Json(out);
    w.begin('{');
    w.string("traceId", traceId);
    w.string("timestamp", timestamp.toString());
    w.string("principal", principal);
    w.string("connection", connection);
    w.string("vendor", vendor);
    w.string("operation", operation);
    w.map("request", request);
    w.string("idempotencyKey", idempotencyKey);
    w.name("attempts").begin('[');
    for (Attempt a : attempts) {
      w.value().begin('{');
      w.number("n", a.number());
      w.string("kind", a.kind());
      w.number("status", a.status());
      w.string("code", a.code());
      w.number("delayBeforeMs", a.delayBeforeMs());
      w.number("durationMs", a.durationMs());
      w.bool("sent", a.sent());
      w.end('}');
    }
    w.end(']');
    w.string("breakerState", breakerState);
    w.string("outcome", outcome.name());
    w.string("resourceId", resourceId);
    if (error != null) {
      w.name("error").begin('{');
      w.string("code", error.code().name());
      w.bool("retryable", error.retryable());
      if (error.retryAfter().isPresent()) w.number("retryAfterMs", error.retryAfter().get().toMillis());
      w.number("httpStatus", error.httpStatus());
      if (!error.vendorCode().isEmpty()) w.string("vendorCode", error.vendorCode());
      w.string("message", error.message());
      if (!error.fieldErrors().isEmpty()) w.map("fieldErrors", error.fieldErrors());
      w.end('}');
    }
    if (upstream != null) {
      w.name("upstream").begin('{');
      w.number("status", upstream.status());
      w.map("headers", upstream.headers());
      w.string("body", upstream.body());
      w.bool("bodyTruncated", upstream.bodyTruncated());
      w.end('}');
    }
    w.bool("deduplicated", deduplicated);
    w.bool("reconciled", reconciled);
    w.string("vendorRequestId", vendorRequestId);
    w.number("durationMs", durationMs);
    w.string("vendorUsage", vendorUsage);
    if (!context.isEmpty()) w.map("context", context);
    if (decision != null) {
      w.name("decision").begin('{');
      w.bool("allowed", decision.allowed());
      w.string("rule", decision.rule());
      w.string("reason", decision.reason());
      w.string("approval", decision.approval());
      w.string("approvedBy", decision.approvedBy());
      w.string("approvalId", decision.approvalId());
      w.end('}');
    }
    w.end('}');
  }

  /** A compact JSON writer into a builder: commas, names, escaped strings; null members left out. */
  private static final class Json {
    private final JsonLine out;
    /** Whether the current object or array already has a member, so the next needs a comma. */
    private boolean more;

    Json(JsonLine out) {
      this.out = out;
    }

    void begin(char c) {
      out.append(c);
      more = false;
    }

    void end(char c) {
      out.append(c);
      more = true;
    }

    /** Starts an array element. */
    Json value() {
      if (more) out.append(',');
      return this;
    }

    Json name(String name) {
      if (more) out.append(',');
      escaped(name);
      out.append(':');
      return this;
    }

    void string(String name, String value) {
      if (value == null) return;
      name(name);
      escaped(value);
      more = true;
    }

    void number(String name, long value) {
      name(name);
      out.append(Long.toString(value));
      more = true;
    }

    void bool(String name, boolean value) {
      name(name);
      out.append(value ? "true" : "false");
      more = true;
    }

    void map(String name, Map<String, String> map) {
      name(name).begin('{');
      if (map.size() == 1) {
        Map.Entry<String, String> e = map.entrySet().iterator().next();
        string(e.getKey(), e.getValue());
      } else if (!map.isEmpty()) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
          string(e.getKey(), e.getValue());
        }
      }
      end('}');
    }

    private void escaped(String s) {
      out.appendQuoted(s);
    }
  }
}
