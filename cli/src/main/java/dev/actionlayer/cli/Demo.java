package dev.actionlayer.cli;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.testkit.Fault;
import dev.actionlayer.testkit.FakeJira;
import dev.actionlayer.testkit.Requests;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The story of why Actionlayer exists, told on an embedded fake Jira: a 429 honoured, a 503 storm
 * that opens the breaker instead of hammering the vendor, a lost create response that never
 * becomes two issues, and the audit record of each call.
 */
final class Demo {
  private static final String EMAIL = "demo@example.com";
  private static final String TOKEN = "demo-api-token-not-secret-here";

  private final PrintStream out;
  private final Path auditFile;
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final Timeline timeline;

  Demo(PrintStream out, Path auditFile) {
    this.out = out;
    this.auditFile = auditFile;
    this.timeline = new Timeline(out);
  }

  void run() throws Exception {
    try (FakeJira jira = new FakeJira(); JsonLinesAuditSink file = JsonLinesAuditSink.open(auditFile)) {
      jira.requireBasic(EMAIL, TOKEN).start();
      Credentials credentials = Credentials.basic(EMAIL, TOKEN);
      try (ActionLayer layer = ActionLayer.builder()
          .connection("jira", Jira.connector(jira.uri(), credentials))
          .connection("jira-plain", Jira.connector(jira.uri(), credentials))
          .connection("jira-labelled", Jira.builder(jira.uri(), credentials).dedupeLabels(true).build())
          .auditSink(event -> {
            events.add(event);
            file.accept(event);
            timeline.print(event);
          })
          .build()) {
        out.printf("Actionlayer demo: the pipeline against an embedded fake Jira at %s%n", jira.uri());
        out.printf("(no credentials, no network; every call below is audited to %s)%n%n", auditFile);
        story(layer, jira);
      }
    }
  }

  private void story(ActionLayer layer, FakeJira jira) {
    step("1. An agent creates a task and reads it back");
    Task task = layer.tasks("jira").create(new NewTask("PROJ", "Fix login bug", "500s on /login"));
    layer.tasks("jira").get(task.id());

    step("2. Jira rate-limits the next read: 429 with Retry-After: 2 — the pipeline waits exactly that, once");
    jira.on(Requests.gets()).nth(1)
        .respond(FakeJira.rateLimited429Json(2, "2026-11-25T10:00Z", "jira-burst-based"));
    layer.tasks("jira").get(task.id());
    AuditEvent honoured = events.get(events.size() - 1);

    step("3. Jira goes down: every request gets a 503 HTML page — retries back off, then the breaker opens");
    jira.on(Requests.any()).always().respond(Fault.html(503));
    int before = jira.requestCount();
    int calls = 4;
    for (int i = 0; i < calls; i++) attempt(() -> layer.tasks("jira").get(task.id()));
    int sent = jira.requestCount() - before;
    out.printf("   => %d logical calls sent %d requests to the sick vendor (naive retrying with 3 attempts: %d);"
        + " breaker of 'jira' is %s%n", calls, sent, calls * 3, layer.breakerState("jira"));
    jira.clearFaults();

    step("4. Jira stores an issue but its response is lost (connection reset): a create is never sent twice");
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    int issues = jira.issueCount();
    attempt(() -> layer.tasks("jira-plain").create(new NewTask("PROJ", "Rotate API keys", null)));
    out.printf("   => without a dedupe label nothing can tell, so the agent hears OUTCOME_UNKNOWN;"
        + " Jira holds %d new issue (not 2)%n", jira.issueCount() - issues);
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    issues = jira.issueCount();
    attempt(() -> layer.tasks("jira-labelled").create(new NewTask("PROJ", "Renew TLS cert", "expires Friday")));
    out.printf("   => with a dedupe label the pipeline looked the issue up and returned it;"
        + " Jira holds %d new issue%n", jira.issueCount() - issues);

    step("5. The audit record of step 2, one JSON line per call (all of them are in " + auditFile + ")");
    out.println("   " + honoured.toJson());
    out.printf("%nDone: %d calls audited; the breaker of 'jira' is %s, while the other connections'"
        + " breakers stayed %s and %s.%n", events.size(), layer.breakerState("jira"),
        layer.breakerState("jira-plain"), layer.breakerState("jira-labelled"));
  }

  private void step(String title) {
    out.printf("%n%s%n", title);
  }

  private static void attempt(Runnable call) {
    try {
      call.run();
    } catch (ActionException e) {
      // The timeline already shows the failure; the demo goes on.
    }
  }
}
