package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import java.time.Duration;

/**
 * The limits of one call's retry loop ({@link Retries.Rules}): the connection's attempts and
 * full-jitter backoff, the cap on any wait, the call's deadline and the connection's retry budget.
 */
final class CallRules implements Retries.Rules {
  private final Call<?> call;

  CallRules(Call<?> call) {
    this.call = call;
  }

  @Override
  public boolean mayRetry(int number) {
    return number < call.c.policy.maxAttempts();
  }

  /** The connection's full-jitter backoff before retry {@code number}. */
  @Override
  public Duration backoff(int number) {
    ConnectionRuntime c = call.c;
    return Backoff.fullJitter(c.policy.initialBackoff(), c.policy.maxBackoff(), number,
        call.pipeline.random.getAsDouble());
  }

  @Override
  public ActionException refuse(ActionException failure, Duration delay) {
    ConnectionRuntime c = call.c;
    ActionError error = failure.error();
    if (delay.compareTo(c.policy.maxWait()) > 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; not waited: " + Failures.seconds(delay)
              + " is longer than the " + Failures.seconds(c.policy.maxWait()) + " cap on any wait")
          .build());
    }
    if (delay.compareTo(call.remaining()) >= 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; waiting " + Failures.seconds(delay) + " would pass the call's deadline")
          .build());
    }
    if (!c.budget.tryRetry()) {
      c.telemetry.budgetExhausted(c.name);
      return new ActionException(error.toBuilder()
          .message(error.message() + "; not retried: the connection's retry budget is spent")
          .build());
    }
    return null;
  }

  @Override
  public void sleep(Duration delay, ActionException failure) {
    boolean asked = failure.error().retryAfter().filter(d -> !d.isZero() && !d.isNegative()).isPresent();
    call.loopWait(asked ? "retry_after" : "backoff", delay);
    call.sleep(delay);
  }
}
