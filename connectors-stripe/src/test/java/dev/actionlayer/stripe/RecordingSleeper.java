package dev.actionlayer.stripe;

import dev.actionlayer.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** Never sleeps: records each wait the pipeline asks for and moves the clock by it instead. */
final class RecordingSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile IntConsumer beforeSleep = n -> { };

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} with the wait's index (0 for the first) before recording each wait. */
  RecordingSleeper beforeSleep(IntConsumer action) {
    this.beforeSleep = action;
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    beforeSleep.accept(sleeps.size());
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
