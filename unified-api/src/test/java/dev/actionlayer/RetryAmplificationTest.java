package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Counts, never times: 200 logical calls from 8 threads against a vendor that answers 503 to
 * everything, with {@code maxAttempts(4)}. Naive retrying would send 800 requests.
 */
class RetryAmplificationTest extends PipelineTestSupport {

  @Test
  void aDownVendorSeesUnderOneAndAHalfRequestsPerLogicalCall() throws Exception {
    double withDefaults = requestsPerCall(p -> p.maxAttempts(4));
    double budgetOnly = requestsPerCall(p -> p.maxAttempts(4).breaker(10_000, 10_000, Duration.ofMinutes(1)));

    System.out.printf("requests per logical call against a vendor answering 503: "
        + "defaults %.3f, retry budget alone %.3f (naive: 4.0)%n", withDefaults, budgetOnly);
    assertThat(withDefaults).isLessThan(1.5);
    assertThat(budgetOnly).isLessThan(1.5);
  }

  private double requestsPerCall(java.util.function.UnaryOperator<ConnectionPolicy.Builder> policy)
      throws Exception {
    AtomicInteger received = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.incrementAndGet();
        return status(503);
      }
    });
    ActionLayer l = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), dev.actionlayer.spi.CreateSafety.UNSAFE),
            p -> policy.apply(p.noRateLimit().maxConcurrentCalls(8)))
        .sleeper(d -> {}) // backoff is counted, not waited
        .build();
    Map<ErrorCode, AtomicInteger> codes = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 200; i++) {
        pool.execute(() -> {
          try {
            l.tasks("svc").get("T-1");
          } catch (ActionException e) {
            codes.computeIfAbsent(e.code(), k -> new AtomicInteger()).incrementAndGet();
          }
        });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      l.close();
    }
    int failures = codes.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(failures).isEqualTo(200);
    assertThat(codes.keySet()).allMatch(c -> c == ErrorCode.UNAVAILABLE || c == ErrorCode.CIRCUIT_OPEN);
    return received.get() / 200.0;
  }
}
