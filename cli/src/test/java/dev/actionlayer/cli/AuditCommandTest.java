package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on a log written by a layer over fake vendors: a saga whose Jira step failed (and
 * whose Salesforce contact was undone), and a lone call on another trace.
 */
class AuditCommandTest {
  @TempDir
  Path dir;
  Path log;
  String sagaTrace;
  String callTrace;

  @BeforeEach
  void writeLog() throws Exception {
    log = dir.resolve("audit.jsonl");
    try (FakeSalesforce sf = new FakeSalesforce(); FakeJira jira = new FakeJira().projects("ONB");
        JsonLinesAuditSink sink = JsonLinesAuditSink.open(log)) {
      sf.start();
      jira.start();
      jira.on(Requests.creates()).times(1).respond(FakeJira.serviceUnavailable503(null));
      jira.on(Requests.creates()).always().respond(Fault.status(400)
          .body("{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}",
              "application/json"));
      try (ActionLayer layer = ActionLayer.builder()
          .connection("sf", Salesforce.connector(sf.uri(), Credentials.bearer("sf-secret-token")),
              p -> p.backoff(Duration.ofMillis(1), Duration.ofMillis(5)))
          .connection("jira", Jira.connector(jira.uri(), Credentials.basic("bot@example.com", "jira-secret")),
              p -> p.backoff(Duration.ofMillis(1), Duration.ofMillis(5)))
          .auditSink(sink)
          .build()) {
        SagaResult r = layer.saga("onboard")
            .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
            .step("task", s -> s.tasks("jira").create(new NewTask("ONB", "Onboard Ada", null)))
            .run();
        assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
        sagaTrace = r.traceId();
        layer.contacts("sf").create(new NewContact("Grace", "Hopper", "grace@example.com"));
      }
    }
    List<String> lines = Files.readAllLines(log);
    callTrace = lines.get(lines.size() - 1).substring("{\"traceId\":\"".length(), "{\"traceId\":\"".length() + 32);
    assertThat(callTrace).isNotEqualTo(sagaTrace);
  }

  @Test
  void rendersEachTraceAsATimelineWithAttemptsErrorsAndSagaSteps() {
    Cli r = Cli.run("audit", log.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    String out = r.out();
    assertThat(out).contains("trace " + sagaTrace + "  ", "saga onboard COMPENSATED",
        "trace " + callTrace + "  ", "all calls succeeded", "2 trace(s), 5 event(s)");
    // The saga's trace, in time order: its summary, the contact, the failed task, the undo.
    String saga = out.substring(out.indexOf("trace " + sagaTrace), out.indexOf("trace " + callTrace));
    assertThat(saga).containsSubsequence("saga.run", "steps: contact=COMPENSATED, task=FAILED",
        "contacts.create", "sf (salesforce)", "SUCCESS", "step contact",
        "tasks.create", "jira (jira)", "FAILURE INVALID_REQUEST", "step task",
        "call      #1  HTTP 503", "UNAVAILABLE", "waited", "call      #2  HTTP 400", "INVALID_REQUEST",
        "error: INVALID_REQUEST (HTTP 400, not retryable)", "title: You must specify a summary of the issue.",
        "contacts.delete", "undo of step contact");
    assertThat(out).doesNotContain("sf-secret-token", "jira-secret");
  }

  @Test
  void traceFiltersToOneTraceByIdOrPrefix() {
    Cli full = Cli.run("audit", log.toString(), "--trace", sagaTrace);
    assertThat(full.exitCode()).isZero();
    assertThat(full.out()).contains("trace " + sagaTrace, "1 trace(s), 4 event(s)").doesNotContain(callTrace);

    Cli prefix = Cli.run("audit", log.toString(), "--trace", callTrace.substring(0, 10));
    assertThat(prefix.exitCode()).isZero();
    assertThat(prefix.out()).contains("trace " + callTrace, "1 trace(s), 1 event(s)").doesNotContain(sagaTrace);
  }

  @Test
  void malformedLinesAreReportedWithTheirNumberAndSkipped() throws Exception {
    Files.writeString(log, "this is not json\n{\"traceId\":\"abc\"}\n\n{\"traceId\":\"0af7\",\"timestamp\":\"yesterday\","
        + "\"outcome\":\"SUCCESS\"}\n", StandardOpenOption.APPEND);

    Cli r = Cli.run("audit", log.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains(":6: skipped, not an audit event (not a JSON object)",
        ":7: skipped, not an audit event (no timestamp)",
        ":9: skipped, not an audit event (timestamp is not an ISO-8601 instant)")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.out()).contains("2 trace(s), 5 event(s); 3 malformed line(s) skipped");
  }

  @Test
  void aSagaThatCouldNotUndoAStepShowsWhatItLeftBehind() throws Exception {
    Path residueLog = dir.resolve("residue.jsonl");
    String trace;
    try (FakeSalesforce sf = new FakeSalesforce(); FakeJira jira = new FakeJira().projects("ONB");
        JsonLinesAuditSink sink = JsonLinesAuditSink.open(residueLog)) {
      sf.start();
      jira.start();
      jira.on(Requests.creates()).always().respond(Fault.status(400));
      sf.on(Requests.deletes()).always().respond(Fault.status(403)
          .body("[{\"errorCode\":\"INSUFFICIENT_ACCESS\",\"message\":\"no delete right\"}]", "application/json"));
      try (ActionLayer layer = ActionLayer.builder()
          .connection("sf", Salesforce.connector(sf.uri(), Credentials.bearer("sf-secret-token")))
          .connection("jira", Jira.connector(jira.uri(), Credentials.basic("bot@example.com", "jira-secret")))
          .compensationPolicy(new CompensationPolicy(1, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(1)))
          .auditSink(sink)
          .build()) {
        SagaResult r = layer.saga("onboard")
            .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
            .step("task", s -> s.tasks("jira").create(new NewTask("ONB", "Onboard Ada", null)))
            .run();
        assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATION_FAILED);
        trace = r.traceId();
      }
    }

    Cli r = Cli.run("audit", residueLog.toString(), "--trace", trace);

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsSubsequence("saga onboard COMPENSATION_FAILED",
        "steps: contact=COMPENSATION_FAILED, task=FAILED",
        "LEFT BEHIND: contact: contacts 003", "on sf (salesforce)", "PERMISSION_DENIED",
        "contacts.delete", "FAILURE PERMISSION_DENIED", "undo of step contact");
  }

  @Test
  void aBinaryOrNonUtf8FileIsAUsageErrorSaidPlainly() throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.jsonl"), new byte[] {'{', '"', 'n', (byte) 0xE9, '"', '}', '\n'});
    Path binary = Files.write(dir.resolve("audit.bin"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0});

    for (Path file : List.of(latin1, binary)) {
      Cli r = Cli.run("audit", file.toString());

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip()).isEqualTo("actionlayer audit: " + file + " is not UTF-8 text; an audit log is JSON"
          + " lines, as the demo and JsonLinesAuditSink write it");
    }
  }

  @Test
  void anUnknownTraceFailsAndAMissingFileIsAUsageError() {
    Cli unknown = Cli.run("audit", log.toString(), "--trace", "ffffffffffffffffffffffffffffffff");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no events for trace ffffffffffffffffffffffffffffffff");

    Cli tooShort = Cli.run("audit", log.toString(), "--trace", "0af");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).contains("at least 8 characters");

    Cli missing = Cli.run("audit", dir.resolve("nope.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file").doesNotContain("\tat ");
  }
}
