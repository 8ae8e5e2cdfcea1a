package dev.actionlayer.gdrive;

import dev.actionlayer.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Never sleeps: records each wait the pipeline asks for and moves the clock by it instead. */
final class DriveSleeper implements Sleeper {
  private final DriveClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile Runnable onFirstSleep = () -> { };

  DriveSleeper(DriveClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} once, at the first wait (e.g. to bring a server up between attempts). */
  DriveSleeper onFirstSleep(Runnable action) {
    this.onFirstSleep = action;
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    if (sleeps.isEmpty()) onFirstSleep.run();
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
