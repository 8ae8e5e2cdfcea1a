package dev.actionlayer.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A complement to {@link TasksGetBenchmark} for a noisy machine: the same fixture and operations,
 * but the variants take turns in short batches (100 calls each, the order rotating every round),
 * so that each batch of the layer is compared with a batch of the hand-written call measured a few
 * milliseconds away, under the same load. JMH runs all forks of one variant before the next, and
 * when other work on two shared cores comes and goes within minutes, its per-variant error bars
 * exceed the differences being measured. Prints, per variant, the median ratio to {@code
 * handWritten} over all rounds and its interquartile range. Single thread; no allocation figures
 * (use JMH's {@code -prof gc}).
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *   dev.actionlayer.benchmarks.InterleavedTasksGet large 60
 * </pre>
 *
 * Arguments: {@code small|large} (the body), the measured seconds (default 60), and the number of
 * concurrent callers (default 1); warm-up is 15 s. With more than one caller only {@code
 * handWritten} and {@code layer} take turns (the pair of {@code *Threads16} in {@link
 * TasksGetBenchmark}): in each batch every caller makes {@value #PER_CALLER} calls at once, sharing
 * one client or one layer, and the figure is the throughput ratio, {@code handWritten}'s batch time
 * over the layer's in the same round.
 */
public final class InterleavedTasksGet {
  private static final int BATCH = 100;
  /** Calls per caller in one batch when several callers run at once. */
  private static final int PER_CALLER = 25;

  private InterleavedTasksGet() {}

  public static void main(String[] args) throws Exception {
    String body = args.length > 0 ? args[0] : "large";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
    int callers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    if (callers > 1) {
      concurrent(body, seconds, callers);
      return;
    }
    TasksGetBenchmark b = new TasksGetBenchmark();
    b.body = body;
    b.setUp();
    try {
      Map<String, Callable<Object>> variants = new LinkedHashMap<>();
      variants.put("handWritten", b::handWritten);
      variants.put("layer", b::layer);
      variants.put("layerJsonLinesSink", b::layerJsonLinesSink);
      variants.put("layerAsyncJsonLinesSink", b::layerAsyncJsonLinesSink);
      compare(body, variants, seconds);
    } finally {
      b.tearDown();
    }
  }

  /** {@code callers} threads at once, the two variants taking turns batch by batch. */
  private static void concurrent(String body, long seconds, int callers) throws Exception {
    TasksGetBenchmark b = new TasksGetBenchmark();
    b.body = body;
    b.setUp();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
    try {
      Map<String, Callable<Object>> variants = new LinkedHashMap<>();
      variants.put("handWritten", b::handWritten);
      variants.put("layer", b::layer);
      List<String> names = new ArrayList<>(variants.keySet());
      Map<String, Callable<Object>> batches = new LinkedHashMap<>();
      for (String n : names) {
        Callable<Object> op = variants.get(n);
        batches.put(n, () -> {
          List<java.util.concurrent.Future<Object>> done = new ArrayList<>();
          for (int t = 0; t < callers; t++) {
            done.add(pool.submit(() -> {
              Object last = null;
              for (int i = 0; i < PER_CALLER; i++) last = op.call();
              return last;
            }));
          }
          Object last = null;
          for (java.util.concurrent.Future<Object> f : done) last = f.get();
          return last;
        });
      }
      runBatches(batches, names, 15, null);
      Map<String, List<Double>> nanos = new LinkedHashMap<>();
      names.forEach(n -> nanos.put(n, new ArrayList<>()));
      int rounds = runBatches(batches, names, seconds, nanos);
      int calls = callers * PER_CALLER;
      System.out.printf(Locale.ROOT, "body=%s, %d callers, %d rounds of %d calls per variant%n", body,
          callers, rounds, calls);
      double[] hand = unbox(nanos.get("handWritten"));
      double[] layer = unbox(nanos.get("layer"));
      double[] ratios = new double[hand.length];
      for (int i = 0; i < hand.length; i++) ratios[i] = hand[i] / layer[i];
      Arrays.sort(ratios);
      for (String n : names) {
        double[] sorted = unbox(nanos.get(n));
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-12s median %8.0f calls/s%n", n, calls / (q(sorted, 0.5) / 1e9));
      }
      System.out.printf(Locale.ROOT, "throughput ratio layer/handWritten: median %.3f, IQR %.3f – %.3f%n",
          q(ratios, 0.5), q(ratios, 0.25), q(ratios, 0.75));
    } finally {
      pool.shutdownNow();
      b.tearDown();
    }
  }

  /** Rounds of one whole batch per variant, the order rotated each round. */
  private static int runBatches(Map<String, Callable<Object>> batches, List<String> names, long seconds,
      Map<String, List<Double>> out) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int round = 0;
    while (System.nanoTime() < end) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((round + k) % names.size());
        long start = System.nanoTime();
        if (batches.get(name).call() == null) throw new IllegalStateException("no result");
        if (out != null) out.get(name).add((double) (System.nanoTime() - start));
      }
      round++;
    }
    return round;
  }

  /**
   * Warms the variants up for 15 s, runs them in turns for {@code seconds}, and prints each one's
   * median batch time and its median ratio (with interquartile range) to {@code handWritten}'s
   * batch of the same round.
   */
  static void compare(String body, Map<String, Callable<Object>> variants, long seconds) throws Exception {
    List<String> names = new ArrayList<>(variants.keySet());
    run(variants, names, 15, null); // warm-up
    Map<String, List<Double>> nanos = new LinkedHashMap<>();
    names.forEach(n -> nanos.put(n, new ArrayList<>()));
    int rounds = run(variants, names, seconds, nanos);

    System.out.printf(Locale.ROOT, "body=%s, %d rounds of %d calls per variant%n", body, rounds, BATCH);
    double[] hand = unbox(nanos.get("handWritten"));
    System.out.printf(Locale.ROOT, "%-26s %10s %8s %17s%n", "variant", "median µs", "ratio", "ratio IQR");
    for (String n : names) {
      double[] mine = unbox(nanos.get(n));
      double[] ratios = new double[mine.length];
      for (int i = 0; i < mine.length; i++) ratios[i] = mine[i] / hand[i];
      Arrays.sort(ratios);
      double[] sorted = mine.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%-26s %10.1f %8.3f %8.3f – %.3f%n", n, q(sorted, 0.5) / BATCH / 1000,
          q(ratios, 0.5), q(ratios, 0.25), q(ratios, 0.75));
    }
  }

  /** Runs batches of {@value #BATCH} calls of each variant in turn; records each batch's nanoseconds in {@code out}. */
  private static int run(Map<String, Callable<Object>> variants, List<String> names, long seconds,
      Map<String, List<Double>> out) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int round = 0;
    Object sink = null;
    while (System.nanoTime() < end) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((round + k) % names.size());
        Callable<Object> op = variants.get(name);
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) sink = op.call();
        long took = System.nanoTime() - start;
        if (out != null) out.get(name).add((double) took);
      }
      round++;
    }
    if (sink == null) throw new IllegalStateException("no result");
    return round;
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double q(double[] sorted, double p) {
    double i = p * (sorted.length - 1);
    int lo = (int) Math.floor(i);
    int hi = (int) Math.ceil(i);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
  }
}
