package dev.actionlayer.benchmarks;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.Task;
import dev.actionlayer.audit.AsyncJsonLinesAuditSink;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.jira.Jira;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of Actionlayer's pipeline on {@code tasks.get} against Jira, compared with the same
 * request written by hand ({@link HandWrittenJira}). Both talk to the same in-process Jira stub
 * ({@link JiraStub}) on loopback over kept-alive connections, so the difference is the layer's own
 * CPU and allocation, not the network. Read the results as ratios to {@code handWritten} from the
 * same run: on a shared machine absolute times move between runs, the ratios much less.
 *
 * <p>{@code body} is the stub's answer: {@code small} (217 bytes) or {@code large} (1,637 bytes).
 * Every layer is built with the default policy except {@code p -> p.noRateLimit()} (the default
 * client-side limit of 20 requests/s would throttle the benchmark itself).
 *
 * <table>
 * <caption>Variants</caption>
 * <tr><th>Benchmark</th><th>Mode</th><th>What one operation does</th></tr>
 * <tr><td>{@code handWritten}</td><td>avgt, 1 thread</td><td>the baseline</td></tr>
 * <tr><td>{@code layer}</td><td>avgt, 1 thread</td><td>the layer, no audit sink ({@link
 *     AuditSink#NONE}: no event is built)</td></tr>
 * <tr><td>{@code layerRenderingJson}</td><td>avgt, 1 thread</td><td>the layer, the sink calls
 *     {@code toJson()} on the caller's thread and keeps the line (rendering, no I/O)</td></tr>
 * <tr><td>{@code layerJsonLinesSink}</td><td>avgt, 1 thread</td><td>the layer with {@link
 *     JsonLinesAuditSink} on a temporary file (render, write, flush on the caller's thread)</td></tr>
 * <tr><td>{@code layerAsyncJsonLinesSink}</td><td>avgt, 1 thread</td><td>the layer with {@link
 *     AsyncJsonLinesAuditSink} on a temporary file (the caller only queues the event)</td></tr>
 * <tr><td>{@code handWrittenThreads16}</td><td>thrpt, 16 threads</td><td>the baseline, 16
 *     concurrent callers sharing one client</td></tr>
 * <tr><td>{@code layerThreads16}</td><td>thrpt, 16 threads</td><td>the layer (no sink), 16
 *     concurrent callers sharing one layer (the default bulkhead admits 16)</td></tr>
 * </table>
 *
 * <p>To run, from the repository root (build with {@code mvn -o -q -B -pl benchmarks -am package
 * -DskipTests}):
 *
 * <pre>
 * # everything, both bodies, with allocation per operation (one fork: about 8 minutes)
 * java -jar benchmarks/target/benchmarks.jar TasksGetBenchmark -f 1 -prof gc
 * # one body
 * java -jar benchmarks/target/benchmarks.jar TasksGetBenchmark -p body=small -prof gc
 * # latency without audit only
 * java -jar benchmarks/target/benchmarks.jar 'TasksGetBenchmark\.(layer|handWritten)$' -prof gc
 * # audit sinks only
 * java -jar benchmarks/target/benchmarks.jar 'TasksGetBenchmark\.(handWritten|layerRenderingJson|layerJsonLinesSink|layerAsyncJsonLinesSink)$'
 * # 16 concurrent callers (throughput, ops/s)
 * java -jar benchmarks/target/benchmarks.jar 'TasksGetBenchmark\..*Threads16$'
 * # CPU and allocation profile of the layer (JFR), one fork
 * java -jar benchmarks/target/benchmarks.jar 'TasksGetBenchmark\.layer$' -p body=large -f 1 \
 *   -jvmArgsAppend '-XX:FlightRecorderOptions:stackdepth=256' -prof 'jfr:dir=/tmp/jfr;configName=profile'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true", "-Xms1g", "-Xmx1g"})
// Twenty seconds: on two shared cores the JIT compilers compete with the benchmark's threads, and a
// fork's times only settle after 15-20 s (3 s of warm-up read 2-3 times the settled figure).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class TasksGetBenchmark {
  static {
    // Before anything can load the JDK server's configuration (it reads the property once).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Credentials CREDENTIALS = Credentials.basic("bench@example.com", "bench-token");
  private static final Task LARGE_TASK = new Task("10000", "PROJ", "Login page returns 500 after password reset",
      "After a password reset, the first sign-in on /login answers HTTP 500 instead of redirecting"
          + " to the dashboard.\nSeen by three customers since Monday's deploy.\n\nSteps: reset the"
          + " password from the e-mail link, then sign in with the new one. The stack trace points at"
          + " the session store; a second attempt succeeds.");
  private static final Task SMALL_TASK = new Task("10000", "PROJ", "Fix login bug", "500s on /login");

  /** The stub's answer: {@code small} (217 bytes) or {@code large} (1,637 bytes). */
  @Param({"small", "large"})
  public String body;

  private JiraStub stub;
  private Path auditDir;
  private HandWrittenJira handWritten;
  private ActionLayer layer;
  private ActionLayer layerRenderingJson;
  private ActionLayer layerJsonLinesSink;
  private ActionLayer layerAsyncJsonLinesSink;
  private JsonLinesAuditSink jsonLinesSink;
  private AsyncJsonLinesAuditSink asyncJsonLinesSink;
  /** The last line the rendering sink produced; consumed by the benchmark so it cannot be elided. */
  private String lastAuditLine;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    boolean small = body.equals("small");
    if (!small && !body.equals("large")) throw new IllegalArgumentException("body: small or large, not " + body);
    stub = JiraStub.start(small ? JiraStub.SMALL_ISSUE_JSON : JiraStub.ISSUE_JSON);
    URI base = URI.create("http://127.0.0.1:" + stub.port());
    auditDir = Files.createTempDirectory("actionlayer-bench-audit");
    jsonLinesSink = JsonLinesAuditSink.open(auditDir.resolve("sync.jsonl"));
    asyncJsonLinesSink = AsyncJsonLinesAuditSink.open(auditDir.resolve("async.jsonl"));

    handWritten = new HandWrittenJira(base.toString(), "bench@example.com", "bench-token");
    layer = layer(base, AuditSink.NONE);
    layerRenderingJson = layer(base, event -> lastAuditLine = event.toJson());
    layerJsonLinesSink = layer(base, jsonLinesSink);
    layerAsyncJsonLinesSink = layer(base, asyncJsonLinesSink);

    // Every variant must read the same task, or the comparison means nothing.
    Task expected = handWritten.getTask(JiraStub.ISSUE_ID);
    Task known = small ? SMALL_TASK : LARGE_TASK;
    if (!expected.id().equals(known.id()) || !expected.title().equals(known.title())
        || !java.util.Objects.equals(expected.project(), known.project())
        || !java.util.Objects.equals(expected.description(), known.description())) {
      throw new IllegalStateException("unexpected task: " + expected);
    }
    check(expected, layer, "layer");
    check(expected, layerRenderingJson, "layerRenderingJson");
    check(expected, layerJsonLinesSink, "layerJsonLinesSink");
    check(expected, layerAsyncJsonLinesSink, "layerAsyncJsonLinesSink");
    if (lastAuditLine == null || lastAuditLine.contains("bench-token")) {
      throw new IllegalStateException("audit line missing or leaking: " + lastAuditLine);
    }
  }

  /** A layer over the stub at {@code base} as every variant uses it: no rate limit, {@code sink}'s audit. */
  static ActionLayer layer(URI base, AuditSink sink) {
    return ActionLayer.builder()
        .connection("jira", Jira.connector(base, CREDENTIALS), p -> p.noRateLimit())
        .auditSink(sink)
        .build();
  }

  private static void check(Task expected, ActionLayer layer, String variant) {
    Task actual = layer.tasks("jira").get(JiraStub.ISSUE_ID);
    if (!expected.equals(actual)) {
      throw new IllegalStateException(variant + " read " + actual + ", hand-written read " + expected);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    layer.close();
    layerRenderingJson.close();
    layerJsonLinesSink.close();
    layerAsyncJsonLinesSink.close();
    jsonLinesSink.close();
    asyncJsonLinesSink.close();
    handWritten.close();
    stub.close();
    try {
      for (String file : new String[] {"sync.jsonl", "async.jsonl"}) {
        checkFirstLine(auditDir.resolve(file));
      }
      if (asyncJsonLinesSink.failedEvents() != 0) {
        throw new IllegalStateException("the async sink failed to write " + asyncJsonLinesSink.failedEvents() + " events");
      }
    } finally {
      try (var files = Files.list(auditDir)) {
        for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
      }
      Files.delete(auditDir);
    }
  }

  private static void checkFirstLine(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || !first.contains("\"operation\":\"tasks.get\"") || first.contains("bench-token")) {
        throw new IllegalStateException(file + ": audit line missing or leaking: " + first);
      }
    }
  }

  /** Through Actionlayer: full pipeline, no audit sink ({@link AuditSink#NONE}). */
  @Benchmark
  public Task layer() {
    return layer.tasks("jira").get(JiraStub.ISSUE_ID);
  }

  /**
   * Through Actionlayer, the sink rendering the event as its JSON line ({@code toJson()}, what a
   * JSON-lines sink writes, without the file I/O) on the caller's thread; the line goes to the
   * Blackhole. Single-threaded only (the sink keeps the last line in a plain field).
   */
  @Benchmark
  public void layerRenderingJson(Blackhole bh) {
    bh.consume(layerRenderingJson.tasks("jira").get(JiraStub.ISSUE_ID));
    bh.consume(lastAuditLine); // set by the sink, on this thread, during the call
  }

  /** Through Actionlayer with {@link JsonLinesAuditSink}: render, write and flush per call. */
  @Benchmark
  public Task layerJsonLinesSink() {
    return layerJsonLinesSink.tasks("jira").get(JiraStub.ISSUE_ID);
  }

  /** Through Actionlayer with {@link AsyncJsonLinesAuditSink}: the caller only queues the event. */
  @Benchmark
  public Task layerAsyncJsonLinesSink() {
    return layerAsyncJsonLinesSink.tasks("jira").get(JiraStub.ISSUE_ID);
  }

  /** The same request written by hand with OkHttp and Moshi. */
  @Benchmark
  public Task handWritten() throws IOException {
    return handWritten.getTask(JiraStub.ISSUE_ID);
  }

  /** The layer (no sink) with 16 concurrent callers: calls per second, all threads together. */
  @Benchmark
  @Threads(16)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Task layerThreads16() {
    return layer.tasks("jira").get(JiraStub.ISSUE_ID);
  }

  /** The hand-written call with 16 concurrent callers: calls per second, all threads together. */
  @Benchmark
  @Threads(16)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Task handWrittenThreads16() throws IOException {
    return handWritten.getTask(JiraStub.ISSUE_ID);
  }
}
