package dev.actionlayer.internal.shared;

import dev.actionlayer.internal.ClockTime;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code SharedState.local()}: buckets in this process, on the caller's clock. Pauses are not
 * recorded here: the layer's own per-account cooldown is the in-process pause.
 */
public final class LocalStore implements SharedStore {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration, Clock clock) {
    SharedStates.requireKey(key);
    Objects.requireNonNull(configuration, "configuration == null");
    Objects.requireNonNull(clock, "clock == null");
    return buckets.computeIfAbsent(key, k -> {
      LocalBucketBuilder b = Bucket.builder().withCustomTimePrecision(ClockTime.meter(clock));
      for (Bandwidth limit : configuration.get().getBandwidths()) b.addLimit(limit);
      return b.build();
    });
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public Pause pause(String account, Instant now) {
    return null;
  }

  @Override
  public void recordPause(String account, Pause pause) {}

  @Override
  public void check() {}

  @Override
  public void close() {
    buckets.clear();
  }

  @Override
  public String toString() {
    return "SharedState.local()";
  }
}
