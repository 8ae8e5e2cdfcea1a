package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the audit event of a logical call, redacting everything that came from outside. */
final class Audits {
  /** At most this much upstream body goes into an event. */
  static final int BODY_CAP = 8 * 1024;

  private Audits() {}

  /** The event of a finished call; its operation is null when the call could not be planned. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static AuditEvent event(Call<?> call, Object result, ActionError error, String breakerState,
      long durationMs) {
    ConnectionRuntime c = call.c;
    Redactor r = c.redactor;
    Operation op = call.op;
    Map<String, String> request = new LinkedHashMap<>();
    if (op != null) {
      ((Map<String, String>) op.auditInput).forEach((k, v) -> request.put(k, r.text(cap(v, 2048))));
      if (call.request != null) request.put("vendorRequest", r.text(requestLine(call.request)));
    }
    return new AuditEvent(
        call.traceId(),
        call.startedAt,
        call.principal,
        c.name,
        c.connector.vendor(),
        call.operationName,
        request,
        op != null && op.kind == Operation.Kind.CREATE ? op.key : null,
        call.attempts,
        breakerState,
        error == null ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
        op == null ? null : result != null ? (String) op.idOf.apply(result) : op.targetId,
        error,
        upstream(r, call.lastResponse),
        call.deduplicated,
        call.reconciled,
        Failures.vendorRequestId(call),
        durationMs,
        call.usage == null ? null : call.usage.toString(),
        call.context,
        call.decision);
  }

  private static AuditEvent.Upstream upstream(Redactor r, VendorResponse response) {
    if (response == null) return null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
      headers.put(h.getKey(), r.header(h.getKey(), String.join(", ", h.getValue())));
    }
    boolean truncated = response.isTruncated() || response.bodySize() > BODY_CAP;
    return new AuditEvent.Upstream(response.status(), headers, r.text(response.bodyString(BODY_CAP)),
        truncated);
  }

  private static String requestLine(VendorRequest vr) {
    StringBuilder s = new StringBuilder(vr.method()).append(' ');
    for (String segment : vr.path()) s.append('/').append(segment);
    if (!vr.query().isEmpty()) {
      char sep = '?';
      for (Map.Entry<String, String> q : vr.query()) {
        s.append(sep).append(q.getKey()).append('=');
        s.append(Redactor.isSensitiveHeader(q.getKey()) ? Redactor.MASK : q.getValue());
        sep = '&';
      }
    }
    return s.toString();
  }

  static String cap(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
