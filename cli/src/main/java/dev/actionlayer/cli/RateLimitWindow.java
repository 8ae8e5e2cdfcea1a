package dev.actionlayer.cli;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.RequestMatcher;
import java.time.Duration;

/**
 * A fake vendor's rate limit in time rather than in request counts: the first create it sees
 * opens a window of {@code retryAfter} during which every create is refused (the fault rule it
 * selects for answers 429 with {@code Retry-After}). It counts, on the vendor's side, how clients
 * behaved: creates refused, retries that came back before the window closed (they ignored
 * {@code Retry-After}) and retries that waited it out. Thread-safe.
 */
final class RateLimitWindow implements RequestMatcher {
  private final long windowNanos;
  private long openedAt;
  private boolean opened;
  private int refused;
  private int early;
  private int waitedOut;

  RateLimitWindow(Duration retryAfter) {
    this.windowNanos = retryAfter.toNanos();
  }

  @Override
  public synchronized boolean matches(RecordedCall call, FakeVendor vendor) {
    if (!vendor.isCreate(call)) return false;
    long now = System.nanoTime();
    if (!opened) {
      opened = true;
      openedAt = now;
      refused++;
      return true;
    }
    if (now - openedAt < windowNanos) {
      early++;
      refused++;
      return true;
    }
    // Only the first create after a refusal is a retry that waited; later ones are new calls.
    if (refused > 0 && waitedOut == 0) waitedOut++;
    return false;
  }

  /** Creates the vendor refused with 429. */
  synchronized int refused() {
    return refused;
  }

  /** Retries that arrived while the vendor's {@code Retry-After} had not yet passed. */
  synchronized int early() {
    return early;
  }

  /** Retries that arrived after {@code Retry-After} had passed (0 or 1: the window closes once). */
  synchronized int waitedOut() {
    return waitedOut;
  }
}
