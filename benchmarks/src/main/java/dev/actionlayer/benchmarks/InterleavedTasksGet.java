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
 * Arguments: {@code small|large} (the body), the measured seconds (default 60); warm-up is 15 s.
 */
public final class InterleavedTasksGet {
  private static final int BATCH = 100;

  private InterleavedTasksGet() {}

  public static void main(String[] args) throws Exception {
    String body = args.length > 0 ? args[0] : "large";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
    TasksGetBenchmark b = new TasksGetBenchmark();
    b.body = body;
    b.setUp();
    try {
      Map<String, Callable<Object>> variants = new LinkedHashMap<>();
      variants.put("handWritten", b::handWritten);
      variants.put("layer", b::layer);
      variants.put("layerJsonLinesSink", b::layerJsonLinesSink);
      variants.put("layerAsyncJsonLinesSink", b::layerAsyncJsonLinesSink);
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
    } finally {
      b.tearDown();
    }
  }

  /** Rounds of one batch per variant, the order rotated each round; batch times into {@code out}. */
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
