package dev.actionlayer.benchmarks;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.broker.Broker;
import dev.actionlayer.broker.BrokerKeys;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the broker costs (issue #12, item 8): one {@code tasks_get} tool call through the broker
 * ({@code POST /mcp}, MCP Streamable HTTP on loopback, one keep-alive connection per client, with
 * {@link StreamableHttpClient}) against the same tool call in-process
 * ({@code layer.forPrincipal("bench").tools().execute(...)}, the path the broker itself calls),
 * both ending at the same Jira stub ({@link JiraStub}, loopback, keep-alive, Nagle off) through
 * the same layer, policy and principal.
 *
 * <ol>
 *   <li><b>Latency</b>, one caller: the two paths take turns in batches of 100 calls (the order
 *       alternating), so both see the same load on a shared machine; every call is timed. Prints
 *       p50, p90, p99 and p99.9 of each, and the added latency (broker minus in-process) at p50 and
 *       p99. Targets: ≤ 1 ms and ≤ 5 ms.
 *   <li><b>Throughput</b>, {@code threads} callers, each with its own MCP session and keep-alive
 *       connection, calling as fast as answers come for the measured time. Prints tool calls per
 *       second through the broker, and in-process with as many threads for reference. Target:
 *       ≥ 1,000 per second.
 * </ol>
 *
 * <pre>
 * mvn -o -q -B -pl benchmarks -am package -DskipTests
 * java -Xms1g -Xmx1g -Dsun.net.httpserver.nodelay=true -cp benchmarks/target/benchmarks.jar \
 *   dev.actionlayer.benchmarks.BrokerCostHarness [seconds=30] [threads=8] [body=large|small]
 * </pre>
 *
 * Warm-up: 10 s of each phase before it is measured (a third of {@code seconds} if that is less).
 * Everything runs in one JVM (stub, layer, broker and clients share the two cores), as a
 * deployment on one machine would.
 */
public final class BrokerCostHarness {
  static final String PRINCIPAL = "bench";
  static final String POLICY = "{\"version\":1,\"principals\":{\"" + PRINCIPAL + "\":{\"allow\":["
      + "{\"id\":\"read-jira\",\"operations\":[\"tasks.get\"],\"connections\":[\"jira\"]}]}}}";
  static final String ARGUMENTS = "{\"connection\":\"jira\",\"id\":\"" + JiraStub.ISSUE_ID + "\"}";
  private static final int BATCH = 100;

  private BrokerCostHarness() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    boolean small = args.length > 2 && args[2].equals("small");
    int warmup = Math.min(10, Math.max(1, seconds / 3));

    Path dir = Files.createTempDirectory("broker-cost");
    String key = BrokerKeys.generate();
    Path principals = dir.resolve("principals.properties");
    Files.writeString(principals, PRINCIPAL + ".key=" + BrokerKeys.hash(key) + "\n");

    try (JiraStub stub = JiraStub.start(small ? JiraStub.SMALL_ISSUE_JSON : JiraStub.ISSUE_JSON);
        ActionLayer layer = ActionLayer.builder()
            .connection("jira", Jira.connector(URI.create("http://127.0.0.1:" + stub.port()), Credentials.basic("bench@example.com", "bench-token")),
                p -> p.noRateLimit())
            .policy(Policy.parse(POLICY))
            .build();
        Broker broker = Broker.builder(layer).principals(principals).build().start()) {
      ToolCatalog inProcess = layer.forPrincipal(PRINCIPAL).tools();
      System.out.printf(Locale.ROOT, "BrokerCostHarness: body=%s, %d s measured per phase after %d s warm-up, %d threads;"
          + " %s, %d CPUs%n", small ? "small" : "large", seconds, warmup, threads, System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors());
      try (StreamableHttpClient client = StreamableHttpClient.connect(broker.uri(), key)) {
        check(inProcess.execute("tasks_get", ARGUMENTS), client.callTool("tasks_get", ARGUMENTS));
        System.out.println("the broker answers tools/call as " + client.lastContentType());
        latency(inProcess, client, warmup, seconds);
      }
      throughput(broker.uri(), key, inProcess, threads, warmup, seconds);
    } finally {
      Files.deleteIfExists(principals);
      Files.deleteIfExists(dir);
    }
    // The MCP SDK's transport leaves a non-daemon "session-sweeper" thread running after the
    // broker has closed (reported to the broker's owner); without this the JVM would not exit.
    System.exit(0);
  }

  /** Both paths give the same answer, and it is the task (not an error). */
  static void check(ToolResult local, String viaBroker) {
    if (local.isError()) throw new IllegalStateException("in-process call failed: " + local.json());
    if (!viaBroker.contains("\"isError\":false") && viaBroker.contains("\"isError\":true")) {
      throw new IllegalStateException("broker call failed: " + viaBroker);
    }
    if (!viaBroker.contains("PROJ-1") && !viaBroker.contains("10000")) {
      throw new IllegalStateException("broker call did not return the task: " + viaBroker);
    }
  }

  static void latency(ToolCatalog inProcess, StreamableHttpClient client, int warmup, int seconds) throws Exception {
    Samples local = new Samples();
    Samples brokered = new Samples();
    interleave(inProcess, client, warmup, null, null);
    int rounds = interleave(inProcess, client, seconds, local, brokered);
    System.out.printf(Locale.ROOT, "%nLatency, one caller, %d rounds of %d calls per path (µs)%n", rounds, BATCH);
    System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s %10s%n", "path", "p50", "p90", "p99", "p99.9", "mean", "calls");
    local.print("in-process");
    brokered.print("broker");
    System.out.printf(Locale.ROOT, "added by the broker: p50 %+.0f µs, p99 %+.0f µs (targets: ≤ 1000 and ≤ 5000)%n",
        brokered.percentile(50) - local.percentile(50), brokered.percentile(99) - local.percentile(99));
  }

  private static int interleave(ToolCatalog inProcess, StreamableHttpClient client, int seconds, Samples local,
      Samples brokered) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int rounds = 0;
    while (System.nanoTime() < end) {
      boolean localFirst = (rounds & 1) == 0;
      for (int pass = 0; pass < 2; pass++) {
        boolean doLocal = (pass == 0) == localFirst;
        for (int i = 0; i < BATCH; i++) {
          long t0 = System.nanoTime();
          if (doLocal) {
            if (inProcess.execute("tasks_get", ARGUMENTS).isError()) throw new IllegalStateException("in-process call failed");
          } else {
            client.callTool("tasks_get", ARGUMENTS);
          }
          long t = System.nanoTime() - t0;
          Samples s = doLocal ? local : brokered;
          if (s != null) s.add(t);
        }
      }
      rounds++;
    }
    return rounds;
  }

  static void throughput(URI uri, String key, ToolCatalog inProcess, int threads, int warmup, int seconds)
      throws Exception {
    System.out.printf(Locale.ROOT, "%nThroughput, %d callers (each with its own MCP session and connection)%n", threads);
    List<StreamableHttpClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) clients.add(StreamableHttpClient.connect(uri, key));
      List<Runnable> viaBroker = new ArrayList<>();
      for (StreamableHttpClient c : clients) viaBroker.add(() -> c.callTool("tasks_get", ARGUMENTS));
      List<Runnable> local = new ArrayList<>();
      for (int i = 0; i < threads; i++) local.add(() -> inProcess.execute("tasks_get", ARGUMENTS));
      run(viaBroker, warmup);
      double broker = run(viaBroker, seconds);
      run(local, warmup);
      double direct = run(local, seconds);
      System.out.printf(Locale.ROOT, "broker:     %,8.0f tool calls/s (target ≥ 1,000)%n", broker);
      System.out.printf(Locale.ROOT, "in-process: %,8.0f tool calls/s%n", direct);
    } finally {
      for (StreamableHttpClient c : clients) c.close();
    }
  }

  /** Calls per second of all {@code callers} together over {@code seconds}. */
  private static double run(List<Runnable> callers, int seconds) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(callers.size());
    List<Thread> running = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Runnable call : callers) {
      Thread t = new Thread(() -> {
        try {
          long n = 0;
          while (!stop.get()) {
            try {
              call.run();
              n++;
            } catch (RuntimeException e) {
              failures.incrementAndGet();
            }
          }
          calls.addAndGet(n);
        } finally {
          done.countDown();
        }
      }, "caller");
      t.start();
      running.add(t);
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    done.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (failures.get() > 0) System.out.printf(Locale.ROOT, "  (%d calls failed)%n", failures.get());
    return calls.get() / elapsed;
  }

  /** Call durations in nanoseconds. */
  static final class Samples {
    private long[] values = new long[1 << 16];
    private int size;
    private boolean sorted;

    void add(long nanos) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = nanos;
      sorted = false;
    }

    double percentile(double p) {
      if (!sorted) {
        Arrays.sort(values, 0, size);
        sorted = true;
      }
      int i = (int) Math.ceil(p / 100.0 * size) - 1;
      return values[Math.max(0, Math.min(size - 1, i))] / 1000.0;
    }

    void print(String name) {
      double mean = Arrays.stream(values, 0, size).average().orElse(0) / 1000.0;
      System.out.printf(Locale.ROOT, "%-12s %9.0f %9.0f %9.0f %9.0f %9.0f %,10d%n", name, percentile(50), percentile(90),
          percentile(99), percentile(99.9), mean, size);
    }
  }
}
