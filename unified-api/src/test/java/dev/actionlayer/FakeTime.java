package dev.actionlayer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when the pipeline sleeps, and remembers every sleep. */
final class FakeTime extends Clock implements Sleeper {
  private final AtomicLong millis;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime() {
    this(Instant.parse("2026-11-25T10:00:00Z"));
  }

  FakeTime(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    millis.addAndGet(duration.toMillis());
  }

  void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  Duration slept() {
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

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
