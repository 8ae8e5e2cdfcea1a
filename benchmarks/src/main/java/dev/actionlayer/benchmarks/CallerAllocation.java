package dev.actionlayer.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.audit.AuditSink;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;

/**
 * Diagnostic: the bytes the calling thread allocates per {@code tasks.get}, hand-written and
 * through the layer (no audit), counted by the JVM for that thread alone
 * ({@code ThreadMXBean.getThreadAllocatedBytes}). JMH's {@code -prof gc} counts every thread,
 * the stub's included, and comes with its error bar; this count is exact for the caller, whose
 * extra bytes are the layer's. Six rounds of 20,000 calls each (the first ones warm up).
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.actionlayer.benchmarks.CallerAllocation large
 * </pre>
 */
public final class CallerAllocation {
  private CallerAllocation() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    String body = args.length > 0 ? args[0] : "large";
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    try (JiraStub stub = JiraStub.start(body.equals("small") ? JiraStub.SMALL_ISSUE_JSON : JiraStub.ISSUE_JSON);
         HandWrittenJira hand = new HandWrittenJira("http://127.0.0.1:" + stub.port(), "bench@example.com", "bench-token");
         ActionLayer layer = TasksGetBenchmark.layer(URI.create("http://127.0.0.1:" + stub.port()), AuditSink.NONE)) {
      int n = 20_000;
      for (int round = 0; round < 6; round++) {
        long before = threads.getThreadAllocatedBytes(me);
        for (int i = 0; i < n; i++) hand.getTask(JiraStub.ISSUE_ID);
        long handBytes = (threads.getThreadAllocatedBytes(me) - before) / n;
        before = threads.getThreadAllocatedBytes(me);
        for (int i = 0; i < n; i++) layer.tasks("jira").get(JiraStub.ISSUE_ID);
        long layerBytes = (threads.getThreadAllocatedBytes(me) - before) / n;
        System.out.printf(Locale.ROOT, "body=%s round %d: handWritten %,d B, layer %,d B per call, extra %+,d B%n",
            body, round, handBytes, layerBytes, layerBytes - handBytes);
      }
    }
  }
}
