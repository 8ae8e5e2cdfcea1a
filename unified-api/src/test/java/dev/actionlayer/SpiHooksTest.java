package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CreateSafety;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** The SPI's optional hooks: "already created" answers, auxiliary requests, usage reports. */
class SpiHooksTest extends PipelineTestSupport {

  @Test
  void anAlreadyCreatedAnswerIsReadBackThroughAnAuxiliaryRequest() throws Exception {
    layer(CreateSafety.KEYED, p -> p);
    server.enqueue(json(409, "{\"error\":\"exists\",\"existingId\":\"T-5\"}"));
    server.enqueue(task("T-5"));

    Task t = tasks().create(new NewTask("P", "Fix it", null));

    assertThat(t.id()).isEqualTo("T-5");
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/tasks/T-5");
    assertThat(onlyEvent().attempts()).extracting(AuditEvent.Attempt::kind).containsExactly("aux", "call");
    assertThat(onlyEvent().outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
  }

  @Test
  void aPreciseFailureTheConnectorReadsOutOfA200IsReportedAsIsAndNotRetried() {
    layer();
    server.enqueue(json(200, "{\"id\":\"T-1\",\"deleted\":true}"));
    server.enqueue(task("T-1"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.error().httpStatus()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDeleteWhose200SaysItFailedIsThatFailureNotASuccess() {
    layer();
    server.enqueue(json(200, "{\"data\":{\"deleteTask\":null},\"errors\":[{\"type\":\"FORBIDDEN\"}]}"));
    server.enqueue(json(200, "{\"data\":{\"deleteTask\":{}}}"));

    ActionException e = thrown(() -> tasks().delete("T-1"));
    tasks().delete("T-1");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.error().httpStatus()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anOrdinaryConflictIsStillAConflict() {
    layer(CreateSafety.KEYED, p -> p);
    server.enqueue(json(409, "{\"error\":\"duplicate title\"}"));

    ActionException e = thrown(() -> tasks().create(new NewTask("P", "Fix it", null)));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void vendorUsageIsAuditedAndNearTheLimitTheConnectionSlowsDown() {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
            p -> p.rateLimit(8, Duration.ofSeconds(1)))
        .clock(time).sleeper(time).auditSink(events::add).build();
    for (int i = 0; i < 3; i++) server.enqueue(task("T"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Usage", "95/100")
        .body("{\"id\":\"T\"}").build());
    for (int i = 0; i < 3; i++) server.enqueue(task("T"));

    for (int i = 0; i < 3; i++) tasks().get("T"); // within the burst of 8: no wait
    assertThat(time.sleeps).isEmpty();
    tasks().get("T");
    assertThat(events.get(3).vendorUsage()).isEqualTo("95/100");

    for (int i = 0; i < 3; i++) tasks().get("T"); // conserving: 2 per second, evenly spaced

    assertThat(time.sleeps).isNotEmpty();
    assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(events.get(5).vendorUsage()).isNull(); // that call's responses reported nothing

    // A report goes stale: a minute later the connection runs at its full rate again.
    time.advance(Duration.ofSeconds(61));
    time.sleeps.clear();
    for (int i = 0; i < 3; i++) server.enqueue(task("T"));
    for (int i = 0; i < 3; i++) tasks().get("T");
    assertThat(time.sleeps).isEmpty();
  }
}
