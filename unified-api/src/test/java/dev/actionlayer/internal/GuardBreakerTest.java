package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lock-free success path of {@link Guard#recordSuccess} keeps Failsafe's breaker semantics. */
class GuardBreakerTest {
  private static CircuitBreaker<Object> breaker() {
    return CircuitBreaker.builder().withFailureThreshold(5, 10).withDelay(Duration.ofDays(1))
        .withSuccessThreshold(1).build();
  }

  @Test
  void aFullWindowOfSuccesses_stillOpensAfterTheThresholdOfFailures() {
    CircuitBreaker<Object> b = breaker();
    for (int i = 0; i < 50; i++) Guard.recordSuccess(b);
    assertThat(b.getExecutionCount()).isEqualTo(10);
    for (int i = 0; i < 4; i++) b.recordFailure();
    assertThat(b.isClosed()).isTrue();
    b.recordFailure();
    assertThat(b.isOpen()).isTrue();
  }

  @Test
  void successesAfterAFailure_areRecorded_andPushItOutOfTheWindow() {
    CircuitBreaker<Object> b = breaker();
    for (int i = 0; i < 10; i++) Guard.recordSuccess(b);
    for (int i = 0; i < 4; i++) b.recordFailure();
    for (int i = 0; i < 10; i++) Guard.recordSuccess(b); // pushes the four failures out
    assertThat(b.getFailureCount()).isZero();
    for (int i = 0; i < 4; i++) b.recordFailure();
    assertThat(b.isClosed()).isTrue();
  }

  @Test
  void aHalfOpenBreaker_isClosedByASuccess() {
    CircuitBreaker<Object> b = breaker();
    for (int i = 0; i < 10; i++) Guard.recordSuccess(b);
    b.open();
    b.halfOpen();
    assertThat(b.tryAcquirePermit()).isTrue();
    Guard.recordSuccess(b);
    assertThat(b.isClosed()).isTrue();
  }

  @Test
  void aWindowNotYetFull_countsEverySuccess() {
    CircuitBreaker<Object> b = breaker();
    for (int i = 0; i < 3; i++) Guard.recordSuccess(b);
    assertThat(b.getExecutionCount()).isEqualTo(3);
    assertThat(b.getSuccessCount()).isEqualTo(3);
  }
}
