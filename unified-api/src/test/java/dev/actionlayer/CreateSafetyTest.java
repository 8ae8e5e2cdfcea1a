package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CreateSafety;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.UnaryOperator;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CreateSafetyTest extends PipelineTestSupport {
  static final NewTask TASK = new NewTask("P", "Fix it", null);

  @Test
  void neverRetriesAnUnkeyedCreateAfterTheRequestWasSent() {
    layer(CreateSafety.UNSAFE, UnaryOperator.identity());
    server.enqueue(lostResponse());
    server.enqueue(task("T-2"));

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.error().retryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(onlyEvent().attempts()).singleElement().satisfies(a -> assertThat(a.sent()).isTrue());
  }

  @Test
  void anUnkeyedCreateIsNotRepeatedAfterA500ThatMayHaveBeenApplied() {
    layer(CreateSafety.UNSAFE, UnaryOperator.identity());
    server.enqueue(status(500));
    server.enqueue(task("T-2"));

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.error().httpStatus()).isEqualTo(500);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnkeyedCreateIsRetriedAfterA503BecauseTheVendorDidNotApplyIt() {
    layer(CreateSafety.UNSAFE, UnaryOperator.identity());
    server.enqueue(status(503));
    server.enqueue(task("T-2"));

    assertThat(tasks().create(TASK).id()).isEqualTo("T-2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnkeyedCreateIsRetriedWhenTheConnectionFailedBeforeAnythingWasSent() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(URI.create("http://127.0.0.1:" + closedPort),
            Credentials.bearer(SECRET), CreateSafety.UNSAFE), p -> p.noRateLimit())
        .clock(time).sleeper(time).auditSink(events::add).build();

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(onlyEvent().attempts()).hasSize(3).allSatisfy(a -> assertThat(a.sent()).isFalse());
    assertThat(e.error().attempts()).isZero();
  }

  @Test
  void aKeyedCreateRepeatsWithTheSameKeyAfterALostResponse() throws Exception {
    layer(CreateSafety.KEYED, UnaryOperator.identity());
    server.enqueue(lostResponse());
    server.enqueue(task("T-1"));

    assertThat(tasks().create(TASK).id()).isEqualTo("T-1");

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getHeaders().get("Idempotency-Key")).isNotBlank()
        .isEqualTo(second.getHeaders().get("Idempotency-Key"))
        .isEqualTo(onlyEvent().idempotencyKey());
  }

  @Test
  void aKeyedCreateThatMayHaveBeenAppliedAndCouldNotBeConfirmedIsOutcomeUnknown() {
    layer(CreateSafety.KEYED, p -> p.maxAttempts(2));
    server.enqueue(lostResponse());
    server.enqueue(status(503));

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.error().message()).contains("UNAVAILABLE");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aKeyedCreateRefusedOnReplayIsTheVendorsAnswerNotUnknown() {
    layer(CreateSafety.KEYED, UnaryOperator.identity());
    server.enqueue(lostResponse());
    server.enqueue(json(400, "{\"error\":\"title is required\"}"));

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void aKeyedCreateRepeatsAfterAGarbage2xx() {
    layer(CreateSafety.KEYED, UnaryOperator.identity());
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body("<html>edge</html>").build());
    server.enqueue(task("T-1"));

    assertThat(tasks().create(TASK).id()).isEqualTo("T-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnkeyedCreateWithAGarbage2xxIsOutcomeUnknown() {
    layer(CreateSafety.UNSAFE, UnaryOperator.identity());
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(201).body("{\"id\":").build());

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aFindableCreateIsReconciledInsteadOfRepeatedAfterALostResponse() throws Exception {
    layer(CreateSafety.FINDABLE, UnaryOperator.identity());
    server.enqueue(lostResponse());
    server.enqueue(json(200, "{\"items\":[]}")); // search is eventually consistent
    server.enqueue(json(200, "{\"items\":[{\"id\":\"T-9\",\"title\":\"Fix it\"}]}"));

    Task t = tasks().create(TASK);

    assertThat(t.id()).isEqualTo("T-9");
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    RecordedRequest lookup = server.takeRequest();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getTarget()).isEqualTo("/tasks?key=" + onlyEvent().idempotencyKey());
    assertThat(server.getRequestCount()).isEqualTo(3);
    AuditEvent event = onlyEvent();
    assertThat(event.reconciled()).isTrue();
    assertThat(event.attempts()).extracting(AuditEvent.Attempt::kind).containsExactly("call", "reconcile", "reconcile");
  }

  @Test
  void aFindableCreateThatCannotBeFoundIsOutcomeUnknownNotRepeated() {
    layer(CreateSafety.FINDABLE, p -> p.reconcileWindow(java.time.Duration.ofSeconds(2)));
    server.enqueue(lostResponse());
    for (int i = 0; i < 30; i++) server.enqueue(json(200, "{\"items\":[]}"));

    ActionException e = thrown(() -> tasks().create(TASK));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.error().message()).contains("lookup by idempotency key did not find");
    assertThat(onlyEvent().attempts()).filteredOn(a -> a.kind().equals("call")).hasSize(1);
    assertThat(time.slept()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(2));
  }

  @Test
  void aDeleteWhoseAnswerWasLostCountsAsDoneWhenTheRetryFindsNothing() {
    layer();
    server.enqueue(lostResponse());
    server.enqueue(json(404, "{\"error\":\"no such task\"}"));

    tasks().delete("T-1");

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(onlyEvent().outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
  }

  @Test
  void aDeleteOfAMissingRecordIsNotFound() {
    layer();
    server.enqueue(json(404, "{\"error\":\"no such task\"}"));

    assertThat(thrown(() -> tasks().delete("T-1")).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
