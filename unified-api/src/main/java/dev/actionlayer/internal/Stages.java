package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-request stages of the pipeline, inner first around the transport: connection cooldown,
 * deadline, circuit breaker, rate limiter, then one request within the attempt timeout; plus what
 * reuses them — auxiliary exchanges for connectors and reconciliation lookups — and the waits
 * between them (backoff through the injectable {@link Sleeper}). Thread-safe.
 */
final class Stages {
  private static final Logger log = LoggerFactory.getLogger(Stages.class);
  /** Upper bound on reconciliation lookups per call, whatever the clock says. */
  static final int MAX_LOOKUPS = 20;
  /** How long a spent quota without a reset time pauses its connection. */
  static final Duration QUOTA_PAUSE = Duration.ofSeconds(60);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Transport transport;
  private final DoubleSupplier random;

  Stages(Clock clock, Sleeper sleeper, Transport transport, DoubleSupplier random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.transport = transport;
    this.random = random;
  }

  /**
   * Polls the connector's lookup by idempotency key after an ambiguous create, within the
   * reconcile window and the deadline. Null when the record was not found.
   */
  <R> R reconcile(ConnectionRuntime c, Plan<R> plan, CallState st) {
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
        st.lookupError = e.error();
        st.lookupsCutShort = true;
        return null; // breaker open or paused: nothing can tell now
      }
      if (x.overCap()) {
        st.lookupError = Failures.tooLarge(c, x.response);
        record(st, i, "reconcile", delay, x, st.lookupError.code());
        return null; // the next lookup's answer would be as large
      }
      if (x.response != null && x.response.isSuccessful() && x.failure == null) {
        try {
          R found = plan.findReader.read(x.response);
          record(st, i, "reconcile", delay, x, null);
          st.lookupsAnswered++;
          if (found != null) {
            st.reconciled = true;
            return found;
          }
          continue;
        } catch (IOException | RuntimeException e) {
          record(st, i, "reconcile", delay, x, ErrorCode.UPSTREAM_ERROR);
          st.lookupError = ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(x.response.status())
              .message("the vendor's answer to the lookup could not be read").build();
          continue;
        }
      }
      ActionError error = x.response == null ? Failures.transportError(x)
          : x.failure != null ? ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(x.response.status())
              .message("the vendor's answer to the lookup was cut off").build()
          : Failures.mapError(c, x.response);
      st.lookupError = error;
      record(st, i, "reconcile", delay, x, error.code());
      if (!clock.instant().isBefore(until)) return null;
    }
    return null;
  }

  /**
   * One auxiliary request a connector needs while translating (never retried); recorded in the
   * audit as an {@code aux} attempt.
   */
  VendorResponse exchange(ConnectionRuntime c, CallState st, VendorRequest request) {
    while (true) {
      Request okRequest = transport.toOkHttp(c, request);
      Exchange x = sendProtected(c, okRequest, st);
      int n = (int) st.attempts.stream().filter(a -> a.kind().equals("aux")).count() + 1;
      if (x.response == null || x.failure != null) {
        ActionError error = x.response == null ? Failures.transportError(x)
            : ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(x.response.status())
                .message("the vendor's response was cut off").build();
        record(st, n, "aux", Duration.ZERO, x, error.code());
        throw new ActionException(error);
      }
      if (x.overCap()) {
        ActionError error = Failures.tooLarge(c, x.response);
        record(st, n, "aux", Duration.ZERO, x, error.code());
        throw new ActionException(error);
      }
      if (x.response.isSuccessful()) {
        record(st, n, "aux", Duration.ZERO, x, null);
        return x.response;
      }
      ActionError error = Failures.mapError(c, x.response);
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

  /** Cooldown (and its probe), then {@link #sendGuarded}. */
  Exchange sendProtected(ConnectionRuntime c, Request request, CallState st) {
    Duration pause = c.cooldown.remaining(clock.instant());
    if (!pause.isZero()) {
      if (pause.compareTo(c.policy.maxWait()) > 0 || pause.compareTo(remaining(st)) >= 0) {
        ErrorCode reason = c.cooldown.reason();
        throw Failures.fail(ActionError.builder(reason).retryAfter(pause)
            .message("connection '" + c.name + "' is paused for " + Failures.seconds(pause) + " after the vendor's "
                + (reason == ErrorCode.QUOTA_EXHAUSTED ? "quota ran out" : "rate limit")
                + "; nothing was sent"));
      }
      sleep(pause);
      st.waitedMs += pause.toMillis();
    }
    Cooldown.Admission admission = c.cooldown.admit();
    if (admission == Cooldown.Admission.WAIT_FOR_PROBE) {
      // A zero retryAfter is paced by the caller's backoff: by then the probe has its answer.
      throw Failures.fail(ActionError.builder(c.cooldown.reason()).retryAfter(Duration.ZERO)
          .message("connection '" + c.name + "' is resuming after a long pause: one request is"
              + " probing the vendor first; nothing was sent"));
    }
    boolean probe = admission == Cooldown.Admission.PROBE;
    try {
      Exchange x = sendGuarded(c, request, st);
      if (probe) c.cooldown.probeDone(x.response != null);
      probe = false;
      return x;
    } finally {
      if (probe) c.cooldown.probeDone(false); // nothing was learned: the next caller probes
    }
  }

  /** Deadline, breaker and rate limiter, then one request within the attempt timeout. */
  private Exchange sendGuarded(ConnectionRuntime c, Request request, CallState st) {
    Duration left = remaining(st);
    if (left.isZero()) {
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT)
          .message("the call's deadline of " + Failures.seconds(c.policy.deadline()) + " is exhausted"));
    }
    // Cheap early exit that spends no rate-limit permit; once the open delay has passed, the
    // permit request below moves the breaker to half-open.
    if (c.breaker.isOpen() && c.breaker.getRemainingDelay().toNanos() > 0) throw circuitOpen(c);
    dev.failsafe.RateLimiter<Object> limiter = c.limiter(clock.instant());
    if (limiter != null) {
      Duration wait = limiter.tryReservePermit(min(left, c.policy.maxWait()));
      if (wait.isNegative()) {
        throw Failures.fail(ActionError.builder(ErrorCode.RATE_LIMITED)
            .retryAfter(c.policy.rateLimitPeriod())
            .message("connection '" + c.name + "' is at its client-side rate limit of "
                + c.policy.rateLimitPermits() + " per " + Failures.seconds(c.policy.rateLimitPeriod())
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
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT)
          .message("the call's deadline of " + Failures.seconds(c.policy.deadline()) + " is exhausted"));
    }
    Exchange x = transport.send(c, request, min(left, c.policy.attemptTimeout()));
    if (x.isVendorFailure()) c.breaker.recordFailure();
    else c.breaker.recordSuccess();
    if (x.response != null) {
      st.lastResponse = x.response;
      observeUsage(c, st, x.response);
    }
    if (x.sent) st.sent++;
    return x;
  }

  void observeUsage(ConnectionRuntime c, CallState st, VendorResponse response) {
    try {
      dev.actionlayer.spi.VendorUsage usage = c.connector.usage(response);
      if (usage != null) {
        c.noteUsage(usage, response.receivedAt());
        st.usage = usage;
      }
    } catch (RuntimeException e) {
      log.warn("connector {} failed to read usage", c.connector.vendor(), e);
    }
  }

  ActionException circuitOpen(ConnectionRuntime c) {
    Duration wait = c.breaker.getRemainingDelay();
    return Failures.fail(ActionError.builder(ErrorCode.CIRCUIT_OPEN)
        .retryAfter(wait.isNegative() ? Duration.ZERO : wait)
        .message("the circuit breaker of connection '" + c.name + "' is open after repeated vendor"
            + " failures; nothing was sent"));
  }

  void pauseConnectionIfAsked(ConnectionRuntime c, ActionError error, VendorResponse response) {
    if (response == null) return;
    if (error.code() == ErrorCode.QUOTA_EXHAUSTED && error.retryAfter().isEmpty()) {
      // A spent quota with no reset time (Salesforce's daily limit): still stop sending for a
      // while, so that callers hear QUOTA_EXHAUSTED without spending requests on it.
      c.cooldown.pauseUntil(response.receivedAt().plus(Stages.min(QUOTA_PAUSE, c.policy.maxCooldown())),
          ErrorCode.QUOTA_EXHAUSTED, false);
      return;
    }
    if (error.retryAfter().isEmpty()) return;
    if (error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.UNAVAILABLE
        || error.code() == ErrorCode.QUOTA_EXHAUSTED) {
      // Failures.mapError has capped the wait at the ceiling; a capped pause ends with a probe.
      Duration wait = Stages.min(error.retryAfter().get(), c.policy.maxCooldown());
      c.cooldown.pauseUntil(response.receivedAt().plus(wait),
          error.code() == ErrorCode.QUOTA_EXHAUSTED ? ErrorCode.QUOTA_EXHAUSTED : ErrorCode.RATE_LIMITED,
          wait.equals(c.policy.maxCooldown()));
    }
  }

  /** The connection's full-jitter backoff before retry {@code retryNumber}. */
  Duration backoff(ConnectionRuntime c, int retryNumber) {
    return Backoff.fullJitter(c.policy.initialBackoff(), c.policy.maxBackoff(), retryNumber,
        random.getAsDouble());
  }

  void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting before the next attempt"));
    }
  }

  Duration remaining(CallState st) {
    Duration d = Duration.between(clock.instant(), st.deadlineAt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Records an attempt; its delay includes backoff, cooldown and rate-limit waits before it. */
  void record(CallState st, int n, String kind, Duration delay, Exchange x, ErrorCode code) {
    long waited = delay.toMillis() + st.waitedMs;
    st.waitedMs = 0;
    st.attempts.add(new AuditEvent.Attempt(n, kind, x.response == null ? 0 : x.response.status(),
        code == null ? null : code.name(), waited,
        TimeUnit.NANOSECONDS.toMillis(x.durationNanos), x.sent));
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
