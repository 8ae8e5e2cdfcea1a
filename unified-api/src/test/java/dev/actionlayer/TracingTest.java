package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.tools.ToolResult;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The layer's spans, read back from the OpenTelemetry SDK's in-memory exporter. */
class TracingTest extends PipelineTestSupport {
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

  @AfterEach
  void closeSdk() {
    tracerProvider.close();
  }

  ActionLayer traced(UnaryOperator<ActionLayer.Builder> more, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = more.apply(ActionLayer.builder()
            .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
                p -> policy.apply(p.noRateLimit()))
            .clock(time).sleeper(time).auditSink(events::add)
            .openTelemetry(otel))
        .build();
    return layer;
  }

  ActionLayer traced() {
    return traced(UnaryOperator.identity(), UnaryOperator.identity());
  }

  SpanData span(String name) {
    List<SpanData> named = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("one span named " + name).hasSize(1);
    return named.get(0);
  }

  List<SpanData> childrenOf(SpanData parent) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
  }

  static String str(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.stringKey(key));
  }

  static Long num(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.longKey(key));
  }

  /** Every attribute value and event attribute value of every finished span, as text. */
  String everythingRecorded() {
    StringBuilder out = new StringBuilder();
    for (SpanData s : exporter.getFinishedSpanItems()) {
      out.append(s.getName()).append(' ').append(s.getAttributes()).append('\n');
      for (EventData e : s.getEvents()) out.append(e.getName()).append(' ').append(e.getAttributes()).append('\n');
    }
    return out.toString();
  }

  @Test
  void a503Then200IsOneCallSpanWithAClientSpanPerAttempt() throws Exception {
    traced();
    server.enqueue(status(503));
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    SpanData call = span("tasks.get");
    assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(str(call, "actionlayer.connection")).isEqualTo("svc");
    assertThat(str(call, "actionlayer.operation")).isEqualTo("tasks.get");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    List<SpanData> attempts = childrenOf(call);
    assertThat(attempts).hasSize(2).allSatisfy(a -> {
      assertThat(a.getName()).isEqualTo("GET");
      assertThat(a.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(str(a, "http.request.method")).isEqualTo("GET");
      assertThat(str(a, "server.address")).isEqualTo(server.getHostName());
      assertThat(num(a, "server.port")).isEqualTo((long) server.getPort());
      assertThat(a.getTraceId()).isEqualTo(call.getTraceId());
    });
    SpanData first = attempts.get(0);
    SpanData second = attempts.get(1);
    assertThat(num(first, "http.response.status_code")).isEqualTo(503L);
    assertThat(str(first, "error.type")).isEqualTo("UNAVAILABLE");
    assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(num(first, "http.request.resend_count")).isNull();
    assertThat(num(second, "http.response.status_code")).isEqualTo(200L);
    assertThat(num(second, "http.request.resend_count")).isEqualTo(1L);
    assertThat(second.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("actionlayer.wait");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("actionlayer.wait.reason"))).isEqualTo("backoff");
      assertThat(e.getAttributes().get(AttributeKey.longKey("actionlayer.wait.duration_ms")))
          .isEqualTo(time.sleeps.get(0).toMillis());
    });
    // The audit event and the span are one trace.
    assertThat(onlyEvent().traceId()).isEqualTo(call.getTraceId());
    assertThat(server.takeRequest().getHeaders().names()).doesNotContain("traceparent");
  }

  @Test
  void aCallUnderTheApplicationsSpanIsItsChildAndSharesItsTraceWithTheAudit() {
    traced();
    server.enqueue(task("T-1"));
    Tracer tracer = otel.getTracer("app");
    Span outer = tracer.spanBuilder("handle-request").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      tasks().get("T-1");
    } finally {
      outer.end();
    }

    SpanData call = span("tasks.get");
    assertThat(call.getParentSpanId()).isEqualTo(outer.getSpanContext().getSpanId());
    assertThat(onlyEvent().traceId()).isEqualTo(outer.getSpanContext().getTraceId());
  }

  @Test
  void aRetryAfterIsARetryAfterWaitAndACooldownEvent() {
    traced();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    SpanData call = span("tasks.get");
    assertThat(call.getEvents()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("actionlayer.cooldown.started");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("actionlayer.reason"))).isEqualTo("RATE_LIMITED");
      assertThat(e.getAttributes().get(AttributeKey.longKey("actionlayer.wait.duration_ms"))).isEqualTo(3000L);
    });
    SpanData second = childrenOf(call).get(1);
    // The pause the 429 set is waited by the retry loop (the Retry-After), not again by the cooldown.
    assertThat(second.getEvents()).extracting(e -> e.getAttributes().get(AttributeKey.stringKey("actionlayer.wait.reason")))
        .containsExactly("retry_after");
  }

  @Test
  void aToolCallIsAnExecuteToolSpanWithTheCallersIdAndNoArguments() {
    traced();
    server.enqueue(task("T-9"));

    ToolResult r = layer.tools().execute("tasks_create",
        "{\"connection\":\"svc\",\"project\":\"P\",\"title\":\"Secret plans " + SECRET + "\"}", "call_42");

    assertThat(r.isError()).isFalse();
    SpanData tool = span("execute_tool tasks_create");
    assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(str(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
    assertThat(str(tool, "gen_ai.tool.name")).isEqualTo("tasks_create");
    assertThat(str(tool, "gen_ai.tool.call.id")).isEqualTo("call_42");
    assertThat(str(tool, "gen_ai.tool.type")).isEqualTo("function");
    assertThat(str(tool, "actionlayer.operation")).isEqualTo("tasks.create");
    assertThat(str(tool, "gen_ai.tool.call.arguments")).isNull();
    assertThat(str(tool, "gen_ai.tool.call.result")).isNull();
    // The tool execution is the logical call's span: no second span for the same call.
    assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("POST", "execute_tool tasks_create");
    assertThat(childrenOf(tool)).singleElement().satisfies(a -> assertThat(str(a, "url.full")).isNull());
    assertThat(onlyEvent().traceId()).isEqualTo(tool.getTraceId());
    assertThat(everythingRecorded()).doesNotContain(SECRET).doesNotContain("Secret plans");
  }

  @Test
  void aFailingToolCallCarriesItsErrorCode() {
    traced(UnaryOperator.identity(), p -> p.maxAttempts(1));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());

    ToolResult r = layer.tools().execute("tasks_get", "{\"connection\":\"svc\",\"id\":\"T-1\"}");

    assertThat(r.isError()).isTrue();
    SpanData tool = span("execute_tool tasks_get");
    assertThat(str(tool, "error.type")).isEqualTo("RATE_LIMITED");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(str(tool, "gen_ai.tool.call.id")).isNull();
  }

  @Test
  void aToolCallThatFailsValidationStillHasItsSpan() {
    traced();

    layer.tools().execute("tasks_get", "{\"connection\":\"svc\"}", "c-1");
    layer.tools().execute("no_such_tool", "{}", "c-2");

    assertThat(str(span("execute_tool tasks_get"), "error.type")).isEqualTo("INVALID_REQUEST");
    // A model may send any name: it never becomes a span name.
    assertThat(str(span("execute_tool unknown"), "error.type")).isEqualTo("INVALID_REQUEST");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void optedInArgumentsAndResultsAreRedacted() {
    traced(b -> b.recordToolArguments(true), UnaryOperator.identity());
    server.enqueue(json(200, "{\"id\":\"T-9\",\"title\":\"Bearer " + SECRET + "\"}"));

    layer.tools().execute("tasks_create",
        "{\"connection\":\"svc\",\"project\":\"P\",\"title\":\"plans " + SECRET + "\"}", "call_1");

    SpanData tool = span("execute_tool tasks_create");
    assertThat(str(tool, "gen_ai.tool.call.arguments")).contains("plans").doesNotContain(SECRET);
    assertThat(str(tool, "gen_ai.tool.call.result")).contains("T-9").doesNotContain(SECRET);
    assertThat(str(childrenOf(tool).get(0), "url.full")).isEqualTo(uri() + "tasks");
    assertThat(everythingRecorded()).doesNotContain(SECRET);
  }

  @Test
  void aFailingSagaShowsItsStepsAndTheCompensation() {
    traced();
    server.enqueue(task("T-1")); // step one creates
    server.enqueue(json(400, "{\"error\":\"bad title\"}")); // step two is refused
    server.enqueue(status(204)); // the compensation deletes T-1

    SagaResult r = layer.saga("onboard")
        .step("one", s -> s.tasks("svc").create(new NewTask("P", "one", null)))
        .step("two", s -> s.tasks("svc").create(new NewTask("P", "two", null)))
        .run();

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    SpanData saga = span("saga onboard");
    assertThat(str(saga, "actionlayer.saga.status")).isEqualTo("COMPENSATED");
    assertThat(str(saga, "actionlayer.saga.id")).isEqualTo(r.sagaId());
    assertThat(saga.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(childrenOf(saga)).extracting(SpanData::getName)
        .containsExactly("saga.step one", "saga.step two", "saga.compensate one");
    assertThat(span("saga.step one").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(str(span("saga.step two"), "error.type")).isEqualTo("INVALID_REQUEST");
    assertThat(childrenOf(span("saga.compensate one"))).extracting(SpanData::getName).containsExactly("tasks.delete");
    assertThat(childrenOf(span("saga.step one"))).extracting(SpanData::getName).containsExactly("tasks.create");
    // Every call's audit event and the saga's result are on the saga span's trace.
    assertThat(r.traceId()).isEqualTo(saga.getTraceId());
    assertThat(events).extracting(AuditEvent::traceId).containsOnly(saga.getTraceId());
  }

  @Test
  void recoveryContinuesTheSagasTraceWithItsCompensation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // The books of a process that stopped after step one of two had created T-1.
    java.nio.file.Path file = dir.resolve("sagas.journal");
    String saga = "11111111-2222-3333-4444-555555555555";
    String trace = "0af7651916cd43dd8448eb211c80319c";
    var now = time.instant();
    try (var died = dev.actionlayer.internal.saga.FileJournal.open(file)) {
      List.of(
          dev.actionlayer.internal.saga.JournalEntry.started(saga, now, "onboard", trace, "default", 2),
          dev.actionlayer.internal.saga.JournalEntry.stepStarted(saga, now, 0, "one", null),
          dev.actionlayer.internal.saga.JournalEntry.intent(saga, now, 0, 0, "svc", "tasks", saga + "-0-0",
              "{\"title\":\"one\"}"),
          dev.actionlayer.internal.saga.JournalEntry.done(saga, now, 0, 0, "T-1"),
          dev.actionlayer.internal.saga.JournalEntry.stepDone(saga, now, 0))
          .forEach(died::append);
    }
    traced(b -> b.journal(dev.actionlayer.saga.SagaJournal.file(file)), UnaryOperator.identity());
    server.enqueue(status(204));

    var report = layer.recover();

    assertThat(report.sagas()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED));
    SpanData recovered = span("saga onboard");
    assertThat(recovered.getTraceId()).isEqualTo(trace);
    assertThat(childrenOf(recovered)).extracting(SpanData::getName).containsExactly("saga.compensate one");
    assertThat(childrenOf(span("saga.compensate one"))).extracting(SpanData::getName).containsExactly("tasks.delete");
    assertThat(events).extracting(AuditEvent::traceId).containsOnly(trace);
  }

  @Test
  void aBreakerOpeningAndASpentRetryBudgetAreEventsOfTheCall() {
    traced(UnaryOperator.identity(), p -> p.maxAttempts(3).breaker(2, 2, Duration.ofSeconds(30)));
    for (int i = 0; i < 3; i++) server.enqueue(status(503));

    thrown(() -> tasks().get("T-1"));

    SpanData call = span("tasks.get");
    assertThat(call.getEvents()).extracting(EventData::getName)
        .containsExactly("actionlayer.circuitbreaker.opened");
    assertThat(str(call, "error.type")).isEqualTo("CIRCUIT_OPEN");
    assertThat(layer.breakerState("svc")).isEqualTo("OPEN");
  }

  @Test
  void aSpentRetryBudgetIsAnEventOfTheCall() {
    traced(UnaryOperator.identity(), p -> p.maxAttempts(3).retryBudget(0.0, 1));
    for (int i = 0; i < 3; i++) server.enqueue(status(503));

    thrown(() -> tasks().get("T-1"));

    SpanData call = span("tasks.get");
    assertThat(call.getEvents()).extracting(EventData::getName).containsExactly("actionlayer.retry_budget.exhausted");
    assertThat(childrenOf(call)).hasSize(2);
  }

  @Test
  void withoutAnOpenTelemetryNothingIsRecordedAndNoGlobalIsFixed() {
    layer(UnaryOperator.identity());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(exporter.getFinishedSpanItems()).isEmpty();
    assertThat(onlyEvent().traceId()).matches("[0-9a-f]{32}");
    // Building a layer must not fix the no-op as the global: an application sets its own later.
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }
}
