package dev.actionlayer.benchmarks;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Diagnostic, no network in the timed part: what the asynchronous sink's writer thread does per
 * event of one {@code tasks.get}, split into building the event (redaction) and rendering its JSON
 * line. One call goes through the layer against the stub; its deferred event is then built, and
 * the built event rendered, {@code 200,000} times each, in six rounds (the first ones warm up).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.actionlayer.benchmarks.AuditEventCost large
 * </pre>
 */
public final class AuditEventCost {
  private AuditEventCost() {}

  public static void main(String[] args) throws Exception {
    String body = args.length > 0 ? args[0] : "large";
    List<Supplier<AuditEvent>> held = new ArrayList<>();
    AuditSink keep = new AuditSink() {
      @Override
      public void accept(AuditEvent event) {}

      @Override
      public void acceptDeferred(Supplier<AuditEvent> event) {
        held.add(event);
      }
    };
    try (JiraStub stub = JiraStub.start(body.equals("small") ? JiraStub.SMALL_ISSUE_JSON : JiraStub.ISSUE_JSON);
         ActionLayer layer = TasksGetBenchmark.layer(URI.create("http://127.0.0.1:" + stub.port()), keep)) {
      for (int i = 0; i < 2_000; i++) layer.tasks("jira").get(JiraStub.ISSUE_ID);
    }
    Supplier<AuditEvent> deferred = held.get(held.size() - 1);
    AuditEvent event = deferred.get();
    long sink = 0;
    int n = 200_000;
    for (int round = 0; round < 6; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) sink += deferred.get().attempts().size();
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) sink += event.toJson().length();
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "body=%s: build %.2f µs, render %.2f µs per event (line %d chars)%n",
          body, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, event.toJson().length());
    }
    if (sink == 0) throw new IllegalStateException();
  }
}
