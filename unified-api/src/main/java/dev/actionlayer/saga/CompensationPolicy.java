package dev.actionlayer.saga;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a compensation is retried. Each attempt is a whole pipeline call (with the
 * connection's own retries inside it); between attempts the policy waits the vendor's
 * {@code Retry-After} or the breaker's remaining open time when given, else a full-jitter backoff,
 * so that an undo outlasts a short outage instead of leaving residue.
 *
 * @param maxAttempts attempts per compensation, at least 1
 * @param maxDuration how long one compensation may keep trying, waits included
 * @param initialBackoff the first backoff ceiling, doubled per attempt up to {@code maxBackoff}
 */
public record CompensationPolicy(int maxAttempts, Duration maxDuration, Duration initialBackoff,
    Duration maxBackoff) {
  /** 8 attempts within 5 minutes, backoff from 1 s up to 60 s. */
  public static final CompensationPolicy DEFAULT =
      new CompensationPolicy(8, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(60));

  public CompensationPolicy {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    positive(maxDuration, "maxDuration");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff < initialBackoff: " + maxBackoff);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " <= 0: " + d);
  }
}
