package dev.actionlayer.internal;

import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.internal.shared.SharedStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One layer's vendor accounts: the shared store their limits live in, and one in-process
 * {@link Cooldown} per account, so that connections acting as the same account pause together
 * (the store, when it is a database, carries the pause to other processes). Thread-safe.
 */
public final class Accounts {
  private final SharedStore store;
  private final Clock clock;
  private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();
  private final Map<String, String> limits = new ConcurrentHashMap<>();

  /** @param clock the layer's clock: in-process buckets measure time on it */
  public Accounts(SharedStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public SharedStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  Cooldown cooldown(String account) {
    return cooldowns.computeIfAbsent(account, a -> new Cooldown());
  }

  /**
   * Notes that {@code connection} acts as {@code account} with {@code policy}'s rate limit.
   *
   * @throws IllegalArgumentException when another connection acts as the same account with
   *     another rate limit (one account has one limit)
   */
  void claim(String account, String connection, ConnectionPolicy policy) {
    String limit = policy.rateLimitPermits() == 0 ? "none"
        : policy.rateLimitPermits() + " per " + policy.rateLimitPeriod();
    String first = limits.putIfAbsent(account, connection + "\u0000" + limit);
    if (first == null) return;
    String[] parts = first.split("\u0000", 2);
    if (!parts[1].equals(limit)) {
      throw new IllegalArgumentException("connections '" + parts[0] + "' and '" + connection
          + "' act as the same vendor account but have different rate limits (" + parts[1]
          + " vs " + limit + "): one account has one limit");
    }
  }
}
