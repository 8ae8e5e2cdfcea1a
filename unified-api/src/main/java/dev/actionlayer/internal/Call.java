package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical call, start to finish: it owns its {@link Operation} and everything the call learns
 * on the way, and runs the stages outer first — duplicate-call suppression ({@link Duplicates}),
 * bulkhead, the retry loop ({@link Retries} within {@link CallRules}) whose attempts go through
 * the connection's {@link Guard}, reconciliation of an ambiguous create ({@link Lookups}), then
 * one audit event. Every response, whether the call's own, an
 * auxiliary request's or a lookup's, is judged by the one {@link Failures#classify}. Used by one
 * thread.
 */
final class Call<R> {
  private static final Logger log = LoggerFactory.getLogger(Call.class);
  /** What a recorded request was for. */
  enum AttemptKind {
    /** The operation's own request. */
    CALL("call"),
    /** A request the connector needed to build it (Drive's pre-generated ids). */
    AUX("aux"),
    /** A lookup by idempotency key after an ambiguous create. */
    RECONCILE("reconcile");

    /** The name in the audit event. */
    final String wire;

    AttemptKind(String wire) {
      this.wire = wire;
    }
  }

  final Pipeline pipeline;
  final ConnectionRuntime c;
  final String operationName;
  private final Supplier<Operation<R>> planner;
  final String principal;
  final Map<String, String> context;
  /**
   * The saga's or the current span's trace id, else null until {@link #traceId()} draws a random
   * one: a call nobody audits and that does not fail never needs it.
   */
  private String traceId;
  final Instant startedAt;
  final Instant deadlineAt;
  final long startNanos = System.nanoTime();
  final List<AuditEvent.Attempt> attempts = new ArrayList<>(4);

  /** Null until planned; stays null when planning failed. */
  Operation<R> op;
  private CallContext ctx;
  /** The operation's request, built once so that every attempt sends the same one. */
  VendorRequest request;
  private VendorRequest findRequest;

  private int callAttempts;
  private int auxAttempts;
  private int failedBuilds;
  /** Requests that reached the vendor. */
  int sent;
  /** Cooldown and rate-limit waits since the last recorded request. */
  private long waitedMs;
  /** Whether any attempt may have been applied by the vendor without us seeing the result. */
  private boolean maybeApplied;
  boolean reconciled;
  boolean deduplicated;
  private boolean authRefreshed;
  /** The limits of this call's retry loop. */
  final CallRules rules = new CallRules(this);
  /** The lookups by key this call made; null until the first ({@link #reconcile}). */
  private Lookups<R> lookups;
  /** The kind, status and code of the last recorded request. */
  private AttemptKind lastKind;
  private int lastStatus;
  private ErrorCode lastCode;
  VendorResponse lastResponse;
  /** The allowance usage the vendor reported during this call, or null. */
  VendorUsage usage;
  /** The policy's decision on this call, for its audit event; null without a policy. */
  AuditEvent.Decision decision;
  /** The call's span: its own, or the tool execution span it is part of; null when not tracing. */
  private final Span span;
  /** Whether {@link #span} is this call's own (else the tool catalog ends it). */
  private boolean ownSpan;
  /** Whether {@link #finished} ran. */
  private boolean spanDone;
  /** The span of the request being sent; null between requests or when not tracing. */
  private Span attemptSpan;
  /** The highest attempt number the retry loop reached; 0 when it never ran. */
  private int tries;
  /** The retry loop's wait before the next attempt, for that attempt's span: reason, or null. */
  private String loopWaitReason;
  private long loopWaitMs;

  Call(Pipeline pipeline, ConnectionRuntime c, String operationName, Supplier<Operation<R>> planner,
      String principal, Map<String, String> context) {
    this.pipeline = pipeline;
    this.c = c;
    this.operationName = operationName;
    this.planner = planner;
    this.principal = principal;
    this.context = context;
    this.span = pipeline.telemetry.tracer == null ? null : startSpan(pipeline.telemetry.tracer);
    // With a span, the audit event carries its trace id (or the saga's, which its span shares).
    this.traceId = span == null ? TraceIds.inherited() : TraceIds.inherited(span);
    this.startedAt = pipeline.clock.instant();
    this.deadlineAt = startedAt.plus(c.policy.deadline());
  }

  /** The call's trace id; drawn on first use when none was inherited. Caller's thread only. */
  String traceId() {
    if (traceId == null) traceId = TraceIds.random();
    return traceId;
  }

  /** The call's own span, or the current tool execution's, with the call's attributes. */
  private Span startSpan(Tracer tracer) {
    Span s = Telemetry.adoptToolSpan();
    if (s == null) {
      s = tracer.spanBuilder(operationName).setSpanKind(SpanKind.INTERNAL).startSpan();
      ownSpan = true;
    }
    s.setAttribute(Telemetry.CONNECTION, c.name);
    s.setAttribute(Telemetry.OPERATION, operationName);
    s.setAttribute(Telemetry.VENDOR, c.connector.vendor());
    return s;
  }

  /** Runs the call and audits it once. */
  Pipeline.Outcome<R> run() {
    if (span == null) return runStages();
    try (Scope ignored = span.makeCurrent()) {
      return runStages();
    } catch (RuntimeException | Error e) {
      if (!spanDone && ownSpan) { // a defect, not an ActionException (those end it in finished)
        Telemetry.failed(span, e.getClass().getName());
        span.end();
      }
      throw e;
    }
  }

  private Pipeline.Outcome<R> runStages() {
    try {
      op = plan();
      ctx = new CallContext(op.key, op.name, this::exchange, r -> Failures.mapError(c, r));
      R result = op.kind == Operation.Kind.FIND ? lookedUp()
          : op.kind == Operation.Kind.CREATE && c.recentCreates != null
              ? Duplicates.firstOrRun(this, this::guarded)
          : guarded();
      finished(null);
      pipeline.audit(this, result, null);
      return new Pipeline.Outcome<>(result, deduplicated);
    } catch (ActionException e) {
      ActionError error = e.error();
      if (op != null && op.kind == Operation.Kind.CREATE && maybeApplied
          && error.code() != ErrorCode.OUTCOME_UNKNOWN && !settledByVendor()) {
        // An earlier attempt may have created the record and no later one could tell: saying
        // anything but OUTCOME_UNKNOWN would invite the caller to create it a second time.
        error = Failures.outcomeUnknown(error, "no later attempt could confirm whether it was");
      }
      error = Failures.finish(this, error);
      finished(error);
      pipeline.audit(this, null, error);
      throw new ActionException(error, e.getCause());
    }
  }

  /** Ends the call's span and records its metrics; {@code error} null for success. */
  private void finished(ActionError error) {
    spanDone = true;
    if (attemptSpan != null) endAttempt(null, 0, error == null ? null : error.code().name(), true);
    if (span != null) {
      if (deduplicated) span.setAttribute(Telemetry.DEDUPLICATED, true);
      span.setAttribute(Telemetry.ATTEMPTS, (long) attempts.size());
      if (error != null) {
        span.setAttribute(Telemetry.ERROR_TYPE, error.code().name());
        span.setStatus(StatusCode.ERROR);
      }
      if (ownSpan) span.end();
    }
    Metrics m = pipeline.telemetry.metrics;
    if (m == null) return;
    String outcome = error == null ? "SUCCESS" : error.code().name();
    m.call(c.name, operationName, outcome, System.nanoTime() - startNanos);
    if (tries > 0) {
      m.retryCall(c.name, operationName, (error == null ? "successful_" : "failed_")
          + (tries > 1 ? "with_retry" : "without_retry"));
    }
    if (deduplicated) m.duplicate(c.name, operationName);
  }

  /** The retry loop waits {@code d} before the next attempt ({@code reason}: backoff, retry_after). */
  void loopWait(String reason, Duration d) {
    Metrics m = pipeline.telemetry.metrics;
    if (m != null) m.waited(c.name, reason, d);
    if (span != null) {
      loopWaitReason = reason;
      loopWaitMs = d.toMillis();
    }
  }

  private Operation<R> plan() {
    try {
      return planner.get();
    } catch (ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("connector {} failed to build a request", c.connector.vendor(), e);
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL)
          .message("the " + c.connector.vendor() + " connector failed to build the request: "
              + e.getClass().getSimpleName())
          .build());
    }
  }

  /**
   * Whether the vendor itself answered the last attempt of a keyed create with a definitive
   * refusal: a replay under the same key would have returned the record had it been created.
   * Only a refusal of the request itself: a rate limit or an auth failure says nothing about
   * whether an earlier attempt created the record.
   */
  private boolean settledByVendor() {
    return op.safety == CreateSafety.KEYED && lastKind == AttemptKind.CALL && lastStatus >= 400
        && (lastCode == ErrorCode.INVALID_REQUEST || lastCode == ErrorCode.NOT_FOUND);
  }

  /**
   * A lookup by idempotency key: the record, or null when the vendor answered and never showed it
   * during the whole window.
   *
   * @throws ActionException when no lookup got an answer, or the lookups were cut short (breaker
   *     open, connection paused): an empty answer early in the window proves nothing
   */
  private R lookedUp() {
    R found = reconcile();
    if (found != null || lookups.settled()) return found;
    ActionError last = lookups.error != null ? lookups.error
        : ActionError.builder(ErrorCode.UNAVAILABLE).message("no lookup could be sent").build();
    throw new ActionException(last.toBuilder()
        .message("could not tell whether the record exists: " + last.message()).build());
  }

  /** The bulkhead around the retried attempts. */
  R guarded() {
    boolean permitted;
    try {
      permitted = c.bulkhead.tryAcquire()
          || c.bulkhead.tryAcquire(Guard.min(remaining(), c.policy.maxWait()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting for a free slot on the connection"));
    }
    if (!permitted) {
      throw Failures.fail(ActionError.builder(ErrorCode.UNAVAILABLE)
          .message("connection '" + c.name + "' already runs " + c.policy.maxConcurrentCalls()
              + " calls (bulkhead full); nothing was sent"));
    }
    try {
      c.budget.onFirstAttempt();
      return Retries.run(rules, this::attempt);
    } finally {
      c.bulkhead.release();
    }
  }

  /** One attempt of the operation: at most one request, plus one resend after a token refresh. */
  private R attempt(int number, Duration delay) {
    tries = number;
    if (request == null && !delay.isZero()) {
      // Building may send an auxiliary request first: whichever request goes out next is the one
      // the backoff preceded, so the wait is handed to the next recorded request, aux or call.
      waitedMs += delay.toMillis();
      delay = Duration.ZERO;
    }
    VendorRequest vendorRequest;
    try {
      if (request == null) request = Operation.build(op.request, ctx, "request");
      vendorRequest = request;
    } catch (ActionException e) {
      // An auxiliary exchange failed (already recorded), or the input is invalid: nothing of the
      // operation itself was sent. A failed build is an attempt of the logical call all the
      // same, or a vendor failing only its auxiliary request would get more tries than
      // maxAttempts allows.
      if (!e.error().retryable()) throw e;
      failedBuilds++;
      throw Retries.candidate(e);
    }
    while (true) {
      int n = callAttempts + failedBuilds + 1;
      Request okRequest;
      try {
        okRequest = pipeline.transport.toOkHttp(c, vendorRequest);
      } catch (ActionException e) {
        // The credentials could not be had (token endpoint down or refusing): nothing was sent.
        if (!e.error().retryable()) throw e;
        record(AttemptKind.CALL, n, delay, null, e.error().code());
        throw Retries.candidate(e);
      }
      Exchange x = send(okRequest, AttemptKind.CALL, n - 1);
      boolean readsBody = op.kind != Operation.Kind.DELETE;
      ActionError error = Failures.classify(c, x, readsBody);
      boolean applied = false;
      if (error == null) {
        try {
          R result = op.reader.read(x.response, ctx);
          if (result == null && op.kind != Operation.Kind.DELETE) {
            throw new IOException("the connector read no record from the response");
          }
          record(AttemptKind.CALL, n, delay, x, null);
          return result;
        } catch (ActionException e) {
          // The connector read the body and found a precise failure (a 200 that says "deleted").
          error = e.error().httpStatus() == 0
              ? e.error().toBuilder().httpStatus(x.response.status()).build() : e.error();
          applied = op.kind == Operation.Kind.CREATE;
        } catch (IOException | RuntimeException e) {
          error = ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(op.kind == Operation.Kind.READ
                  || op.kind == Operation.Kind.LIST || op.kind == Operation.Kind.UPDATE)
              .httpStatus(x.response.status())
              .message("the vendor answered HTTP " + x.response.status() + " but its body could not be read")
              .build();
          applied = true;
        }
      } else if (x.response != null && x.response.isSuccessful()) {
        applied = op.kind == Operation.Kind.CREATE || !x.overCap(); // over the cap or cut off
      } else if (x.response != null) {
        if (op.kind == Operation.Kind.CREATE && op.recoverer != null) {
          R recovered = recover(x.response);
          if (recovered != null) {
            record(AttemptKind.CALL, n, delay, x, null);
            return recovered;
          }
        }
        // A 500 (or a proxy's 502/504) may come after the vendor applied the write.
        if (x.response.status() >= 500 && x.response.status() != 503) maybeApplied = true;
      } else if (x.sent) {
        maybeApplied = true;
      }
      if (applied) maybeApplied = true;
      record(AttemptKind.CALL, n, delay, x, error.code());
      Guard.pauseIfAsked(c, error, x.response);
      if (refreshedAfter(error, x.response, okRequest)) {
        delay = Duration.ZERO; // the token may have expired early or been revoked: resend at once
        continue;
      }
      return failed(n, error, applied && !x.overCap());
    }
  }

  /** What a failed attempt of the operation means: done after all, reconciled, or a failure. */
  private R failed(int n, ActionError error, boolean replayable) {
    if (op.kind == Operation.Kind.DELETE && error.code() == ErrorCode.NOT_FOUND && n > 1 && maybeApplied) {
      return null; // an earlier attempt whose answer was lost did the delete
    }
    if (op.kind == Operation.Kind.CREATE && maybeApplied) {
      if (op.safety == CreateSafety.UNSAFE) {
        throw new ActionException(Failures.outcomeUnknown(error, "the vendor has no idempotency key"));
      }
      if (op.safety == CreateSafety.FINDABLE) {
        R found = reconcile();
        if (found != null) return found;
        throw new ActionException(Failures.outcomeUnknown(error, "a lookup by idempotency key did not find the record"));
      }
      // KEYED: a repeat replays — but would replay an answer over the cap just as large.
      if (replayable) error = error.toBuilder().retryable(true).build();
    }
    throw Retries.candidate(error);
  }

  /** Asks the connector whether an error answer to a create means "already created". */
  private R recover(VendorResponse response) {
    try {
      return op.recoverer.read(response, ctx);
    } catch (ActionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.OUTCOME_UNKNOWN)
          .httpStatus(Failures.httpStatus(response))
          .message("the vendor says the record already exists, but it could not be read back")
          .build());
    }
  }

  /**
   * The one token-refresh rule: a rejection of the credentials, once per call, drops the token so
   * that the next request gets a fresh one. Whether the caller should resend.
   */
  private boolean refreshedAfter(ActionError error, VendorResponse response, Request request) {
    if (error.code() != ErrorCode.UNAUTHENTICATED || response == null || authRefreshed
        || !c.authorizer.canRefresh()) {
      return false;
    }
    authRefreshed = true;
    c.authorizer.invalidate(request.header("Authorization"));
    return true;
  }

  /**
   * One auxiliary request the connector needs while translating (never retried, but resent once
   * after a token refresh). A non-2xx answer goes back to the connector, which knows what it means.
   */
  private VendorResponse exchange(VendorRequest vendorRequest) {
    for (int resends = 0; ; resends++) {
      Request okRequest = pipeline.transport.toOkHttp(c, vendorRequest);
      Exchange x = send(okRequest, AttemptKind.AUX, resends);
      int n = ++auxAttempts;
      ActionError error = Failures.classify(c, x, true);
      record(AttemptKind.AUX, n, Duration.ZERO, x, error == null ? null : error.code());
      if (error == null) return x.response;
      if (x.response == null || x.failure != null || x.overCap() || Failures.httpStatus(x.response) == 0) {
        throw new ActionException(error);
      }
      Guard.pauseIfAsked(c, error, x.response);
      if (refreshedAfter(error, x.response, okRequest)) continue;
      return x.response;
    }
  }

  /** Polls the lookup by key ({@link Lookups}); the record, or null when it was not found. */
  private R reconcile() {
    if (lookups == null) lookups = new Lookups<>(this);
    R found = lookups.poll();
    if (found != null) reconciled = true;
    return found;
  }

  /** The lookup request, built once. */
  VendorRequest findRequest() {
    if (findRequest == null) findRequest = Operation.build(op.find, ctx, "lookup");
    return findRequest;
  }

  /** Reads a lookup's answer with the operation's reader. */
  R readFound(VendorResponse response) throws IOException {
    return op.findReader.read(response, ctx);
  }

  /**
   * Sends one request through the connection's guard and notes what came back; with tracing, the
   * request's client span stays open until {@link #record} (or the call's end) closes it.
   *
   * @param resendCount how many times this request was sent before
   */
  Exchange send(Request okRequest, AttemptKind kind, int resendCount) {
    if (span != null) startAttempt(okRequest, resendCount);
    Exchange x;
    try {
      x = pipeline.guard.send(c, okRequest, this);
    } catch (ActionException e) {
      // Refused before sending: breaker open, paused, rate limit, deadline.
      String code = e.error().code().name();
      if (attemptSpan != null) endAttempt(null, 0, code, false);
      Metrics m = pipeline.telemetry.metrics;
      if (m != null) m.attempt(c.name, operationName, kind.wire, 0, code);
      throw e;
    }
    if (x.response != null) {
      lastResponse = x.response;
      try {
        VendorUsage reported = c.connector.usage(x.response);
        if (reported != null) {
          c.noteUsage(reported, x.response.receivedAt());
          usage = reported;
        }
      } catch (RuntimeException e) {
        log.warn("connector {} failed to read usage", c.connector.vendor(), e);
      }
    }
    if (x.sent) sent++;
    return x;
  }

  /** Records a request; its delay includes backoff, cooldown and rate-limit waits before it. */
  void record(AttemptKind kind, int n, Duration delay, Exchange x, ErrorCode code) {
    long waited = delay.toMillis() + waitedMs;
    waitedMs = 0;
    int status = x == null || x.response == null ? 0 : x.response.status();
    if (attemptSpan != null) {
      endAttempt(x, status, code == null ? null : code.name(), x != null && x.sent);
    }
    Metrics m = pipeline.telemetry.metrics;
    if (m != null) m.attempt(c.name, operationName, kind.wire, status, code == null ? "SUCCESS" : code.name());
    attempts.add(new AuditEvent.Attempt(n, kind.wire, status, code == null ? null : code.name(), waited,
        x == null ? 0 : TimeUnit.NANOSECONDS.toMillis(x.durationNanos), x != null && x.sent));
    if (kind == AttemptKind.CALL) callAttempts++;
    lastKind = kind;
    lastStatus = status;
    lastCode = code;
  }

  /**
   * Waits before a request ({@code reason}: cooldown, rate_limit); the wait is audited with that
   * request, and is an event of its span.
   */
  void waitBeforeRequest(Duration d, String reason) {
    sleep(d);
    waitedMs += d.toMillis();
    Metrics m = pipeline.telemetry.metrics;
    if (m != null) m.waited(c.name, reason, d);
    if (attemptSpan != null) attemptSpan.addEvent("actionlayer.wait",
        Attributes.of(Telemetry.WAIT_REASON, reason, Telemetry.WAIT_MS, d.toMillis()));
  }

  /** Opens the client span of one request (HTTP client conventions), a child of the call's. */
  private void startAttempt(Request okRequest, int resendCount) {
    if (attemptSpan != null) endAttempt(null, 0, null, false); // a path that did not record it
    HttpUrl url = okRequest.url();
    Span s = pipeline.telemetry.tracer.spanBuilder(okRequest.method()).setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current().with(span))
        .setAttribute(Telemetry.HTTP_METHOD, okRequest.method())
        .setAttribute(Telemetry.SERVER_ADDRESS, url.host())
        .setAttribute(Telemetry.SERVER_PORT, (long) url.port())
        .startSpan();
    if (resendCount > 0) s.setAttribute(Telemetry.RESEND_COUNT, (long) resendCount);
    // The URL holds ids and search values (arguments): only by opt-in, redacted. Credentials
    // never travel in it (they go in the Authorization header, attached last).
    if (pipeline.telemetry.recordArguments) s.setAttribute(Telemetry.URL_FULL, redactedUrl(url));
    if (loopWaitReason != null) {
      s.addEvent("actionlayer.wait",
          Attributes.of(Telemetry.WAIT_REASON, loopWaitReason, Telemetry.WAIT_MS, loopWaitMs));
      loopWaitReason = null;
    }
    attemptSpan = s;
  }

  /** Closes the open request span: its status, or the error code it ended with. */
  private void endAttempt(Exchange x, int status, String errorCode, boolean sent) {
    Span s = attemptSpan;
    attemptSpan = null;
    if (status > 0) s.setAttribute(Telemetry.HTTP_STATUS, (long) status);
    if (!sent) s.setAttribute(Telemetry.SENT, false);
    if (errorCode != null) {
      s.setAttribute(Telemetry.ERROR_TYPE, errorCode);
      s.setStatus(StatusCode.ERROR);
    } else if (x != null && x.failure != null) {
      s.setAttribute(Telemetry.ERROR_TYPE, x.failure.getClass().getName());
      s.setStatus(StatusCode.ERROR);
    }
    s.end();
  }

  private String redactedUrl(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      b.addQueryParameter(name, Redactor.isSensitiveHeader(name) ? Redactor.MASK : url.queryParameterValue(i));
    }
    return c.redactor.text(b.build().toString());
  }

  /** What is left of the call's deadline; zero when it has passed. */
  Duration remaining() {
    // The clock's millis, not an Instant: this runs several times per attempt.
    long left = deadlineAt.toEpochMilli() - pipeline.clock.millis();
    return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
  }

  void sleep(Duration d) {
    try {
      pipeline.sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting before the next attempt"));
    }
  }

}
