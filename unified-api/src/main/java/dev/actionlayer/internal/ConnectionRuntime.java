package dev.actionlayer.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorUsage;
import java.time.Duration;
import java.time.Instant;
import dev.failsafe.CircuitBreaker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import dev.actionlayer.internal.shared.SharedStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import okhttp3.HttpUrl;

/**
 * Everything one named connection owns: its connector, its policy and the state of its policies —
 * circuit breaker, bulkhead, rate limiter, cooldown, retry budget and duplicate-call cache. One per
 * connection, so a failing vendor never trips another connection's breaker.
 */
public final class ConnectionRuntime {
  final String name;
  final Connector connector;
  final ConnectionPolicy policy;
  final Authorizer authorizer;
  final Redactor redactor;
  final HttpUrl baseUrl;
  final CircuitBreaker<Object> breaker;
  /**
   * The bulkhead: a JDK semaphore, whose uncontended acquire is one CAS (Failsafe's bulkhead is a
   * synchronized section every caller of the connection shares).
   */
  final Semaphore bulkhead;
  final Bucket limiter;
  /** A quarter of the rate, used while the vendor reports the allowance nearly spent. */
  final Bucket conservingLimiter;
  /** When the breaker last opened, on the layer's clock (epoch millis). */
  private volatile long breakerOpenedAt;
  /** The latest allowance usage the vendor reported and when, or null. */
  private volatile UsageReport lastUsage;

  private record UsageReport(VendorUsage usage, Instant at) {}
  /** The vendor account: the key of the limit and the pause this connection shares. */
  final String account;
  /** Where the limiters live; a database store also carries pauses across processes. */
  final SharedStore shared;
  final Cooldown cooldown;
  final RetryBudget budget;
  final Cache<Object, CompletableFuture<Object>> recentCreates;
  /** Where this connection's spans and metrics go. */
  final Telemetry telemetry;

  /**
   * @param accounts the layer's accounts: the clock (the duplicate window is measured on it, as
   *     every other wait), the shared store and the per-account cooldowns; connections of one
   *     layer with the same account share limit and pause
   * @throws IllegalArgumentException when another connection of the layer acts as the same
   *     account with another rate limit
   */
  public ConnectionRuntime(String name, Connector connector, ConnectionPolicy policy,
      Authorizer authorizer, Accounts accounts, Telemetry telemetry) {
    java.time.Clock clock = accounts.clock();
    this.telemetry = telemetry;
    this.name = name;
    this.connector = connector;
    this.policy = policy;
    this.authorizer = authorizer;
    this.redactor = new Redactor(authorizer::secrets);
    HttpUrl url = HttpUrl.get(connector.baseUri().toString());
    this.baseUrl = url;
    this.account = policy.account().orElse(connector.vendor() + ":" + url);
    accounts.claim(account, name, policy);
    this.shared = accounts.store();
    this.cooldown = accounts.cooldown(account);
    this.breaker = CircuitBreaker.builder()
        .withFailureThreshold(policy.breakerFailureThreshold(), policy.breakerWindow())
        // The open time is measured on the layer's clock (breakerRemaining), like every other
        // wait; Failsafe's own delay runs on System.nanoTime, so it is set never to end first.
        .withDelay(Duration.ofDays(3650))
        .withSuccessThreshold(1)
        .onOpen(e -> {
          breakerOpenedAt = clock.millis();
          telemetry.breakerTransition(name, e.getPreviousState().name(), "OPEN");
        })
        .onHalfOpen(e -> telemetry.breakerTransition(name, e.getPreviousState().name(), "HALF_OPEN"))
        .onClose(e -> telemetry.breakerTransition(name, e.getPreviousState().name(), "CLOSED"))
        .build();
    this.bulkhead = new Semaphore(policy.maxConcurrentCalls());
    int permits = policy.rateLimitPermits();
    Duration period = policy.rateLimitPeriod();
    // In process, both limiters measure time on the layer's clock, so their waits go through its
    // Sleeper. Shared by account: the first connection's bucket serves every connection of it.
    this.limiter = permits == 0 ? null
        : shared.bucket("limit:" + account, () -> limitShape(shared.shared(), permits, period), clock);
    // No bursts: a quarter of the rate, evenly spaced.
    this.conservingLimiter = permits == 0 ? null
        : shared.bucket("conserve:" + account, () -> BucketConfiguration.builder()
            .addLimit(l -> l.capacity(1).refillGreedy(Math.max(1, permits / 4), period)).build(),
            clock);
    this.budget = new RetryBudget(policy.retryBudgetRatio(), policy.retryBudgetMinimum());
    this.recentCreates = policy.duplicateWindow().isZero() ? null
        : Caffeine.newBuilder()
            .ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .expireAfterWrite(policy.duplicateWindow())
            .maximumSize(10_000)
            .build();
    if (telemetry.metrics != null) telemetry.metrics.breaker(this);
  }

  /**
   * The limiter's shape. In process (today's): bursts up to the limit, refilled whole each period
   * from the bucket's creation. Shared: refilled whole at each multiple of the period since the
   * epoch (Bucket4j's aligned interval refill, on the system clock), so that every fixed window a
   * vendor counts on the wall clock (each second, each minute) holds at most {@code permits}
   * grants: leftovers never add to a refill, as capacity caps them. See docs/architecture.md.
   */
  static BucketConfiguration limitShape(boolean aligned, int permits, Duration period) {
    if (!aligned) {
      return BucketConfiguration.builder()
          .addLimit(l -> l.capacity(permits).refillIntervally(permits, period)).build();
    }
    long p = Math.max(1, period.toMillis());
    Instant next = Instant.ofEpochMilli((System.currentTimeMillis() / p + 1) * p);
    return BucketConfiguration.builder()
        .addLimit(l -> l.capacity(permits).refillIntervallyAligned(permits, period, next)).build();
  }

  /** Usage at or above this fraction of the vendor's allowance switches to the conserving limiter. */
  static final double CONSERVE_AT = 0.9;

  /** A usage report counts for this long: allowances reset, and not every response reports. */
  static final Duration USAGE_FRESH_FOR = Duration.ofSeconds(60);

  void noteUsage(VendorUsage usage, Instant at) {
    lastUsage = new UsageReport(usage, at);
  }

  /** The limiter for the next request: slower while the vendor says the allowance is nearly spent. */
  Bucket limiter(Instant now) {
    UsageReport report = lastUsage;
    boolean conserve = report != null && report.usage().fraction() >= CONSERVE_AT
        && report.at().plus(USAGE_FRESH_FOR).isAfter(now);
    return conserve ? conservingLimiter : limiter;
  }

  public String name() {
    return name;
  }

  public Connector connector() {
    return connector;
  }

  /** How long the open breaker stays open at {@code now}: zero when it is not open or its time is up. */
  Duration breakerRemaining(Instant now) {
    if (!breaker.isOpen()) return Duration.ZERO;
    long left = breakerOpenedAt + policy.breakerOpenFor().toMillis() - now.toEpochMilli();
    return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
  }

  /** The breaker's state name: CLOSED, OPEN or HALF_OPEN. */
  public String breakerState() {
    return breaker.getState().name();
  }

  @Override
  public String toString() {
    return "Connection{" + name + " -> " + connector.vendor() + " " + baseUrl.host() + "}";
  }
}
