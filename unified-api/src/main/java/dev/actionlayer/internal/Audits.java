package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds the audit event of a logical call, redacting everything that came from outside. */
final class Audits {
  /** At most this much upstream body goes into an event. */
  static final int BODY_CAP = 8 * 1024;

  private Audits() {}

  /** {@code plan} is null when the call failed before it could be planned. */
  static <R> AuditEvent event(ConnectionRuntime c, String operation, Plan<R> plan, String principal,
      Map<String, String> context, CallState st, R result, ActionError error,
      String vendorRequestId, Clock clock) {
    Redactor r = c.redactor;
    Map<String, String> request = new LinkedHashMap<>();
    if (plan != null) {
      plan.auditRequest.forEach((k, v) -> request.put(k, r.text(cap(v, 2048))));
      if (plan.builtRequest() != null) request.put("vendorRequest", r.text(requestLine(plan.builtRequest())));
    }
    return new AuditEvent(
        st.traceId,
        st.startedAt,
        principal,
        c.name,
        c.connector.vendor(),
        operation,
        request,
        plan != null && plan.kind == Plan.Kind.CREATE ? plan.context.idempotencyKey() : null,
        st.attempts,
        c.breaker.getState().name(),
        error == null ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
        plan == null ? null : result != null ? plan.idOf.apply(result) : plan.targetId,
        error,
        upstream(r, st.lastResponse),
        st.deduplicated,
        st.reconciled,
        vendorRequestId,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - st.startNanos),
        st.usage == null ? null : st.usage.toString(),
        context);
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
