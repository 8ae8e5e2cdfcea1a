package dev.actionlayer.testkit.fake;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One installed fault: which requests it watches, when it fires, and the {@link Fault} it answers
 * with. Created through {@code fake.on(matcher).nth(3).respond(fault)}; all state is guarded by
 * the rule itself, so it
 * can be inspected from the test thread while the fake serves requests.
 */
public final class FaultRule {

  private enum Trigger { NTH, TIMES, ALWAYS }

  private final RequestMatcher matcher;
  private final Trigger trigger;
  private final int n;
  private final Fault fault;
  private int matched;
  private int hits;

  private FaultRule(RequestMatcher matcher, Trigger trigger, int n, Fault fault) {
    this.matcher = matcher;
    this.trigger = trigger;
    this.n = n;
    this.fault = fault;
  }

  /** How many requests this rule has answered so far. */
  public synchronized int hits() {
    return hits;
  }

  /** Whether this rule can no longer fire ({@code nth} passed, {@code times} used up). */
  public synchronized boolean spent() {
    switch (trigger) {
      case NTH:
        return matched >= n;
      case TIMES:
        return hits >= n;
      default:
        return false;
    }
  }

  /** The fault this rule answers with. */
  public Fault fault() {
    return fault;
  }

  /**
   * Counts {@code call} if it matches and returns whether the rule fires for it. A rule that
   * {@code mayWin} is false for (an earlier rule already fired) still counts the call, so
   * {@code nth(3)} always means the third matching request.
   */
  synchronized boolean offer(RecordedCall call, FakeVendor vendor, boolean mayWin) {
    if (!matcher.matches(call, vendor)) {
      return false;
    }
    matched++;
    boolean fires = switch (trigger) {
      case NTH -> matched == n;
      case TIMES -> hits < n;
      case ALWAYS -> true;
    };
    if (fires && mayWin) {
      hits++;
      return true;
    }
    return false;
  }

  @Override
  public synchronized String toString() {
    return "FaultRule[" + trigger + (trigger == Trigger.ALWAYS ? "" : "(" + n + ")") + " -> " + fault
        + ", hits=" + hits + "]";
  }

  /** First step of the DSL: the requests are chosen, now choose when the fault fires. */
  public static final class Matching {
    private final RequestMatcher matcher;
    private final Consumer<FaultRule> install;

    Matching(RequestMatcher matcher, Consumer<FaultRule> install) {
      this.matcher = Objects.requireNonNull(matcher, "matcher == null");
      this.install = install;
    }

    /** Fires only for the n-th matching request, counting from 1 from when the rule is added. */
    public Triggered nth(int n) {
      return new Triggered(matcher, Trigger.NTH, positive(n), install);
    }

    /** Fires for the next {@code n} matching requests. */
    public Triggered times(int n) {
      return new Triggered(matcher, Trigger.TIMES, positive(n), install);
    }

    /** Fires for every matching request until {@link FakeVendor#clearFaults()}. */
    public Triggered always() {
      return new Triggered(matcher, Trigger.ALWAYS, 0, install);
    }

    private static int positive(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n < 1: " + n);
      }
      return n;
    }
  }

  /** Second step of the DSL: requests and trigger are chosen, now choose the fault. */
  public static final class Triggered {
    private final RequestMatcher matcher;
    private final Trigger trigger;
    private final int n;
    private final Consumer<FaultRule> install;

    private Triggered(RequestMatcher matcher, Trigger trigger, int n, Consumer<FaultRule> install) {
      this.matcher = matcher;
      this.trigger = trigger;
      this.n = n;
      this.install = install;
    }

    /** Installs the rule on the fake and returns it, e.g. to assert {@link FaultRule#hits()}. */
    public FaultRule respond(Fault fault) {
      Objects.requireNonNull(fault, "fault == null");
      FaultRule rule = new FaultRule(matcher, trigger, n, fault);
      install.accept(rule);
      return rule;
    }
  }
}
