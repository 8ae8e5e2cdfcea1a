package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import java.time.Duration;

/**
 * The one retry loop of the codebase, for a logical call's attempts and for a saga's patient
 * compensations alike. Its decisions are data: an attempt that may be repeated fails with a
 * {@link Candidate} (any other {@link ActionException} is final); the loop retries only a
 * {@code retryable} error, within the rules' attempts, after the error's {@code retryAfter} (a
 * positive one) or the rules' backoff, and only when the rules accept that wait (cap, deadline,
 * budget). What leaves the loop is the attempt's value or an {@link ActionException}.
 */
public final class Retries {
  private Retries() {}

  /** One attempt, told its number (from 1) and the wait that preceded it. */
  public interface Attempt<T> {
    T run(int number, Duration waitedBefore);
  }

  /** The limits one loop decides within. */
  public interface Rules {
    /** Whether another attempt may follow attempt {@code number}. */
    boolean mayRetry(int number);

    /** The backoff before the retry after attempt {@code number}. */
    Duration backoff(int number);

    /**
     * Null when waiting {@code delay} before the next attempt is acceptable; otherwise the
     * failure to report instead (the cap on any wait, the deadline, a spent budget).
     */
    ActionException refuse(ActionException failure, Duration delay);

    /** Waits {@code delay}; an interrupted wait throws the failure to report. */
    void sleep(Duration delay, ActionException failure);
  }

  /**
   * A failed attempt that the loop may repeat, if its error and the rules allow; thrown by an
   * attempt, never out of the loop.
   */
  public static final class Candidate extends RuntimeException {
    final ActionException failure;

    private Candidate(ActionException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /** Marks {@code failure} as one the loop may repeat. */
  public static Candidate candidate(ActionException failure) {
    return new Candidate(failure);
  }

  /** Marks {@code error} as one the loop may repeat. */
  static Candidate candidate(ActionError error) {
    return new Candidate(new ActionException(error));
  }

  public static <T> T run(Rules rules, Attempt<T> attempt) {
    Duration waited = Duration.ZERO;
    for (int n = 1; ; n++) {
      try {
        return attempt.run(n, waited);
      } catch (Candidate c) {
        ActionException e = c.failure;
        ActionError error = e.error();
        if (!error.retryable() || !rules.mayRetry(n)) throw e;
        // A zero retryAfter (a half-open breaker whose one trial another caller holds, a vendor's
        // "Retry-After: 0") is no pacing at all: concurrent callers would all come straight back,
        // so it gets the ordinary backoff instead.
        Duration asked = error.retryAfter().orElse(Duration.ZERO);
        Duration delay = asked.compareTo(Duration.ZERO) > 0 ? asked : rules.backoff(n);
        ActionException refused = rules.refuse(e, delay);
        if (refused != null) throw refused;
        rules.sleep(delay, e);
        waited = delay;
      }
    }
  }
}
