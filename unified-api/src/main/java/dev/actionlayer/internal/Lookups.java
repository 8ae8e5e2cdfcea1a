package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * A call's lookups by idempotency key after an ambiguous create (or as the whole of a lookup):
 * polled within the reconcile window and the deadline, because vendor searches are eventually
 * consistent, and what they established.
 */
final class Lookups<R> {
  /** Upper bound on lookups per call, whatever the clock says. */
  static final int MAX_LOOKUPS = 20;

  private final Call<R> call;
  /** Lookups the vendor answered (found or not), as opposed to failed ones. */
  private int answered;
  /** Whether the lookups stopped before their window ended (breaker open, connection paused). */
  private boolean cutShort;
  /** The error of the last lookup the vendor did not answer, or null. */
  ActionError error;

  Lookups(Call<R> call) {
    this.call = call;
  }

  /**
   * Whether "not found" is an answer: the vendor answered a lookup and the polling was not cut
   * short (an empty answer early in the window proves nothing).
   */
  boolean settled() {
    return answered > 0 && !cutShort;
  }

  /** The record, or null when it was not found (or nothing could tell: see {@link #settled}). */
  R poll() {
    Pipeline p = call.pipeline;
    ConnectionRuntime c = call.c;
    Instant window = p.clock.instant().plus(c.policy.reconcileWindow());
    Instant until = call.deadlineAt.isBefore(window) ? call.deadlineAt : window;
    for (int i = 1; i <= MAX_LOOKUPS; i++) {
      Duration delay = Duration.ZERO;
      if (i > 1) {
        Duration backoff = call.rules.backoff(i - 1);
        delay = backoff.compareTo(c.policy.initialBackoff()) > 0 ? backoff : c.policy.initialBackoff();
        if (p.clock.instant().plus(delay).isAfter(until)) return null;
        call.sleep(delay);
      }
      Exchange x;
      try {
        x = call.send(p.transport.toOkHttp(c, call.findRequest()), Call.AttemptKind.RECONCILE, i - 1);
      } catch (ActionException e) {
        error = e.error();
        cutShort = true;
        return null; // breaker open or paused: nothing can tell now
      }
      ActionError failure = Failures.classify(c, x, true);
      if (failure == null) {
        try {
          R found = call.readFound(x.response);
          call.record(Call.AttemptKind.RECONCILE, i, delay, x, null);
          answered++;
          if (found != null) return found;
          continue;
        } catch (IOException | RuntimeException e) {
          failure = ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(x.response.status())
              .message("the vendor's answer to the lookup could not be read").build();
        }
      }
      error = failure;
      call.record(Call.AttemptKind.RECONCILE, i, delay, x, failure.code());
      if (x.overCap()) return null; // the next lookup's answer would be as large
      if (!p.clock.instant().isBefore(until)) return null;
    }
    return null;
  }
}
