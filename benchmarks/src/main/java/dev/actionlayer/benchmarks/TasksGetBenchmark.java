package dev.actionlayer.benchmarks;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.Task;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.jira.Jira;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of Actionlayer's pipeline on {@code tasks.get} against Jira, compared with the same
 * request written by hand. Both talk to the same in-process Jira stub on loopback over a kept-alive
 * connection, so the difference is the layer's own CPU and allocation, not the network.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TasksGetBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TasksGetBenchmark {
  static {
    // Before anything can load the JDK server's configuration (it reads the property once).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Credentials CREDENTIALS = Credentials.basic("bench@example.com", "bench-token");

  private JiraStub stub;
  private ActionLayer layer;
  private ActionLayer layerWithAudit;
  private HandWrittenJira handWritten;
  /** The last audit line the audited layer rendered; consumed by the benchmark so it cannot be elided. */
  private String lastAuditLine;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    stub = JiraStub.start();
    URI base = URI.create("http://127.0.0.1:" + stub.port());
    // The default client-side limit (20 requests/s) would throttle the benchmark itself.
    layer = ActionLayer.builder()
        .connection("jira", Jira.connector(base, CREDENTIALS), p -> p.noRateLimit())
        .auditSink(AuditSink.NONE)
        .build();
    layerWithAudit = ActionLayer.builder()
        .connection("jira", Jira.connector(base, CREDENTIALS), p -> p.noRateLimit())
        .auditSink(event -> lastAuditLine = event.toJson())
        .build();
    handWritten = new HandWrittenJira(base.toString(), "bench@example.com", "bench-token");

    // All three must read the same task, or the comparison means nothing.
    Task expected = handWritten.getTask(JiraStub.ISSUE_ID);
    check(expected, layer.tasks("jira").get(JiraStub.ISSUE_ID), "layer");
    check(expected, layerWithAudit.tasks("jira").get(JiraStub.ISSUE_ID), "layerWithAudit");
    if (!expected.equals(new Task("10000", "PROJ", "Login page returns 500 after password reset",
        "After a password reset, the first sign-in on /login answers HTTP 500 instead of redirecting"
            + " to the dashboard.\nSeen by three customers since Monday's deploy.\n\nSteps: reset the"
            + " password from the e-mail link, then sign in with the new one. The stack trace points at"
            + " the session store; a second attempt succeeds."))) {
      throw new IllegalStateException("unexpected task: " + expected);
    }
    if (lastAuditLine == null || lastAuditLine.contains("bench-token")) {
      throw new IllegalStateException("audit line missing or leaking: " + lastAuditLine);
    }
  }

  private static void check(Task expected, Task actual, String variant) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(variant + " read " + actual + ", hand-written read " + expected);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    layer.close();
    layerWithAudit.close();
    handWritten.close();
    stub.close();
  }

  /** Through Actionlayer: full pipeline, audit event built and dropped ({@link AuditSink#NONE}). */
  @Benchmark
  public Task layer() {
    return layer.tasks("jira").get(JiraStub.ISSUE_ID);
  }

  /**
   * Through Actionlayer, the sink also rendering the event as its JSON line ({@code toJson()}, what
   * a JSON-lines sink writes, without the file I/O); the line goes to the Blackhole.
   */
  @Benchmark
  public void layerWithAudit(Blackhole bh) {
    bh.consume(layerWithAudit.tasks("jira").get(JiraStub.ISSUE_ID));
    bh.consume(lastAuditLine); // set by the sink, on this thread, during the call
  }

  /** The same request written by hand with OkHttp and Moshi. */
  @Benchmark
  public Task handWritten() throws IOException {
    return handWritten.getTask(JiraStub.ISSUE_ID);
  }
}
