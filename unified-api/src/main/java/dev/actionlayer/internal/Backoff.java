package dev.actionlayer.internal;

import java.time.Duration;

/** The one backoff formula, for the pipeline's retries and for a saga's compensations. */
public final class Backoff {
  private Backoff() {}

  /**
   * Full jitter: uniform in [0, min(cap, initial * 2^(retryNumber-1))], with {@code random} in
   * [0, 1).
   */
  public static Duration fullJitter(Duration initial, Duration cap, int retryNumber, double random) {
    long first = initial.toMillis();
    long max = cap.toMillis();
    long ceiling = retryNumber >= 31 ? max : Math.min(max, first << (retryNumber - 1));
    return Duration.ofMillis((long) (random * ceiling));
  }
}
