package dev.actionlayer.internal.shared;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Token buckets by key, from the layer's shared state: the seam for anything that must count
 * across every connection (and, with a shared database, every process) acting for one thing — a
 * vendor account's client-side rate limit ({@code "limit:" + account}), a principal's quota
 * ({@code "quota:" + principal + ":" + rule}, say).
 *
 * <p>The first caller of a key fixes its configuration: later callers of the same key get the
 * same bucket whatever {@code configuration} they pass, so give one key one configuration. In
 * process ({@code SharedState.local()}) a bucket measures time on {@code clock} (the layer's, so
 * its waits run through the layer's {@code Sleeper} and tests can drive it); in a database, on
 * the system clock of each process (Bucket4j's client-side time: the instances' clocks must
 * agree, as NTP keeps them). Implementations are thread-safe.
 */
public interface Buckets {
  /**
   * The bucket named {@code key}, created with {@code configuration} when it does not exist yet.
   * Consuming from a database bucket is one transaction; it throws Bucket4j's (unchecked)
   * exceptions when the database does not answer.
   *
   * @param key 1..512 characters; keys are not secret, but not shown to agents either
   */
  Bucket bucket(String key, Supplier<BucketConfiguration> configuration, Clock clock);
}
