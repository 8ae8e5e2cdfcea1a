package dev.actionlayer.benchmarks;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.audit.AsyncJsonLinesAuditSink;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Diagnostic: where the asynchronous sink's cost to the caller comes from, stage by stage.
 * {@code tasks.get} by hand, through the layer without audit, and through the layer with four
 * sinks that hand each deferred event to a thread of their own the way {@link
 * AsyncJsonLinesAuditSink} does (a bounded queue, batches, a yield after each event, a 2 ms pause
 * after a batch that was not full): {@code handoff} drops the event there, {@code build} builds it
 * (the redaction), {@code render} builds and renders its JSON line, and {@code asyncSink} is the
 * real sink, which also writes the line to a file. Interleaved in batches of 100 calls like {@link
 * InterleavedTasksGet}; each figure is the median over rounds of the ratio to the hand-written
 * batch of the same round.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *   dev.actionlayer.benchmarks.AsyncSinkStages large 40
 * </pre>
 */
public final class AsyncSinkStages {
  private AsyncSinkStages() {}

  /** A sink that does the first {@code stages} of the writer's work on a thread of its own. */
  private static final class StageSink implements AuditSink {
    private final ArrayBlockingQueue<Supplier<AuditEvent>> queue = new ArrayBlockingQueue<>(1024);
    private volatile long consumed;

    StageSink(int stages) {
      Thread t = new Thread(() -> {
        List<Supplier<AuditEvent>> batch = new ArrayList<>();
        while (true) {
          try {
            batch.add(queue.take());
          } catch (InterruptedException e) {
            return;
          }
          queue.drainTo(batch, 511);
          long sum = 0;
          for (Supplier<AuditEvent> deferred : batch) {
            if (stages >= 1) {
              AuditEvent event = deferred.get();
              sum += event.attempts().size();
              if (stages >= 2) sum += event.toJson().length();
            }
            Thread.yield(); // as the real writer does after each event
          }
          consumed += sum + batch.size();
          boolean full = batch.size() == 512;
          batch.clear();
          if (!full) LockSupport.parkNanos(2_000_000);
        }
      }, "stage-sink");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void accept(AuditEvent event) {
      acceptDeferred(() -> event);
    }

    @Override
    public void acceptDeferred(Supplier<AuditEvent> event) {
      try {
        queue.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    String body = args.length > 0 ? args[0] : "large";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 40;
    Path file = Files.createTempFile("actionlayer-stages", ".jsonl");
    AsyncJsonLinesAuditSink async = AsyncJsonLinesAuditSink.open(file);
    List<ActionLayer> layers = new ArrayList<>();
    try (JiraStub stub = JiraStub.start(body.equals("small") ? JiraStub.SMALL_ISSUE_JSON : JiraStub.ISSUE_JSON);
         HandWrittenJira hand = new HandWrittenJira("http://127.0.0.1:" + stub.port(), "bench@example.com", "bench-token")) {
      URI base = URI.create("http://127.0.0.1:" + stub.port());
      Map<String, Callable<Object>> variants = new LinkedHashMap<>();
      variants.put("handWritten", () -> hand.getTask(JiraStub.ISSUE_ID));
      Map<String, AuditSink> sinks = new LinkedHashMap<>();
      sinks.put("layer", AuditSink.NONE);
      sinks.put("handoff", new StageSink(0));
      sinks.put("build", new StageSink(1));
      sinks.put("render", new StageSink(2));
      sinks.put("asyncSink", async);
      sinks.forEach((name, sink) -> {
        ActionLayer layer = TasksGetBenchmark.layer(base, sink);
        layers.add(layer);
        variants.put(name, () -> layer.tasks("jira").get(JiraStub.ISSUE_ID));
      });
      InterleavedTasksGet.compare(body, variants, seconds);
    } finally {
      for (ActionLayer layer : layers) layer.close();
      async.close();
      Files.deleteIfExists(file);
    }
  }
}
