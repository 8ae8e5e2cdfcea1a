package dev.actionlayer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the layer's traces and metrics go: an OpenTelemetry tracer (null when the layer's
 * OpenTelemetry is the no-op one, so that a call without tracing costs nothing) and the Micrometer
 * {@link Metrics} (null without a registry). The one seam the pipeline, the tool catalog, the saga
 * engine and the policy report through. Span names and attributes: {@code docs/observability.md}.
 * Thread-safe.
 */
public final class Telemetry {
  /** Neither traces nor metrics. */
  public static final Telemetry OFF = new Telemetry(null, null, false, null);

  static final String INSTRUMENTATION = "dev.actionlayer";

  static final AttributeKey<String> CONNECTION = AttributeKey.stringKey("actionlayer.connection");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("actionlayer.operation");
  static final AttributeKey<String> VENDOR = AttributeKey.stringKey("actionlayer.vendor");
  static final AttributeKey<Boolean> DEDUPLICATED = AttributeKey.booleanKey("actionlayer.deduplicated");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("actionlayer.attempts");
  static final AttributeKey<Boolean> SENT = AttributeKey.booleanKey("actionlayer.sent");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
  static final AttributeKey<String> TOOL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
  static final AttributeKey<String> TOOL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> WAIT_REASON = AttributeKey.stringKey("actionlayer.wait.reason");
  static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("actionlayer.wait.duration_ms");
  static final AttributeKey<String> SAGA_NAME = AttributeKey.stringKey("actionlayer.saga.name");
  static final AttributeKey<String> SAGA_ID = AttributeKey.stringKey("actionlayer.saga.id");
  static final AttributeKey<String> SAGA_STEP = AttributeKey.stringKey("actionlayer.saga.step");
  static final AttributeKey<String> SAGA_STATUS = AttributeKey.stringKey("actionlayer.saga.status");
  static final AttributeKey<Long> SAGA_RESIDUE = AttributeKey.longKey("actionlayer.saga.residue");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("actionlayer.reason");

  /** The tool execution span of this thread that the next logical call makes its own, or null. */
  private static final ThreadLocal<Span[]> TOOL_SPAN = new ThreadLocal<>();

  /** Null: no spans. */
  final Tracer tracer;
  /** Null: no metrics. */
  final Metrics metrics;
  /** Whether tool arguments and results go on spans (redacted). */
  final boolean recordArguments;
  /** Removes every connection's credentials from what is recorded by opt-in. */
  private final Redactor redactor;

  private Telemetry(Tracer tracer, Metrics metrics, boolean recordArguments, Redactor redactor) {
    this.tracer = tracer;
    this.metrics = metrics;
    this.recordArguments = recordArguments;
    this.redactor = redactor;
  }

  /**
   * @param otel where spans go; a no-op one (nothing installed) turns spans off entirely
   * @param registry where metrics go, or null for none
   * @param connections the layer's connections (filled after this call), whose credentials are
   *     removed from what is recorded by opt-in
   */
  public static Telemetry of(OpenTelemetry otel, MeterRegistry registry, boolean recordArguments,
      java.util.Map<String, ConnectionRuntime> connections) {
    Redactor redactor = new Redactor(() -> connections.values().stream()
        .flatMap(c -> c.authorizer.secrets().stream()).toList());
    Tracer tracer = otel.getTracer(INSTRUMENTATION, "0.1.0");
    // The no-op API hands out invalid span contexts for a root span; any SDK, even one that
    // samples nothing, hands out valid ones. Decided once: calls then skip tracing at no cost.
    Span probe = tracer.spanBuilder("actionlayer.probe").setNoParent().startSpan();
    boolean tracing = probe.getSpanContext().isValid();
    if (!tracing && registry == null) return OFF;
    return new Telemetry(tracing ? tracer : null, registry == null ? null : new Metrics(registry),
        recordArguments, redactor);
  }

  /** Whether spans are recorded. */
  public boolean tracing() {
    return tracer != null;
  }

  /** Whether metrics are recorded. */
  public boolean metering() {
    return metrics != null;
  }

  // ---- tools ----

  /**
   * Starts the span of one tool execution ({@code execute_tool <name>}, GenAI conventions) and
   * offers it to the logical call the tool makes; null when not tracing. End it with
   * {@link #endTool}.
   *
   * @param callId the caller's tool-call id, or null
   */
  public Span startTool(String toolName, String callId, String jsonArguments) {
    if (tracer == null) return null;
    Span span = tracer.spanBuilder("execute_tool " + toolName).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(GEN_AI_OPERATION, "execute_tool")
        .setAttribute(TOOL_NAME, toolName)
        .setAttribute(TOOL_TYPE, "function")
        .startSpan();
    if (callId != null && !callId.isBlank()) span.setAttribute(TOOL_CALL_ID, clip(callId, 128));
    if (recordArguments && jsonArguments != null) span.setAttribute(TOOL_ARGUMENTS, redact(jsonArguments));
    TOOL_SPAN.set(new Span[] {span});
    return span;
  }

  /**
   * Ends a tool span: {@code errorCode} (an {@code ErrorCode} name) null for success.
   *
   * @param result the tool's result JSON, recorded only by opt-in
   */
  public void endTool(Span span, String errorCode, String result) {
    TOOL_SPAN.remove();
    if (span == null) return;
    if (errorCode != null) failed(span, errorCode);
    if (recordArguments && result != null) span.setAttribute(TOOL_RESULT, redact(result));
    span.end();
  }

  /** Marks {@code span} (may be null: nothing to do) failed with {@code errorCode}. */
  public static void failed(Span span, String errorCode) {
    if (span == null) return;
    span.setAttribute(ERROR_TYPE, errorCode);
    span.setStatus(StatusCode.ERROR);
  }

  /** The tool span this thread's next logical call is part of, once; null when there is none. */
  static Span adoptToolSpan() {
    Span[] holder = TOOL_SPAN.get();
    if (holder == null || holder[0] == null) return null;
    Span span = holder[0];
    holder[0] = null;
    return span;
  }

  private String redact(String text) {
    return clip(redactor == null ? text : redactor.text(text), 4096);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  // ---- sagas ----

  /**
   * Starts a saga's span ({@code saga <name>}), a child of the current span; when
   * {@code recoveredTraceId} is not null (a recovery), it continues that trace, so the saga's
   * spans, old and new, are one trace. Null when not tracing.
   */
  public Span startSaga(String name, String sagaId, String recoveredTraceId) {
    if (tracer == null) return null;
    var b = tracer.spanBuilder("saga " + name).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(SAGA_NAME, name).setAttribute(SAGA_ID, sagaId);
    if (recoveredTraceId != null && isTraceId(recoveredTraceId)) {
      // The original saga span's id is not journaled: a fresh span id stands for it.
      SpanContext parent = SpanContext.create(recoveredTraceId, randomSpanId(), TraceFlags.getSampled(),
          TraceState.getDefault());
      b.setParent(Context.root().with(Span.wrap(parent)));
    }
    return b.startSpan();
  }

  /** A child of the current span for one saga step ({@code phase} "step") or its undoing ("compensate"). */
  public Span startSagaPart(String phase, String step) {
    if (tracer == null) return null;
    return tracer.spanBuilder("saga." + phase + " " + step).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(SAGA_STEP, step).startSpan();
  }

  /** Ends a saga part; {@code errorCode} null for success. */
  public static void endPart(Span span, String errorCode) {
    if (span == null) return;
    if (errorCode != null) failed(span, errorCode);
    span.end();
  }

  /** Ends a saga's span and counts its outcome. */
  public void endSaga(Span span, String name, String status, String errorCode, int residue) {
    if (metrics != null) metrics.saga(name, status, residue);
    if (span == null) return;
    span.setAttribute(SAGA_STATUS, status);
    if (residue > 0) span.setAttribute(SAGA_RESIDUE, (long) residue);
    endPart(span, status.equals("COMPLETED") ? null : errorCode != null ? errorCode : status);
  }

  // ---- policy ----

  /** Counts a call the policy refused; {@code reason} as in the audit decision ("no rule", "quota", …). */
  public void denied(String connection, String operation, String reason) {
    if (metrics != null) {
      metrics.denial(connection, operation, reason == null ? "unknown" : reason.replace(' ', '_'));
    }
  }

  /** Counts an approver's decision: approved, denied, pending or failed. */
  public void approval(String operation, String decision) {
    if (metrics != null) metrics.approval(operation, decision);
  }

  // ---- the pipeline's events (on the current span: the call's) ----

  /** The connection's breaker changed state; an opening is also an event on the current span. */
  void breakerTransition(String connection, String from, String to) {
    if (metrics != null) metrics.transition(connection, from, to);
    if (tracer != null && to.equals("OPEN")) {
      Span.current().addEvent("actionlayer.circuitbreaker.opened", Attributes.of(CONNECTION, connection));
    }
  }

  /** The vendor paused the connection for {@code d}. */
  void cooldownStarted(String connection, String reason, Duration d) {
    if (metrics != null) metrics.cooldown(connection, reason);
    if (tracer != null) {
      Span.current().addEvent("actionlayer.cooldown.started",
          Attributes.of(CONNECTION, connection, REASON, reason, WAIT_MS, d.toMillis()));
    }
  }

  /** A retry was refused because the connection's retry budget is spent. */
  void budgetExhausted(String connection) {
    if (tracer != null) {
      Span.current().addEvent("actionlayer.retry_budget.exhausted", Attributes.of(CONNECTION, connection));
    }
  }

  private static boolean isTraceId(String s) {
    return s.length() == 32 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
        && !s.equals("00000000000000000000000000000000");
  }

  private static String randomSpanId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return String.format("%016x", id);
  }
}
