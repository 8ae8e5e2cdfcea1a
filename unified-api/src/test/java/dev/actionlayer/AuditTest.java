package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.audit.Slf4jAuditSink;
import dev.actionlayer.spi.Json;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest extends PipelineTestSupport {

  @Test
  void oneEventPerLogicalCallRecordsEveryAttempt() {
    layer();
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Request-Id", "req-42")
        .body("{\"id\":\"T-1\",\"title\":\"Fix it\"}").build());

    tasks().get("T-1");

    AuditEvent e = onlyEvent();
    assertThat(e.traceId()).matches("[0-9a-f]{32}");
    assertThat(e.timestamp()).isEqualTo(time.instant().minus(time.slept()));
    assertThat(e.principal()).isEqualTo("default");
    assertThat(e.connection()).isEqualTo("svc");
    assertThat(e.vendor()).isEqualTo("testvendor");
    assertThat(e.operation()).isEqualTo("tasks.get");
    assertThat(e.request()).containsEntry("id", "T-1").containsEntry("vendorRequest", "GET /tasks/T-1");
    assertThat(e.attempts()).extracting(AuditEvent.Attempt::status).containsExactly(503, 429, 200);
    assertThat(e.attempts()).extracting(AuditEvent.Attempt::code).containsExactly("UNAVAILABLE", "RATE_LIMITED", null);
    assertThat(e.attempts().get(0).delayBeforeMs()).isZero();
    assertThat(e.attempts().get(2).delayBeforeMs()).isEqualTo(2000);
    assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    assertThat(e.resourceId()).isEqualTo("T-1");
    assertThat(e.breakerState()).isEqualTo("CLOSED");
    assertThat(e.vendorRequestId()).isEqualTo("req-42");
    assertThat(e.upstream().status()).isEqualTo(200);
  }

  @Test
  void theErrorAndTheEventShareTheTraceId() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(json(404, "{\"error\":\"gone\"}"));

    ActionException ex = thrown(() -> tasks().get("T-1"));

    assertThat(ex.error().traceId()).isEqualTo(onlyEvent().traceId());
    assertThat(onlyEvent().error().code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void theTraceIdComesFromTheCurrentOpenTelemetrySpan() {
    layer();
    server.enqueue(task("T-1"));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    SpanContext ctx = SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

    try (Scope ignored = Span.wrap(ctx).makeCurrent()) {
      tasks().get("T-1");
    }

    assertThat(onlyEvent().traceId()).isEqualTo(traceId);
  }

  @Test
  void toJsonIsOneLineOfParseableJson() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(json(400, "{\"error\":\"line one\\nline two\"}"));
    thrown(() -> tasks().create(new NewTask("P", "Fix it", "multi\nline\ndescription")));

    String line = onlyEvent().toJson();

    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    Map<String, Object> json = Json.objectOrNull(line);
    assertThat(json).containsEntry("operation", "tasks.create").containsEntry("outcome", "FAILURE");
    assertThat(Json.object(json, "error")).containsEntry("code", "INVALID_REQUEST");
    assertThat(Json.object(json, "upstream")).containsEntry("status", 400.0);
    assertThat(Json.string(json, "idempotencyKey")).isNotBlank();
  }

  @Test
  void theJsonLinesSinkAppendsOneLinePerCall(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      layer = ActionLayer.builder()
          .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), dev.actionlayer.spi.CreateSafety.UNSAFE))
          .clock(time).sleeper(time).auditSink(sink).build();
      server.enqueue(task("T-1"));
      server.enqueue(status(204));
      tasks().get("T-1");
      tasks().delete("T-1");
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(Json.objectOrNull(lines.get(1))).containsEntry("operation", "tasks.delete").containsEntry("resourceId", "T-1");
  }

  @Test
  void aFailingSinkNeverChangesTheOutcome() {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), dev.actionlayer.spi.CreateSafety.UNSAFE))
        .auditSink(e -> {
          throw new IllegalStateException("disk full");
        }).build();
    server.enqueue(task("T-1"));

    assertThat(tasks().get("T-1").id()).isEqualTo("T-1");
  }

  @Test
  void theSlf4jSinkLogsTheEventJson() throws Exception {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), dev.actionlayer.spi.CreateSafety.UNSAFE))
        .auditSink(new Slf4jAuditSink()).build();
    server.enqueue(task("T-slf4j-1"));

    tasks().get("T-slf4j-1");

    String log = Files.readString(Path.of("target/test-log.txt"));
    assertThat(log).contains("dev.actionlayer.audit").contains("\"resourceId\":\"T-slf4j-1\"");
  }
}
