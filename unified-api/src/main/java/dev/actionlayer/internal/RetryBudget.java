package dev.actionlayer.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A per-connection token bucket that keeps retries a fixed fraction of first attempts (Google SRE's
 * client-side retry budget; the AWS SDK retry quota works the same way). Every first attempt earns
 * {@code ratio} of a retry, every retry spends one; the bucket holds at most {@code minimum} retries
 * and starts full, so a quiet connection can still retry a short outage, while a failing vendor
 * under load sees at most {@code 1 + ratio} requests per logical call. Lock-free.
 */
final class RetryBudget {
  private static final long UNIT = 1000; // fixed point: one retry = 1000 units
  private final long earnPerAttempt;
  private final long capacity;
  private final AtomicLong units;

  RetryBudget(double ratio, int minimum) {
    this.earnPerAttempt = Math.round(ratio * UNIT);
    this.capacity = Math.max(UNIT, minimum * UNIT);
    this.units = new AtomicLong(minimum * UNIT);
  }

  void onFirstAttempt() {
    if (earnPerAttempt == 0) return;
    long current;
    do {
      current = units.get();
      if (current >= capacity) return;
    } while (!units.compareAndSet(current, Math.min(capacity, current + earnPerAttempt)));
  }

  /** Spends one retry; false when the budget is empty. */
  boolean tryRetry() {
    long current;
    do {
      current = units.get();
      if (current < UNIT) return false;
    } while (!units.compareAndSet(current, current - UNIT));
    return true;
  }

  /** Retries available now (for tests and diagnostics). */
  double available() {
    return units.get() / (double) UNIT;
  }
}
