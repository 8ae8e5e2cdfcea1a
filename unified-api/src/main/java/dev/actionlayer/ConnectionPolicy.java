package dev.actionlayer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The resilience settings of one connection: attempts, deadline, backoff, the cap on any single
 * wait, bulkhead, rate limit, circuit breaker, retry budget, duplicate window and reconciliation.
 * Start from {@link #defaults()}; every setter validates eagerly. Immutable and thread-safe.
 */
public final class ConnectionPolicy {
  private final int maxAttempts;
  private final Duration deadline;
  private final Duration attemptTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxWait;
  private final Duration maxCooldown;
  private final int maxConcurrentCalls;
  private final int rateLimitPermits;
  private final Duration rateLimitPeriod;
  private final int breakerFailureThreshold;
  private final int breakerWindow;
  private final Duration breakerOpenFor;
  private final double retryBudgetRatio;
  private final int retryBudgetMinimum;
  private final Duration duplicateWindow;
  private final Duration reconcileWindow;
  private final long maxResponseBytes;
  private final String account;

  private ConnectionPolicy(Builder b) {
    maxAttempts = b.maxAttempts;
    deadline = b.deadline;
    attemptTimeout = b.attemptTimeout;
    initialBackoff = b.initialBackoff;
    maxBackoff = b.maxBackoff;
    maxWait = b.maxWait;
    maxCooldown = b.maxCooldown;
    maxConcurrentCalls = b.maxConcurrentCalls;
    rateLimitPermits = b.rateLimitPermits;
    rateLimitPeriod = b.rateLimitPeriod;
    breakerFailureThreshold = b.breakerFailureThreshold;
    breakerWindow = b.breakerWindow;
    breakerOpenFor = b.breakerOpenFor;
    retryBudgetRatio = b.retryBudgetRatio;
    retryBudgetMinimum = b.retryBudgetMinimum;
    duplicateWindow = b.duplicateWindow;
    reconcileWindow = b.reconcileWindow;
    maxResponseBytes = b.maxResponseBytes;
    account = b.account;
  }

  /** The defaults listed in the README. */
  public static ConnectionPolicy defaults() {
    return new Builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Attempts per logical call, the first included; 1 turns retries off. Default 3. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The whole logical call's budget, waits included. Default 30 s. */
  public Duration deadline() {
    return deadline;
  }

  /** The budget of one attempt (OkHttp's call timeout), never past the deadline. Default 10 s. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** The first backoff's upper bound; it doubles per retry (full jitter). Default 250 ms. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The cap on a computed backoff. Default 10 s. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The cap on any single wait (backoff, {@code Retry-After}, cooldown, rate limit): a longer wait
   * fails fast with {@code RATE_LIMITED} and {@code retryAfter}. Default 30 s.
   */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * The ceiling on a connection-wide pause that one vendor answer can cause ({@code Retry-After},
   * a rate-limit reset time): a longer ask pauses the connection this long, then one request
   * probes the vendor (as a half-open breaker does) while the others are answered
   * {@code RATE_LIMITED} without a request until the probe's answer arrives; the error's {@code retryAfter} says this ceiling, not the vendor's figure. A single header can
   * therefore never switch a connection off for longer. Default 5 min.
   */
  public Duration maxCooldown() {
    return maxCooldown;
  }

  /** Concurrent logical calls per connection (bulkhead). Default 16. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Requests allowed per {@link #rateLimitPeriod()}, or 0 for no client-side limit. Default 20. */
  public int rateLimitPermits() {
    return rateLimitPermits;
  }

  /** Default 1 s. */
  public Duration rateLimitPeriod() {
    return rateLimitPeriod;
  }

  /** Vendor-health failures within {@link #breakerWindow()} that open the breaker. Default 5. */
  public int breakerFailureThreshold() {
    return breakerFailureThreshold;
  }

  /** The number of most recent sent requests the breaker looks at. Default 10. */
  public int breakerWindow() {
    return breakerWindow;
  }

  /** How long the breaker stays open before letting a trial request through. Default 30 s. */
  public Duration breakerOpenFor() {
    return breakerOpenFor;
  }

  /** Retries allowed per first attempt, over time. Default 0.1 (Google SRE's 10%). */
  public double retryBudgetRatio() {
    return retryBudgetRatio;
  }

  /** Retries always available in a burst when the budget is full. Default 10. */
  public int retryBudgetMinimum() {
    return retryBudgetMinimum;
  }

  /** An identical create from the same principal within this window returns the first result. Default 30 s; zero disables. */
  public Duration duplicateWindow() {
    return duplicateWindow;
  }

  /** How long to poll a findable vendor for a create whose response was lost. Default 20 s. */
  public Duration reconcileWindow() {
    return reconcileWindow;
  }

  /** The most bytes read from a successful response. Default 8 MiB. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * The vendor account this connection acts as, when set: connections with the same account share
   * one client-side rate limit and one connection-wide pause — in one layer, and through a
   * database {@link SharedState} across processes. Empty (the default) means
   * {@code <vendor>:<base URL>}, e.g. {@code jira:https://acme.atlassian.net/}; set it when two
   * base URLs reach one account, or when one base URL serves several accounts (one per API key).
   * Connections sharing an account must have the same rate limit.
   */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  @Override
  public String toString() {
    return "ConnectionPolicy{maxAttempts=" + maxAttempts + ", deadline=" + deadline
        + ", attemptTimeout=" + attemptTimeout + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", maxWait=" + maxWait + ", maxCooldown=" + maxCooldown + ", maxConcurrentCalls=" + maxConcurrentCalls
        + ", rateLimit=" + rateLimitPermits + "/" + rateLimitPeriod
        + ", breaker=" + breakerFailureThreshold + "/" + breakerWindow + " open " + breakerOpenFor
        + ", retryBudget=" + retryBudgetRatio + "+" + retryBudgetMinimum
        + ", duplicateWindow=" + duplicateWindow + ", reconcileWindow=" + reconcileWindow
        + (account == null ? "" : ", account=" + account) + "}";
  }

  /** Builds a {@link ConnectionPolicy}; each setter validates its argument at once. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration deadline = Duration.ofSeconds(30);
    private Duration attemptTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration maxWait = Duration.ofSeconds(30);
    private Duration maxCooldown = Duration.ofMinutes(5);
    private int maxConcurrentCalls = 16;
    private int rateLimitPermits = 20;
    private Duration rateLimitPeriod = Duration.ofSeconds(1);
    private int breakerFailureThreshold = 5;
    private int breakerWindow = 10;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private double retryBudgetRatio = 0.1;
    private int retryBudgetMinimum = 10;
    private Duration duplicateWindow = Duration.ofSeconds(30);
    private Duration reconcileWindow = Duration.ofSeconds(20);
    private long maxResponseBytes = 8L * 1024 * 1024;
    private String account;

    private Builder() {}

    private Builder(ConnectionPolicy p) {
      maxAttempts = p.maxAttempts;
      deadline = p.deadline;
      attemptTimeout = p.attemptTimeout;
      initialBackoff = p.initialBackoff;
      maxBackoff = p.maxBackoff;
      maxWait = p.maxWait;
      maxCooldown = p.maxCooldown;
      maxConcurrentCalls = p.maxConcurrentCalls;
      rateLimitPermits = p.rateLimitPermits;
      rateLimitPeriod = p.rateLimitPeriod;
      breakerFailureThreshold = p.breakerFailureThreshold;
      breakerWindow = p.breakerWindow;
      breakerOpenFor = p.breakerOpenFor;
      retryBudgetRatio = p.retryBudgetRatio;
      retryBudgetMinimum = p.retryBudgetMinimum;
      duplicateWindow = p.duplicateWindow;
      reconcileWindow = p.reconcileWindow;
      maxResponseBytes = p.maxResponseBytes;
      account = p.account;
    }

    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) throw new IllegalArgumentException("maxAttempts not in 1..20: " + maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
      return this;
    }

    /** Sets the backoff range: the first retry waits up to {@code initial}, doubling up to {@code max}. */
    public Builder backoff(Duration initial, Duration max) {
      positive(initial, "initial");
      positive(max, "max");
      if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max < initial: " + max + " < " + initial);
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder maxWait(Duration maxWait) {
      this.maxWait = positive(maxWait, "maxWait");
      return this;
    }

    /** Sets the ceiling on a connection-wide pause; see {@link ConnectionPolicy#maxCooldown()}. */
    public Builder maxCooldown(Duration maxCooldown) {
      this.maxCooldown = positive(maxCooldown, "maxCooldown");
      return this;
    }

    public Builder maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 1) throw new IllegalArgumentException("maxConcurrentCalls < 1: " + maxConcurrentCalls);
      this.maxConcurrentCalls = maxConcurrentCalls;
      return this;
    }

    /** Allows {@code permits} requests per {@code period} (bursts up to {@code permits}). */
    public Builder rateLimit(int permits, Duration period) {
      if (permits < 1) throw new IllegalArgumentException("permits < 1: " + permits);
      this.rateLimitPeriod = positive(period, "period");
      this.rateLimitPermits = permits;
      return this;
    }

    /** Turns the client-side rate limit off (the vendor's 429s still pause the connection). */
    public Builder noRateLimit() {
      this.rateLimitPermits = 0;
      return this;
    }

    /** Opens the breaker when {@code failures} of the last {@code window} sent requests failed for vendor-health reasons. */
    public Builder breaker(int failures, int window, Duration openFor) {
      if (failures < 1) throw new IllegalArgumentException("failures < 1: " + failures);
      if (window < failures) throw new IllegalArgumentException("window < failures: " + window + " < " + failures);
      this.breakerOpenFor = positive(openFor, "openFor");
      this.breakerFailureThreshold = failures;
      this.breakerWindow = window;
      return this;
    }

    /** Allows {@code ratio} retries per first attempt over time, plus a burst of {@code minimum}. */
    public Builder retryBudget(double ratio, int minimum) {
      if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("ratio not in 0..1: " + ratio);
      if (minimum < 0) throw new IllegalArgumentException("minimum < 0: " + minimum);
      this.retryBudgetRatio = ratio;
      this.retryBudgetMinimum = minimum;
      return this;
    }

    public Builder duplicateWindow(Duration duplicateWindow) {
      Objects.requireNonNull(duplicateWindow, "duplicateWindow == null");
      if (duplicateWindow.isNegative()) throw new IllegalArgumentException("duplicateWindow < 0: " + duplicateWindow);
      this.duplicateWindow = duplicateWindow;
      return this;
    }

    public Builder reconcileWindow(Duration reconcileWindow) {
      Objects.requireNonNull(reconcileWindow, "reconcileWindow == null");
      if (reconcileWindow.isNegative()) throw new IllegalArgumentException("reconcileWindow < 0: " + reconcileWindow);
      this.reconcileWindow = reconcileWindow;
      return this;
    }

    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1024) throw new IllegalArgumentException("maxResponseBytes < 1024: " + maxResponseBytes);
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the vendor account; see {@link ConnectionPolicy#account()}. Not a secret: it appears in
     * the shared state's keys, so name the account (a site, an org id), never its key.
     *
     * @param account 1..200 characters, no control characters, not blank
     */
    public Builder account(String account) {
      Objects.requireNonNull(account, "account == null");
      if (account.isEmpty() || account.length() > 200) {
        throw new IllegalArgumentException("account length not in 1..200: " + account.length());
      }
      if (account.isBlank() || account.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("account must not be blank or hold control characters");
      }
      this.account = account;
      return this;
    }

    public ConnectionPolicy build() {
      return new ConnectionPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " <= 0: " + d);
      return d;
    }
  }
}
