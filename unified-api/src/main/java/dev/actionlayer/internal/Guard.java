package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.VendorResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.actionlayer.internal.shared.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import okhttp3.Request;

/**
 * What stands between a call and the vendor, per request: the connection-wide cooldown (and its
 * probe), the deadline, the circuit breaker and the rate limiter (Failsafe's), then one request
 * within the attempt timeout. Also where a vendor's answer pauses the connection. Thread-safe.
 */
final class Guard {
  private static final Logger log = LoggerFactory.getLogger(Guard.class);
  /** How long a spent quota without a reset time pauses its connection. */
  static final Duration QUOTA_PAUSE = Duration.ofSeconds(60);

  private final Clock clock;
  private final Transport transport;

  Guard(Clock clock, Transport transport) {
    this.clock = clock;
    this.transport = transport;
  }

  /** Cooldown (and its probe), then {@link #sendGuarded}. */
  Exchange send(ConnectionRuntime c, Request request, Call<?> call) {
    if (c.shared.shared()) adoptSharedPause(c);
    Duration pause = c.cooldown.remaining(clock.instant());
    if (!pause.isZero()) {
      if (pause.compareTo(c.policy.maxWait()) > 0 || pause.compareTo(call.remaining()) >= 0) {
        ErrorCode reason = c.cooldown.reason();
        throw Failures.fail(ActionError.builder(reason).retryAfter(pause)
            .message("connection '" + c.name + "' is paused for " + Failures.seconds(pause) + " after the vendor's "
                + (reason == ErrorCode.QUOTA_EXHAUSTED ? "quota ran out" : "rate limit")
                + "; nothing was sent"));
      }
      call.waitBeforeRequest(pause, "cooldown");
    }
    Cooldown.Admission admission = c.cooldown.admit();
    if (admission == Cooldown.Admission.WAIT_FOR_PROBE) {
      // Refused at once, as a half-open breaker refuses: the probe's answer is a round trip away.
      throw Failures.fail(ActionError.builder(c.cooldown.reason()).retryAfter(Duration.ZERO)
          .message("connection '" + c.name + "' is resuming after a long pause: one request is"
              + " probing the vendor first; nothing was sent"));
    }
    boolean probe = admission == Cooldown.Admission.PROBE;
    try {
      Exchange x = sendGuarded(c, request, call);
      if (probe) c.cooldown.probeDone(x.response != null);
      probe = false;
      return x;
    } finally {
      if (probe) c.cooldown.probeDone(false); // nothing was learned: the next caller probes
    }
  }

  /**
   * Makes a pause another process recorded for the account this connection's own (read per call:
   * one primary-key SELECT, so a 429 anywhere reaches every instance before its next request).
   */
  private void adoptSharedPause(ConnectionRuntime c) {
    Pause p;
    try {
      p = c.shared.pause(c.account, clock.instant());
    } catch (RuntimeException e) {
      throw sharedStateDown(c, e);
    }
    if (p != null) c.cooldown.pauseUntil(p.until(), p.reason(), p.probeFirst());
  }

  /** The shared state did not answer: fail closed (an unknown limit must not be exceeded). */
  private static dev.actionlayer.ActionException sharedStateDown(ConnectionRuntime c, RuntimeException e) {
    log.warn("connection {}: the shared state did not answer", c.name, e);
    return Failures.fail(ActionError.builder(ErrorCode.UNAVAILABLE)
        .message("connection '" + c.name + "' cannot reach the shared state that holds its vendor"
            + " account's rate limit and pause; nothing was sent"));
  }

  /** Deadline, breaker and rate limiter, then one request within the attempt timeout. */
  private Exchange sendGuarded(ConnectionRuntime c, Request request, Call<?> call) {
    Duration left = call.remaining();
    if (left.isZero()) throw deadlineExhausted(c);
    // Cheap early exit that spends no rate-limit permit; once the open time has passed on the
    // layer's clock, the breaker goes half-open and the permit request below lets one trial by.
    if (c.breaker.isOpen()) {
      Duration open = c.breakerRemaining(clock.instant());
      if (!open.isZero()) throw circuitOpen(c, open);
      synchronized (c.breaker) {
        if (c.breaker.isOpen()) c.breaker.halfOpen();
      }
    }
    io.github.bucket4j.Bucket limiter = c.limiter(clock.instant());
    long window = -1;
    if (limiter != null) window = sharedWindow(c, limiter, takePermit(c, limiter, call, left));
    if (!c.breaker.tryAcquirePermit()) throw circuitOpen(c, c.breakerRemaining(clock.instant()));
    left = call.remaining();
    if (left.isZero()) {
      c.breaker.recordSuccess(); // give back a half-open trial permit; nothing was learned
      throw deadlineExhausted(c);
    }
    if (window >= 0 && sharedWindow(c, limiter, System.currentTimeMillis()) != window) {
      // The shared bucket grants at most the limit per wall-clock window, but this request is
      // leaving in the next window (a slow thread, a loaded machine): charge it to that one, or
      // the vendor could count it beside that window's full allowance.
      try {
        takePermit(c, limiter, call, left);
      } catch (dev.actionlayer.ActionException e) {
        c.breaker.recordSuccess(); // give back a half-open trial permit; nothing was sent
        throw e;
      }
    }
    Exchange x = transport.send(c, request, min(left, c.policy.attemptTimeout()));
    if (x.isVendorFailure()) c.breaker.recordFailure();
    else recordSuccess(c.breaker);
    return x;
  }

  /**
   * Takes one permit from {@code limiter}, waiting for it through the call when it comes within
   * the wait allowed (its Sleeper, audited with the request). Returns when the permit counts, on
   * the system clock, never later than the bucket's own grant time (so a window change after it is
   * never missed): a permit taken at once counts from before asking (the bucket may have read its
   * time before waiting for the row lock); a reserved one from the end of the wait, which ends
   * no earlier than the refill it waited for.
   */
  private static long takePermit(ConnectionRuntime c, io.github.bucket4j.Bucket limiter, Call<?> call,
      Duration left) {
    boolean permitted;
    long asked = System.currentTimeMillis();
    long[] waited = new long[1];
    try {
      permitted = limiter.asBlocking().tryConsume(1, min(left, c.policy.maxWait()).toNanos(), nanos -> {
        Duration wait = Duration.ofMillis((nanos + 999_999) / 1_000_000);
        waited[0] += wait.toMillis();
        call.waitBeforeRequest(wait, "rate_limit");
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting for the connection's rate limit"));
    } catch (dev.actionlayer.ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!c.shared.shared()) throw e;
      throw sharedStateDown(c, e);
    }
    if (!permitted) {
      throw Failures.fail(ActionError.builder(ErrorCode.RATE_LIMITED)
          .retryAfter(c.policy.rateLimitPeriod())
          .message("connection '" + c.name + "' is at its client-side rate limit of "
              + c.policy.rateLimitPermits() + " per " + Failures.seconds(c.policy.rateLimitPeriod())
              + "; nothing was sent"));
    }
    return waited[0] > 0 ? System.currentTimeMillis() : asked;
  }

  /**
   * The wall-clock window (period index since the epoch, on the system clock the shared bucket
   * runs on) of {@code epochMillis}, for the shared, aligned limiter; -1 for any other limiter.
   */
  private static long sharedWindow(ConnectionRuntime c, io.github.bucket4j.Bucket limiter, long epochMillis) {
    if (!c.shared.shared() || limiter != c.limiter) return -1;
    return epochMillis / Math.max(1, c.policy.rateLimitPeriod().toMillis());
  }

  /**
   * Records a success, skipping Failsafe's two locks when the success cannot change anything: the
   * breaker is closed and its window (the last {@code breakerWindow} results) is full and holds
   * no failure, so recording one more success leaves its counts and state exactly as they are.
   * Every caller of a connection shares those locks; on the all-successful path they are the
   * only contended section. A concurrent failure is still recorded under the lock; the skipped
   * success counts as recorded just before it.
   */
  static void recordSuccess(dev.failsafe.CircuitBreaker<Object> breaker) {
    if (breaker.isClosed() && breaker.getFailureCount() == 0
        && breaker.getExecutionCount() >= breaker.getConfig().getFailureThresholdingCapacity()
        && breaker.isClosed()) {
      return;
    }
    breaker.recordSuccess();
  }

  private static dev.actionlayer.ActionException deadlineExhausted(ConnectionRuntime c) {
    return Failures.fail(ActionError.builder(ErrorCode.TIMEOUT)
        .message("the call's deadline of " + Failures.seconds(c.policy.deadline()) + " is exhausted"));
  }

  /** The breaker refuses; {@code wait} is its remaining open time (zero while a trial is out). */
  private static dev.actionlayer.ActionException circuitOpen(ConnectionRuntime c, Duration wait) {
    return Failures.fail(ActionError.builder(ErrorCode.CIRCUIT_OPEN)
        .retryAfter(wait)
        .message("the circuit breaker of connection '" + c.name + "' is open after repeated vendor"
            + " failures; nothing was sent"));
  }

  /**
   * A {@code Retry-After} or reset time pauses the whole connection, not only this caller; a spent
   * quota with no reset time (Salesforce's daily limit) still stops it for a while, so that callers
   * hear {@code QUOTA_EXHAUSTED} without spending requests on it.
   */
  static void pauseIfAsked(ConnectionRuntime c, ActionError error, VendorResponse response) {
    if (response == null) return;
    if (error.code() == ErrorCode.QUOTA_EXHAUSTED && error.retryAfter().isEmpty()) {
      pause(c, response.receivedAt(), min(QUOTA_PAUSE, c.policy.maxCooldown()), ErrorCode.QUOTA_EXHAUSTED, false);
      return;
    }
    if (error.retryAfter().isEmpty()) return;
    if (error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.UNAVAILABLE
        || error.code() == ErrorCode.QUOTA_EXHAUSTED) {
      // Failures.classify has capped the wait at the ceiling; a capped pause ends with a probe.
      Duration wait = min(error.retryAfter().get(), c.policy.maxCooldown());
      pause(c, response.receivedAt(), wait,
          error.code() == ErrorCode.QUOTA_EXHAUSTED ? ErrorCode.QUOTA_EXHAUSTED : ErrorCode.RATE_LIMITED,
          wait.equals(c.policy.maxCooldown()));
    }
  }

  /**
   * Pauses the account for {@code wait} from {@code from} in this process and, with a database
   * store, in every process; a pause the database did not take still holds here (and the vendor's
   * error is reported as it was).
   */
  private static void pause(ConnectionRuntime c, Instant from, Duration wait, ErrorCode reason,
      boolean probeFirst) {
    Instant until = from.plus(wait);
    c.cooldown.pauseUntil(until, reason, probeFirst);
    c.telemetry.cooldownStarted(c.name, reason.name(), wait);
    if (!c.shared.shared()) return;
    try {
      c.shared.recordPause(c.account, new Pause(until, reason, probeFirst));
    } catch (RuntimeException e) {
      log.warn("connection {}: the shared state did not record the pause", c.name, e);
    }
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
