package dev.actionlayer.internal.policy;

import dev.actionlayer.internal.ClockTime;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the policy's quota buckets live, by key ({@code quota:<principal>:<quota id>}): in this
 * process ({@link #local}) or in a shared backend (a Bucket4j proxy manager), so that several
 * instances count one principal's calls together. The one seam between quotas and their storage.
 */
@FunctionalInterface
public interface Buckets {
  /**
   * The bucket of {@code key}, created with {@code configuration} when it does not exist yet.
   * Called for every checked call: cache what is costly to find.
   */
  Bucket bucket(String key, BucketConfiguration configuration);

  /** Buckets in this process, on the layer's clock. */
  static Buckets local(Clock clock) {
    TimeMeter time = ClockTime.meter(clock);
    Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    return (key, configuration) -> buckets.computeIfAbsent(key, k -> {
      LocalBucketBuilder b = Bucket.builder().withCustomTimePrecision(time);
      for (Bandwidth limit : configuration.getBandwidths()) b.addLimit(limit);
      return b.build();
    });
  }
}
