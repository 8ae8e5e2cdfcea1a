package dev.actionlayer.audit;

import com.squareup.moshi.JsonWriter;
import dev.actionlayer.ActionError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

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
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(false);
      w.beginObject();
      w.name("traceId").value(traceId);
      w.name("timestamp").value(timestamp.toString());
      w.name("principal").value(principal);
      w.name("connection").value(connection);
      w.name("vendor").value(vendor);
      w.name("operation").value(operation);
      writeMap(w, "request", request);
      w.name("idempotencyKey").value(idempotencyKey);
      w.name("attempts").beginArray();
      for (Attempt a : attempts) {
        w.beginObject();
        w.name("n").value(a.number());
        w.name("kind").value(a.kind());
        w.name("status").value(a.status());
        w.name("code").value(a.code());
        w.name("delayBeforeMs").value(a.delayBeforeMs());
        w.name("durationMs").value(a.durationMs());
        w.name("sent").value(a.sent());
        w.endObject();
      }
      w.endArray();
      w.name("breakerState").value(breakerState);
      w.name("outcome").value(outcome.name());
      w.name("resourceId").value(resourceId);
      if (error != null) writeError(w, error);
      if (upstream != null) {
        w.name("upstream").beginObject();
        w.name("status").value(upstream.status());
        writeMap(w, "headers", upstream.headers());
        w.name("body").value(upstream.body());
        w.name("bodyTruncated").value(upstream.bodyTruncated());
        w.endObject();
      }
      w.name("deduplicated").value(deduplicated);
      w.name("reconciled").value(reconciled);
      w.name("vendorRequestId").value(vendorRequestId);
      w.name("durationMs").value(durationMs);
      w.name("vendorUsage").value(vendorUsage);
      if (!context.isEmpty()) writeMap(w, "context", context);
      if (decision != null) {
        w.name("decision").beginObject();
        w.name("allowed").value(decision.allowed());
        w.name("rule").value(decision.rule());
        w.name("reason").value(decision.reason());
        w.name("approval").value(decision.approval());
        w.name("approvedBy").value(decision.approvedBy());
        w.name("approvalId").value(decision.approvalId());
        w.endObject();
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static void writeError(JsonWriter w, ActionError e) throws IOException {
    w.name("error").beginObject();
    w.name("code").value(e.code().name());
    w.name("retryable").value(e.retryable());
    if (e.retryAfter().isPresent()) w.name("retryAfterMs").value(e.retryAfter().get().toMillis());
    w.name("httpStatus").value(e.httpStatus());
    if (!e.vendorCode().isEmpty()) w.name("vendorCode").value(e.vendorCode());
    w.name("message").value(e.message());
    if (!e.fieldErrors().isEmpty()) writeMap(w, "fieldErrors", e.fieldErrors());
    w.endObject();
  }

  private static void writeMap(JsonWriter w, String name, Map<String, String> map) throws IOException {
    w.name(name).beginObject();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
  }
}
