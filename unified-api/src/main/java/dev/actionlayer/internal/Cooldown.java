package dev.actionlayer.internal;

import dev.actionlayer.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection-wide pause after a vendor says "not before T" (a 429 or 503 with a reset time):
 * every caller of the connection waits until T, not only the one that got the 429. Lock-free.
 */
final class Cooldown {
  private final AtomicLong untilMillis = new AtomicLong(0);
  /** Why the connection is paused: a spent quota must not read as a short rate limit. */
  private volatile ErrorCode reason = ErrorCode.RATE_LIMITED;

  /** Extends the pause to {@code until} (never shortens it), for {@code reason}. */
  void pauseUntil(Instant until, ErrorCode reason) {
    long target = until.toEpochMilli();
    if (untilMillis.accumulateAndGet(target, Math::max) == target) this.reason = reason;
  }

  /** The code of the response that set the current pause. */
  ErrorCode reason() {
    return reason;
  }

  /** How long callers must still wait at {@code now}; zero when not paused. */
  Duration remaining(Instant now) {
    long left = untilMillis.get() - now.toEpochMilli();
    return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
  }
}
