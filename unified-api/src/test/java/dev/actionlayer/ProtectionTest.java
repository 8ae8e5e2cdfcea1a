package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.CreateSafety;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Breaker, cooldown, rate limiter and bulkhead: each protects a connection as a whole. */
class ProtectionTest extends PipelineTestSupport {

  @Test
  void theBreakerOpensOnVendorFailuresAndThenFailsWithoutSending() {
    layer(p -> p.maxAttempts(1).breaker(3, 5, Duration.ofSeconds(30)));
    for (int i = 0; i < 3; i++) server.enqueue(status(503));
    for (int i = 0; i < 3; i++) thrown(() -> tasks().get("T-1"));
    server.enqueue(task("T-1"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
    assertThat(e.error().retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(e.error().attempts()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(layer.breakerState("svc")).isEqualTo("OPEN");
    assertThat(events.get(3).breakerState()).isEqualTo("OPEN");
  }

  @Test
  void callerMistakesNeverOpenTheBreaker() {
    layer(p -> p.maxAttempts(1).breaker(3, 5, Duration.ofSeconds(30)));
    for (int i = 0; i < 10; i++) server.enqueue(json(404, "{\"error\":\"nope\"}"));

    for (int i = 0; i < 10; i++) {
      String id = "T-" + i;
      assertThat(thrown(() -> tasks().get(id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    assertThat(layer.breakerState("svc")).isEqualTo("CLOSED");
    assertThat(server.getRequestCount()).isEqualTo(10);
  }

  @Test
  void anOpenBreakerLetsATrialThroughAfterItsDelayOnTheLayersClockAndClosesOnSuccess() {
    layer(p -> p.maxAttempts(1).breaker(1, 1, Duration.ofMillis(200)));
    server.enqueue(status(503));
    thrown(() -> tasks().get("T-1"));
    assertThat(layer.breakerState("svc")).isEqualTo("OPEN");
    server.enqueue(task("T-1"));

    ActionException open = thrown(() -> tasks().get("T-1"));
    assertThat(open.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
    assertThat(open.error().retryAfter()).contains(Duration.ofMillis(200));
    // The open time is measured on the layer's clock: no real time has to pass.
    time.advance(Duration.ofMillis(150));
    assertThat(thrown(() -> tasks().get("T-1")).error().retryAfter()).contains(Duration.ofMillis(50));
    time.advance(Duration.ofMillis(50));

    assertThat(tasks().get("T-1").id()).isEqualTo("T-1");
    assertThat(layer.breakerState("svc")).isEqualTo("CLOSED");
  }

  @Test
  void breakersAreIsolatedPerConnection() throws IOException {
    try (MockWebServer healthy = new MockWebServer()) {
      healthy.start();
      layer = ActionLayer.builder()
          .connection("sick", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE))
          .connection("well", new TestConnector(healthy.url("/").uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE))
          .defaults(ConnectionPolicy.builder().maxAttempts(1).breaker(2, 2, Duration.ofMinutes(1)).build())
          .clock(time).sleeper(time).build();
      for (int i = 0; i < 3; i++) server.enqueue(status(500));
      healthy.enqueue(task("W-1"));

      thrown(() -> layer.tasks("sick").get("A"));
      thrown(() -> layer.tasks("sick").get("A"));
      assertThat(thrown(() -> layer.tasks("sick").get("A")).code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);

      assertThat(layer.tasks("well").get("W-1").id()).isEqualTo("W-1");
      assertThat(layer.breakerState("well")).isEqualTo("CLOSED");
    }
  }

  @Test
  void oneRateLimitResponsePausesEveryCallerOfTheConnection() throws Exception {
    layer(p -> p.maxAttempts(1));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
    server.enqueue(task("T-2"));

    assertThat(thrown(() -> tasks().get("T-1")).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(time.sleeps).isEmpty();

    // Another caller of the same connection waits until the vendor's reset before sending.
    assertThat(tasks().get("T-2").id()).isEqualTo("T-2");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(events.get(1).attempts()).singleElement()
        .satisfies(a -> assertThat(a.delayBeforeMs()).isEqualTo(5000));
  }

  @Test
  void aPauseLongerThanTheDeadlineFailsFastWithoutSending() {
    layer(p -> p.maxAttempts(1).deadline(Duration.ofSeconds(10)).maxWait(Duration.ofMinutes(5)));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").build());
    thrown(() -> tasks().get("T-1"));

    ActionException e = thrown(() -> tasks().get("T-2"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(e.error().message()).contains("nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSpentQuotaWithoutResetTimeStillPausesTheConnectionSoLaterCallsSendNothing() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(json(403, "{\"error\":\"quota\"}"));

    assertThat(thrown(() -> tasks().get("T-1")).code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    ActionException later = thrown(() -> tasks().get("T-2"));

    assertThat(later.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(later.error().message()).contains("nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theClientSideRateLimitMakesTheCallerWaitBeyondTheBurst() {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
            p -> p.rateLimit(2, Duration.ofSeconds(10)))
        .clock(time).sleeper(time).build();
    for (int i = 0; i < 3; i++) server.enqueue(task("T"));

    tasks().get("T");
    tasks().get("T");
    assertThat(time.sleeps).isEmpty();
    tasks().get("T");

    assertThat(time.sleeps).singleElement().satisfies(d -> assertThat(d).isPositive());
  }

  @Test
  void theRateLimitPacesCallsOnTheLayersClock() {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
            p -> p.rateLimit(5, Duration.ofSeconds(1)))
        .clock(time).sleeper(time).build();
    for (int i = 0; i < 20; i++) server.enqueue(task("T"));

    for (int i = 0; i < 20; i++) tasks().get("T");

    // 5 at once, then 5 more each second: the last five go out three seconds in, on fake time.
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(20);
  }

  @Test
  void aFullBulkheadRejectsWithUnavailableWithoutSending() throws Exception {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
            p -> p.noRateLimit().maxConcurrentCalls(1).maxWait(Duration.ofMillis(100)))
        .build();
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"slow\"}")
        .headersDelay(1, TimeUnit.SECONDS).build());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch started = new CountDownLatch(1);
      Future<Task> slow = pool.submit(() -> {
        started.countDown();
        return tasks().get("slow");
      });
      started.await();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (server.getRequestCount() == 0 && System.nanoTime() < until) Thread.sleep(5);

      ActionException e = thrown(() -> tasks().get("T-2"));

      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.error().message()).contains("bulkhead full");
      assertThat(slow.get().id()).isEqualTo("slow");
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void retriesStayASmallFractionOfFirstAttemptsWhenTheVendorIsDown() throws Exception {
    // Breaker off (threshold above the traffic) to measure the retry budget alone.
    layer(p -> p.maxAttempts(4).breaker(1000, 1000, Duration.ofMinutes(1)).retryBudget(0.1, 10));
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return status(503);
      }
    });
    List<ErrorCode> codes = new ArrayList<>();
    for (int i = 0; i < 200; i++) codes.add(thrown(() -> tasks().get("T")).code());

    double perCall = server.getRequestCount() / 200.0;
    assertThat(codes).containsOnly(ErrorCode.UNAVAILABLE);
    // 200 first attempts + 10 stored retries + 10% of 200 earned = 230 at most.
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(230);
    assertThat(perCall).isLessThan(1.5);
  }
}
