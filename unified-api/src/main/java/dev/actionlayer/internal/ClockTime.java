package dev.actionlayer.internal;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Bucket4j's time on the layer's clock, so that a bucket's waits and refills follow the same
 * (injectable) time as every other wait. {@code ConnectionRuntime}'s limiters use the same meter.
 */
public final class ClockTime {
  private ClockTime() {}

  /** A wall-clock-based meter reading {@code clock} in milliseconds. */
  public static TimeMeter meter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
