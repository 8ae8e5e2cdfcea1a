package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditSink;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one resilience pipeline every canonical call goes through: what all calls share (the clock,
 * the sleeper, the transport, the guard in front of each connection, the audit sink); each logical
 * call is one {@link Call} that runs its stages. Thread-safe.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  final Clock clock;
  final Sleeper sleeper;
  final Transport transport;
  final Guard guard;
  final DoubleSupplier random;
  private final AuditSink auditSink;
  final Telemetry telemetry;

  public Pipeline(Clock clock, Sleeper sleeper, Transport transport, AuditSink auditSink,
      DoubleSupplier random, Telemetry telemetry) {
    this.telemetry = telemetry;
    this.clock = clock;
    this.sleeper = sleeper;
    this.transport = transport;
    this.auditSink = auditSink;
    this.random = random;
    this.guard = new Guard(clock, transport);
  }

  /**
   * The result of one logical call, and whether it was served from the duplicate window (an
   * identical earlier create's result, nothing sent).
   */
  record Outcome<R>(R value, boolean deduplicated) {}

  /**
   * Runs one logical call on connection {@code c} for {@code principal}, auditing the outcome.
   * {@code operation} plans it; a plan that cannot be made (bad input) fails before any I/O and
   * is audited too.
   *
   * @throws dev.actionlayer.ActionException on any failure
   */
  <R> Outcome<R> run(ConnectionRuntime c, String name, Supplier<Operation<R>> operation,
      String principal, Map<String, String> context) {
    return new Call<>(this, c, name, operation, principal, context).run();
  }

  /**
   * {@link #run} after the policy decided about the call ({@code decision}, for its audit event):
   * a {@code refusal} fails it as its plan would, before any I/O, audited once like any failure.
   */
  <R> Outcome<R> run(ConnectionRuntime c, String name, Supplier<Operation<R>> operation,
      String principal, Map<String, String> context, dev.actionlayer.audit.AuditEvent.Decision decision,
      ActionError refusal) {
    Supplier<Operation<R>> planned = refusal == null ? operation : () -> {
      throw new dev.actionlayer.ActionException(refusal);
    };
    Call<R> call = new Call<>(this, c, name, planned, principal, context);
    call.decision = decision;
    return call.run();
  }

  void audit(Call<?> call, Object result, ActionError error) {
    if (auditSink == AuditSink.NONE) return; // nobody listens: building the event is pure cost
    try {
      // What changes after the call ends is read now; the rest (mostly redaction) may be done on
      // the sink's own thread: the call is finished, so nothing writes to it any more.
      call.traceId(); // drawn here, before the event may be built on another thread
      String breakerState = call.c.breaker.getState().name();
      long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.startNanos);
      auditSink.acceptDeferred(() -> Audits.event(call, result, error, breakerState, durationMs));
    } catch (RuntimeException e) {
      log.warn("audit sink failed for trace {}: {}", call.traceId(), e.getClass().getName());
    }
  }
}
