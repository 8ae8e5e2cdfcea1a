package dev.actionlayer.testkit.fake;

import dev.actionlayer.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Fake time for connector tests: a UTC clock that stands still until the pipeline sleeps (or a
 * test calls {@link #advance}), and a {@link Sleeper} that never blocks but records each wait and
 * moves the clock by it. Pass the same instance to {@code ActionLayer.builder().clock(..)} and
 * {@code .sleeper(..)}, then assert on {@link #sleeps()}:
 * <pre>{@code
 * FakeTime time = new FakeTime(Instant.parse("2024-05-05T18:01:00Z"));
 * ActionLayer layer = ActionLayer.builder().connection("jira", connector).clock(time).sleeper(time).build();
 * // ... a 429 with Retry-After: 7, then a 200
 * assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
 * }</pre>
 * Thread-safe; millisecond precision.
 */
public final class FakeTime extends Clock implements Sleeper {
  private final AtomicLong millis;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile IntConsumer beforeSleep = n -> { };

  /** A clock that reads {@code start} until it is moved. */
  public FakeTime(Instant start) {
    this.millis = new AtomicLong(Objects.requireNonNull(start, "start == null").toEpochMilli());
  }

  /** Moves the clock forward by {@code duration} without recording a sleep. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) throw new IllegalArgumentException("duration < 0: " + duration);
    millis.addAndGet(duration.toMillis());
  }

  /**
   * Runs {@code action} with the wait's index (0 for the first) before each wait is recorded, on
   * the sleeping thread: e.g. to bring a server up, or let a slow first attempt finish, between
   * attempts. Replaces any earlier hook, including one set by {@link #onFirstSleep}.
   */
  public FakeTime beforeSleep(IntConsumer action) {
    this.beforeSleep = Objects.requireNonNull(action, "action == null");
    return this;
  }

  /** Runs {@code action} once, before the first wait: shorthand for {@link #beforeSleep}. */
  public FakeTime onFirstSleep(Runnable action) {
    Objects.requireNonNull(action, "action == null");
    return beforeSleep(n -> {
      if (n == 0) action.run();
    });
  }

  /** Runs the hook, records {@code duration} and moves the clock by it; blocks only if the hook does. */
  @Override
  public void sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    beforeSleep.accept(sleeps.size());
    sleeps.add(duration);
    millis.addAndGet(duration.toMillis());
  }

  /** Every wait so far, in order; a snapshot. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The sum of every wait so far. */
  public Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock: fake time has one zone, UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
