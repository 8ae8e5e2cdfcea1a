package dev.actionlayer.salesforce;

import dev.actionlayer.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Never sleeps: records each wait the pipeline asks for and moves the clock by it instead. */
final class RecordingSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
