package dev.actionlayer;

import java.time.Duration;

/**
 * Waits on behalf of the pipeline (backoff, cooldown, rate limit). Injectable so that tests never
 * really sleep; the default is {@link Thread#sleep}.
 */
@FunctionalInterface
public interface Sleeper {
  /** The sleeper that really sleeps. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

  /** Blocks for {@code duration}; throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
