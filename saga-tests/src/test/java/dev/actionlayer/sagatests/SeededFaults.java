package dev.actionlayer.sagatests;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.RequestMatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded, deterministic mix of faults for one fake vendor, for load tests: about {@code rate} of
 * all requests it receives (creates, deletes, reads and auxiliary requests alike) are answered by
 * a 503 storm (several consecutive requests get {@code 503}), {@link Fault#applyThenReset()} (the
 * vendor applied it, the answer is lost), {@link Fault#resetWithoutApplying()}, or
 * {@link Fault#stall()}.
 *
 * <p>Which request gets which fault is a pure function of the seed, the vendor's salt and the
 * request's arrival number at this fake, not of the wall clock: the fraction and the kinds are the
 * same in every run, only which saga a given arrival belongs to depends on thread scheduling.
 *
 * <p>The fake offers every request to each installed rule in turn (under its own lock); the four
 * rules here share one decision per request, computed when the first rule sees it and reused by
 * the others, so a request is counted and decided once. Every request is logged with its
 * decision, so that a test can tell which creates the fake applied (no fault, or
 * {@code applyThenReset}) and which it never saw applied.
 */
final class SeededFaults {
  /** What a request got. */
  enum Kind {
    NONE,
    STORM_503,
    APPLY_THEN_RESET,
    RESET_WITHOUT_APPLYING,
    STALL;

    /** Whether the fake applied the request to its state. */
    boolean applied() {
      return this == NONE || this == APPLY_THEN_RESET;
    }
  }

  /** What a request was, for the tallies. */
  enum Op {
    CREATE,
    DELETE,
    OTHER
  }

  /**
   * One request as the fake received it, and what it got.
   *
   * @param at when the fake began to dispatch it ({@link System#nanoTime()}), before applying it
   */
  record Decided(RecordedCall call, Op op, Kind kind, long at) {}

  private final long seed;
  private final double rate;
  private final List<Decided> log = new ArrayList<>();
  private RecordedCall last;
  private Kind lastKind;
  private long arrivals;
  private int stormLeft;

  private SeededFaults(long seed, double rate) {
    if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("rate not in [0, 1): " + rate);
    this.seed = seed;
    this.rate = rate;
  }

  /**
   * Installs the four fault rules on {@code fake}. {@code salt} keeps the vendors' sequences
   * apart under one seed.
   */
  static SeededFaults install(FakeVendor fake, long seed, long salt, double rate) {
    SeededFaults faults = new SeededFaults(seed ^ mix(salt), rate);
    // The first rule sees every request first; its matcher computes the decision for all four.
    fake.on(faults.selecting(Kind.STORM_503)).always().respond(Fault.status(503));
    fake.on(faults.selecting(Kind.APPLY_THEN_RESET)).always().respond(Fault.applyThenReset());
    fake.on(faults.selecting(Kind.RESET_WITHOUT_APPLYING)).always().respond(Fault.resetWithoutApplying());
    fake.on(faults.selecting(Kind.STALL)).always().respond(Fault.stall());
    return faults;
  }

  private RequestMatcher selecting(Kind kind) {
    return (call, vendor) -> decide(call, vendor) == kind;
  }

  /**
   * The fault for {@code call}: decided on its first offer, the same for the later rules. The
   * fake offers one request to all rules before the next, under its lock; this method locks too,
   * so that the injector is safe even if that ever changes.
   */
  private synchronized Kind decide(RecordedCall call, FakeVendor vendor) {
    if (call == last) return lastKind;
    long n = arrivals++;
    Kind kind;
    if (stormLeft > 0) {
      stormLeft--;
      kind = Kind.STORM_503;
    } else {
      kind = draw(n);
    }
    Op op = vendor.isCreate(call) ? Op.CREATE : call.method().equals("DELETE") ? Op.DELETE : Op.OTHER;
    log.add(new Decided(call, op, kind, System.nanoTime()));
    last = call;
    lastKind = kind;
    return kind;
  }

  /**
   * One draw from the seeded hash of the arrival number, for an arrival no storm holds. At
   * {@code rate} 0.20 the shares of all requests are: 503 from storms 7% (a storm starts at 2%
   * of draws and takes 2 to 5 requests in a row, 3.5 on average), applyThenReset 5%,
   * resetWithoutApplying 4%, stall 4%. Since a storm's later requests do not draw, each draw's
   * shares are those times {@code k = rate / (0.20 - 0.05 rate)} (1.053 at 0.20), which makes the
   * faulted share of all requests {@code 0.2k / (1 + 0.05k) = rate}; other rates scale every
   * kind alike.
   */
  private Kind draw(long n) {
    double u = unit(mix(seed + n * 0x9E3779B97F4A7C15L));
    double scale = rate / (0.20 - 0.05 * rate);
    double storm = 0.02 * scale;
    double applyThenReset = storm + 0.05 * scale;
    double resetWithout = applyThenReset + 0.04 * scale;
    double stall = resetWithout + 0.04 * scale;
    if (u < storm) {
      int length = 2 + (int) (unit(mix(seed ^ ~n)) * 4); // 2..5 in a row, this one included
      stormLeft = length - 1;
      return Kind.STORM_503;
    }
    if (u < applyThenReset) return Kind.APPLY_THEN_RESET;
    if (u < resetWithout) return Kind.RESET_WITHOUT_APPLYING;
    if (u < stall) return Kind.STALL;
    return Kind.NONE;
  }

  /** Every request received so far, in arrival order, with its decision. */
  synchronized List<Decided> log() {
    return List.copyOf(log);
  }

  /** Requests received so far. */
  synchronized long requests() {
    return log.size();
  }

  /** Faults injected so far, by kind and operation. */
  synchronized Map<Kind, Map<Op, Integer>> tally() {
    Map<Kind, Map<Op, Integer>> out = new EnumMap<>(Kind.class);
    for (Decided d : log) {
      if (d.kind == Kind.NONE) continue;
      out.computeIfAbsent(d.kind, k -> new EnumMap<>(Op.class)).merge(d.op, 1, Integer::sum);
    }
    return out;
  }

  /** SplitMix64's finaliser: a well-spread 64-bit hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }
}
