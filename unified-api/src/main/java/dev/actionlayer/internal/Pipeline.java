package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorResponse;
import dev.failsafe.Failsafe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import dev.actionlayer.spi.VendorRequest;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one resilience pipeline every canonical call goes through, outer stage first: duplicate-call
 * suppression, deadline, bulkhead, retry (backoff with full jitter, {@code Retry-After}, retry
 * budget, the cap on any wait), circuit breaker, cooldown and rate limiter, then the attempt with
 * its timeout and credentials. Emits exactly one audit event per logical call. Thread-safe.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  /** Upper bound on reconciliation lookups per call, whatever the clock says. */
  private static final int MAX_LOOKUPS = 20;
  /** How long a spent quota without a reset time pauses its connection. */
  static final Duration QUOTA_PAUSE = Duration.ofSeconds(60);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Transport transport;
  private final AuditSink auditSink;
  private final DoubleSupplier random;

  public Pipeline(Clock clock, Sleeper sleeper, Transport transport, AuditSink auditSink,
      DoubleSupplier random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.transport = transport;
    this.auditSink = auditSink;
    this.random = random;
  }

  /**
   * Plans and runs one logical call on connection {@code c} for {@code principal}, auditing the
   * outcome. A plan that cannot be built (bad input) fails before any I/O and is audited too.
   */
  <R> R execute(ConnectionRuntime c, String operation,
      Function<Function<VendorRequest, VendorResponse>, Plan<R>> planner, String principal,
      Map<String, String> context) {
    CallState st = new CallState(TraceIds.current(), clock.instant(), c.policy.deadline());
    Plan<R> plan = null;
    try {
      plan = plan(c, planner, request -> exchange(c, st, request));
      R result = plan.kind == Plan.Kind.CREATE && c.recentCreates != null
          ? deduplicated(c, plan, principal, st)
          : guarded(c, plan, st);
      audit(c, operation, plan, principal, context, st, result, null);
      return result;
    } catch (ActionException e) {
      ActionError error = e.error();
      if (plan != null && plan.kind == Plan.Kind.CREATE && st.maybeApplied
          && error.code() != ErrorCode.OUTCOME_UNKNOWN && !settledByVendor(plan, st)) {
        // An earlier attempt may have created the record and no later one could tell: saying
        // anything but OUTCOME_UNKNOWN would invite the caller to create it a second time.
        error = outcomeUnknown(error, "no later attempt could confirm whether it was");
      }
      error = finish(c, operation, st, error);
      audit(c, operation, plan, principal, context, st, null, error);
      throw new ActionException(error, e.getCause());
    }
  }

  /**
   * Whether the vendor itself answered the last attempt of a keyed create with a definitive
   * refusal: a replay under the same key would have returned the record had it been created.
   */
  private static boolean settledByVendor(Plan<?> plan, CallState st) {
    if (plan.safety != CreateSafety.KEYED || st.attempts.isEmpty()) return false;
    AuditEvent.Attempt last = st.attempts.get(st.attempts.size() - 1);
    // Only a refusal of the request itself: a rate limit or an auth failure says nothing about
    // whether an earlier attempt created the record.
    return last.kind().equals("call") && last.status() >= 400
        && (ErrorCode.INVALID_REQUEST.name().equals(last.code())
        || ErrorCode.NOT_FOUND.name().equals(last.code()));
  }

  private static <R> Plan<R> plan(ConnectionRuntime c,
      Function<Function<VendorRequest, VendorResponse>, Plan<R>> planner,
      Function<VendorRequest, VendorResponse> exchanger) {
    try {
      return planner.apply(exchanger);
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
   * An identical create from the same principal within the window gets the first call's result;
   * one that arrives while the first is in flight waits for it instead of sending a second.
   */
  @SuppressWarnings("unchecked")
  private <R> R deduplicated(ConnectionRuntime c, Plan<R> plan, String principal, CallState st) {
    Object key = new DedupeKey(principal, plan.operation, plan.dedupeInput);
    for (int round = 0; ; round++) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> first = c.recentCreates.asMap().putIfAbsent(key, mine);
      if (first == null) {
        try {
          R result = guarded(c, plan, st);
          mine.complete(result);
          return result;
        } catch (RuntimeException e) {
          c.recentCreates.asMap().remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        Object result = first.get(Math.max(1, remaining(st).toMillis()), TimeUnit.MILLISECONDS);
        st.deduplicated = true;
        return (R) result;
      } catch (ExecutionException e) {
        // The first call failed and left the cache: this one runs on its own (once).
        if (round > 0) throw (RuntimeException) e.getCause();
      } catch (TimeoutException e) {
        throw fail(ActionError.builder(ErrorCode.TIMEOUT)
            .message("deadline exhausted waiting for an identical create already in flight"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
            .message("interrupted while waiting for an identical create already in flight"));
      }
    }
  }

  /** Bulkhead around the retried attempts. */
  private <R> R guarded(ConnectionRuntime c, Plan<R> plan, CallState st) {
    boolean permitted;
    try {
      permitted = c.bulkhead.tryAcquirePermit(min(remaining(st), c.policy.maxWait()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting for a free slot on the connection"));
    }
    if (!permitted) {
      throw fail(ActionError.builder(ErrorCode.UNAVAILABLE)
          .message("connection '" + c.name + "' already runs " + c.policy.maxConcurrentCalls()
              + " calls (bulkhead full); nothing was sent"));
    }
    try {
      c.budget.onFirstAttempt();
      return Failsafe.with(c.retryPolicy).get(() -> attempt(c, plan, st));
    } catch (RetrySignal s) {
      throw new ActionException(s.error);
    } finally {
      c.bulkhead.releasePermit();
    }
  }

  private <R> R attempt(ConnectionRuntime c, Plan<R> plan, CallState st) {
    Duration delay = st.nextDelay;
    st.nextDelay = Duration.ZERO;
    if (!delay.isZero()) sleep(delay);
    int n = st.callAttempts() + 1;
    VendorRequest vendorRequest;
    try {
      vendorRequest = plan.request();
    } catch (ActionException e) {
      // Building needed an auxiliary exchange that failed (already audited as "aux"), or the
      // input is invalid: nothing of the operation itself was sent.
      if (!e.error().retryable()) throw e;
      throw retryOrFail(c, st, n, e.error());
    }
    Request request;
    try {
      request = transport.toOkHttp(c, vendorRequest);
    } catch (ActionException e) {
      // The auth stage could not get a token (token endpoint down or refusing): nothing was sent.
      if (!e.error().retryable()) throw e;
      st.attempts.add(new AuditEvent.Attempt(n, "call", 0, e.error().code().name(),
          delay.toMillis(), 0, false));
      throw retryOrFail(c, st, n, e.error());
    }
    Exchange x = sendProtected(c, request, st);
    VendorResponse response = x.response;
    ActionError error;
    boolean applied;
    if (response != null && response.isSuccessful() && x.failure == null) {
      try {
        R result = plan.reader.read(response);
        record(st, n, "call", delay, x, null);
        return result;
      } catch (ActionException e) {
        // The connector read the body and found a precise failure (a 200 that says "deleted").
        error = e.error().httpStatus() == 0
            ? e.error().toBuilder().httpStatus(response.status()).build() : e.error();
        applied = plan.kind == Plan.Kind.CREATE;
      } catch (IOException | RuntimeException e) {
        error = ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(plan.kind == Plan.Kind.READ)
            .httpStatus(response.status())
            .message("the vendor answered HTTP " + response.status() + " but its body could not be read")
            .build();
        applied = true;
      }
    } else if (response != null && response.isSuccessful()) {
      error = ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(response.status())
          .message("the vendor answered HTTP " + response.status() + " but the response was cut off")
          .build();
      applied = true;
    } else if (response != null) {
      if (plan.kind == Plan.Kind.CREATE && plan.recoverer != null) {
        R recovered = recover(plan, response);
        if (recovered != null) {
          record(st, n, "call", delay, x, null);
          return recovered;
        }
      }
      error = mapError(c, response);
      applied = false;
      // A 500 (or a proxy's 502/504) may come after the vendor applied the write.
      if (response.status() >= 500 && response.status() != 503) st.maybeApplied = true;
    } else {
      error = transportError(x);
      applied = false;
      if (x.sent) st.maybeApplied = true;
    }
    if (applied) st.maybeApplied = true;
    record(st, n, "call", delay, x, error.code());
    pauseConnectionIfAsked(c, error, response);
    if (error.code() == ErrorCode.UNAUTHENTICATED && response != null && !st.authRefreshed
        && c.authorizer.canRefresh()) {
      // The token may have expired early or been revoked: refresh once, resend at once.
      st.authRefreshed = true;
      c.authorizer.invalidate(request.header("Authorization"));
      return retryNow(error);
    }

    if (plan.kind == Plan.Kind.DELETE && error.code() == ErrorCode.NOT_FOUND && n > 1 && st.maybeApplied) {
      return null; // an earlier attempt whose answer was lost did the delete
    }
    if (plan.kind == Plan.Kind.CREATE && st.maybeApplied) {
      if (plan.safety == CreateSafety.UNSAFE) throw new ActionException(outcomeUnknown(error, "the vendor has no idempotency key"));
      if (plan.safety == CreateSafety.FINDABLE) {
        R found = reconcile(c, plan, st);
        if (found != null) return found;
        throw new ActionException(outcomeUnknown(error, "a lookup by idempotency key did not find the record"));
      }
      if (applied) error = error.toBuilder().retryable(true).build(); // KEYED: a repeat replays
    }
    throw retryOrFail(c, st, n, error);
  }

  /** Asks the connector whether an error answer to a create means "already created". */
  private static <R> R recover(Plan<R> plan, VendorResponse response) {
    try {
      return plan.recoverer.read(response);
    } catch (ActionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.OUTCOME_UNKNOWN)
          .httpStatus(response.status())
          .message("the vendor says the record already exists, but it could not be read back")
          .build());
    }
  }

  /**
   * One auxiliary request a connector needs while translating (never retried); recorded in the
   * audit as an {@code aux} attempt.
   */
  private VendorResponse exchange(ConnectionRuntime c, CallState st, VendorRequest request) {
    while (true) {
      Request okRequest = transport.toOkHttp(c, request);
      Exchange x = sendProtected(c, okRequest, st);
      int n = (int) st.attempts.stream().filter(a -> a.kind().equals("aux")).count() + 1;
      if (x.response == null || x.failure != null) {
        ActionError error = x.response == null ? transportError(x)
            : ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(x.response.status())
                .message("the vendor's response was cut off").build();
        record(st, n, "aux", Duration.ZERO, x, error.code());
        throw new ActionException(error);
      }
      if (x.response.isSuccessful()) {
        record(st, n, "aux", Duration.ZERO, x, null);
        return x.response;
      }
      ActionError error = mapError(c, x.response);
      record(st, n, "aux", Duration.ZERO, x, error.code());
      pauseConnectionIfAsked(c, error, x.response);
      if (error.code() == ErrorCode.UNAUTHENTICATED && !st.authRefreshed && c.authorizer.canRefresh()) {
        st.authRefreshed = true;
        c.authorizer.invalidate(okRequest.header("Authorization"));
        continue;
      }
      return x.response;
    }
  }

  private static <R> R retryNow(ActionError error) {
    throw new RetrySignal(error);
  }

  /** Decides whether to retry: only retryable errors, within attempts, cap, deadline and budget. */
  private RuntimeException retryOrFail(ConnectionRuntime c, CallState st, int n, ActionError error) {
    int counted = st.authRefreshed ? n - 1 : n; // the one resend after a token refresh is free
    if (!error.retryable() || counted >= c.policy.maxAttempts()) return new ActionException(error);
    Duration retryAfter = error.retryAfter().orElse(null);
    Duration delay = retryAfter != null ? retryAfter : backoff(c, n);
    if (delay.compareTo(c.policy.maxWait()) > 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; the vendor asks to wait " + seconds(delay)
              + ", longer than the " + seconds(c.policy.maxWait()) + " cap on any wait")
          .build());
    }
    if (delay.compareTo(remaining(st)) >= 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; waiting " + seconds(delay) + " would pass the call's deadline")
          .build());
    }
    if (!c.budget.tryRetry()) {
      return new ActionException(error.toBuilder()
          .message(error.message() + "; not retried: the connection's retry budget is spent")
          .build());
    }
    st.nextDelay = delay;
    return new RetrySignal(error);
  }

  /**
   * Polls the connector's lookup by idempotency key after an ambiguous create, within the
   * reconcile window and the deadline. Null when the record was not found.
   */
  private <R> R reconcile(ConnectionRuntime c, Plan<R> plan, CallState st) {
    Instant until = min(st.deadlineAt, clock.instant().plus(c.policy.reconcileWindow()));
    for (int i = 1; i <= MAX_LOOKUPS; i++) {
      Duration delay = Duration.ZERO;
      if (i > 1) {
        // Lookups are eventually consistent: wait at least the initial backoff between them.
        delay = max(c.policy.initialBackoff(), backoff(c, i - 1));
        if (clock.instant().plus(delay).isAfter(until)) return null;
        sleep(delay);
      }
      Exchange x;
      try {
        x = sendProtected(c, transport.toOkHttp(c, plan.find()), st);
      } catch (ActionException e) {
        return null; // breaker open or paused: nothing can tell now
      }
      if (x.response != null && x.response.isSuccessful() && x.failure == null) {
        try {
          R found = plan.findReader.read(x.response);
          record(st, i, "reconcile", delay, x, null);
          if (found != null) {
            st.reconciled = true;
            return found;
          }
          continue;
        } catch (IOException | RuntimeException e) {
          record(st, i, "reconcile", delay, x, ErrorCode.UPSTREAM_ERROR);
          continue;
        }
      }
      record(st, i, "reconcile", delay, x,
          x.response != null ? mapError(c, x.response).code() : transportError(x).code());
      if (!clock.instant().isBefore(until)) return null;
    }
    return null;
  }

  /** Cooldown, breaker and rate limiter, then one request within the attempt timeout. */
  private Exchange sendProtected(ConnectionRuntime c, Request request, CallState st) {
    Duration pause = c.cooldown.remaining(clock.instant());
    if (!pause.isZero()) {
      if (pause.compareTo(c.policy.maxWait()) > 0 || pause.compareTo(remaining(st)) >= 0) {
        ErrorCode reason = c.cooldown.reason();
        throw fail(ActionError.builder(reason).retryAfter(pause)
            .message("connection '" + c.name + "' is paused for " + seconds(pause) + " after the vendor's "
                + (reason == ErrorCode.QUOTA_EXHAUSTED ? "quota ran out" : "rate limit")
                + "; nothing was sent"));
      }
      sleep(pause);
      st.waitedMs += pause.toMillis();
    }
    Duration left = remaining(st);
    if (left.isZero()) {
      throw fail(ActionError.builder(ErrorCode.TIMEOUT)
          .message("the call's deadline of " + seconds(c.policy.deadline()) + " is exhausted"));
    }
    // Cheap early exit that spends no rate-limit permit; once the open delay has passed, the
    // permit request below moves the breaker to half-open.
    if (c.breaker.isOpen() && c.breaker.getRemainingDelay().toNanos() > 0) throw circuitOpen(c);
    dev.failsafe.RateLimiter<Object> limiter = c.limiter();
    if (limiter != null) {
      Duration wait = limiter.tryReservePermit(min(left, c.policy.maxWait()));
      if (wait.isNegative()) {
        throw fail(ActionError.builder(ErrorCode.RATE_LIMITED)
            .retryAfter(c.policy.rateLimitPeriod())
            .message("connection '" + c.name + "' is at its client-side rate limit of "
                + c.policy.rateLimitPermits() + " per " + seconds(c.policy.rateLimitPeriod())
                + "; nothing was sent"));
      }
      if (!wait.isZero()) {
        sleep(wait);
        st.waitedMs += wait.toMillis();
      }
    }
    if (!c.breaker.tryAcquirePermit()) throw circuitOpen(c);
    left = remaining(st);
    if (left.isZero()) {
      c.breaker.recordSuccess(); // give back a half-open trial permit; nothing was learned
      throw fail(ActionError.builder(ErrorCode.TIMEOUT)
          .message("the call's deadline of " + seconds(c.policy.deadline()) + " is exhausted"));
    }
    Exchange x = transport.send(c, request, min(left, c.policy.attemptTimeout()));
    if (x.isVendorFailure()) c.breaker.recordFailure();
    else c.breaker.recordSuccess();
    if (x.response != null) {
      st.lastResponse = x.response;
      observeUsage(c, x.response);
    }
    if (x.sent) st.sent++;
    return x;
  }

  private static void observeUsage(ConnectionRuntime c, VendorResponse response) {
    try {
      dev.actionlayer.spi.VendorUsage usage = c.connector.usage(response);
      if (usage != null) c.lastUsage = usage;
    } catch (RuntimeException e) {
      log.warn("connector {} failed to read usage", c.connector.vendor(), e);
    }
  }

  private ActionException circuitOpen(ConnectionRuntime c) {
    Duration wait = c.breaker.getRemainingDelay();
    return fail(ActionError.builder(ErrorCode.CIRCUIT_OPEN)
        .retryAfter(wait.isNegative() ? Duration.ZERO : wait)
        .message("the circuit breaker of connection '" + c.name + "' is open after repeated vendor"
            + " failures; nothing was sent"));
  }

  private ActionError mapError(ConnectionRuntime c, VendorResponse response) {
    ActionError error;
    try {
      // 3xx included: redirects are never followed, but a 300 can mean something (Salesforce:
      // an external id matching several records); HttpErrors.byStatus calls a 3xx a redirect.
      error = c.connector.mapError(response);
    } catch (RuntimeException e) {
      log.warn("connector {} failed to map HTTP {}", c.connector.vendor(), response.status(), e);
      error = dev.actionlayer.spi.HttpErrors.byStatus(response).build();
    }
    ActionError.Builder b = error.toBuilder();
    if (error.httpStatus() == 0) b.httpStatus(response.status());
    return b.build();
  }

  private static ActionError transportError(Exchange x) {
    IOException e = x.failure;
    String what = x.sent ? "after the request was sent" : "before the request was sent";
    if (e instanceof InterruptedIOException) {
      return ActionError.builder(ErrorCode.TIMEOUT)
          .message("no response within the attempt timeout (" + what + ")").build();
    }
    return ActionError.builder(ErrorCode.UNAVAILABLE)
        .message("connection failed " + what + ": " + e.getClass().getSimpleName()).build();
  }

  private void pauseConnectionIfAsked(ConnectionRuntime c, ActionError error, VendorResponse response) {
    if (response == null) return;
    if (error.code() == ErrorCode.QUOTA_EXHAUSTED && error.retryAfter().isEmpty()) {
      // A spent quota with no reset time (Salesforce's daily limit): still stop sending for a
      // while, so that callers hear QUOTA_EXHAUSTED without spending requests on it.
      c.cooldown.pauseUntil(response.receivedAt().plus(QUOTA_PAUSE), ErrorCode.QUOTA_EXHAUSTED);
      return;
    }
    if (error.retryAfter().isEmpty()) return;
    if (error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.UNAVAILABLE
        || error.code() == ErrorCode.QUOTA_EXHAUSTED) {
      c.cooldown.pauseUntil(response.receivedAt().plus(error.retryAfter().get()),
          error.code() == ErrorCode.QUOTA_EXHAUSTED ? ErrorCode.QUOTA_EXHAUSTED : ErrorCode.RATE_LIMITED);
    }
  }

  private static ActionError outcomeUnknown(ActionError cause, String why) {
    return ActionError.builder(ErrorCode.OUTCOME_UNKNOWN)
        .httpStatus(cause.httpStatus())
        .vendorCode(cause.vendorCode())
        .message("the create may or may not have been applied (" + cause.code() + ": "
            + cause.message() + "); it was not repeated because " + why)
        .build();
  }

  /** Full jitter: uniform in [0, min(maxBackoff, initial * 2^(n-1))]. */
  private Duration backoff(ConnectionRuntime c, int retryNumber) {
    long initial = c.policy.initialBackoff().toMillis();
    long cap = c.policy.maxBackoff().toMillis();
    long ceiling = retryNumber >= 31 ? cap : Math.min(cap, initial << (retryNumber - 1));
    return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting before the next attempt"));
    }
  }

  private Duration remaining(CallState st) {
    Duration d = Duration.between(clock.instant(), st.deadlineAt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Records an attempt; its delay includes backoff, cooldown and rate-limit waits before it. */
  private void record(CallState st, int n, String kind, Duration delay, Exchange x, ErrorCode code) {
    long waited = delay.toMillis() + st.waitedMs;
    st.waitedMs = 0;
    st.attempts.add(new AuditEvent.Attempt(n, kind, x.response == null ? 0 : x.response.status(),
        code == null ? null : code.name(), waited,
        TimeUnit.NANOSECONDS.toMillis(x.durationNanos), x.sent));
  }

  /** Adds the call's context to the error and removes anything secret from it. */
  private ActionError finish(ConnectionRuntime c, String operation, CallState st, ActionError e) {
    ActionError.Builder b = e.toBuilder()
        .vendor(c.connector.vendor())
        .connection(c.name)
        .operation(operation)
        .traceId(st.traceId)
        .attempts(st.sent)
        .message(c.redactor.text(e.message()));
    if (!e.fieldErrors().isEmpty()) {
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      e.fieldErrors().forEach((k, v) -> fields.put(c.redactor.text(k), c.redactor.text(v)));
      b.clearFieldErrors().fieldErrors(fields);
    }
    if (e.vendorRequestId().isEmpty()) b.vendorRequestId(vendorRequestId(c, st));
    return b.build();
  }

  private String vendorRequestId(ConnectionRuntime c, CallState st) {
    String header = c.connector.requestIdHeader();
    return header == null || st.lastResponse == null ? null : st.lastResponse.header(header);
  }

  private <R> void audit(ConnectionRuntime c, String operation, Plan<R> plan, String principal,
      Map<String, String> context, CallState st, R result, ActionError error) {
    if (auditSink == AuditSink.NONE) return; // nobody listens: building the event is pure cost
    try {
      AuditEvent event = Audits.event(c, operation, plan, principal, context, st, result, error,
          vendorRequestId(c, st), clock);
      auditSink.accept(event);
    } catch (RuntimeException e) {
      log.warn("audit sink failed for trace {}: {}", st.traceId, e.getClass().getName());
    }
  }

  private static ActionException fail(ActionError.Builder b) {
    return new ActionException(b.build());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private record DedupeKey(String principal, String operation, Object input) {}
}
