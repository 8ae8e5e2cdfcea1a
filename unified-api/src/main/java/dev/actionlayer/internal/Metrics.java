package dev.actionlayer.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The layer's Micrometer meters, named in the style of resilience4j-micrometer where the concept
 * matches ({@code actionlayer.retry.calls} with resilience4j's four {@code kind}s, one
 * {@code actionlayer.circuitbreaker.state} gauge per state). Every tag value comes from a bounded
 * set: connection names, operation names, error codes, fixed words — never an id, a value an agent
 * supplied, or a credential. Exists only when the layer was given a registry. Thread-safe.
 */
final class Metrics {
  static final String CALLS = "actionlayer.calls";
  static final String ATTEMPTS = "actionlayer.attempts";
  static final String RETRY_CALLS = "actionlayer.retry.calls";
  static final String WAITS = "actionlayer.waits";
  static final String BREAKER_STATE = "actionlayer.circuitbreaker.state";
  static final String BREAKER_TRANSITIONS = "actionlayer.circuitbreaker.transitions";
  static final String COOLDOWNS = "actionlayer.cooldowns";
  static final String BUDGET_TOKENS = "actionlayer.retry.budget.tokens";
  static final String DUPLICATES = "actionlayer.duplicates.suppressed";
  static final String SAGAS = "actionlayer.sagas";
  static final String SAGA_RESIDUE = "actionlayer.saga.residue";
  static final String POLICY_DENIALS = "actionlayer.policy.denials";
  static final String APPROVALS = "actionlayer.approvals";

  private final MeterRegistry registry;

  Metrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void call(String connection, String operation, String outcome, long nanos) {
    Timer.builder(CALLS).description("Logical calls, by outcome (SUCCESS or the error code)")
        .tags("connection", connection, "operation", operation, "outcome", outcome)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  void attempt(String connection, String operation, String kind, int status, String outcome) {
    Counter.builder(ATTEMPTS).description("Requests sent or refused, by status class and outcome")
        .tags("connection", connection, "operation", operation, "kind", kind,
            "status", status == 0 ? "none" : (status / 100) + "xx", "outcome", outcome)
        .register(registry).increment();
  }

  /** {@code kind}: successful_without_retry, successful_with_retry, failed_with_retry, failed_without_retry. */
  void retryCall(String connection, String operation, String kind) {
    Counter.builder(RETRY_CALLS).description("Logical calls by whether they were retried (resilience4j's kinds)")
        .tags("connection", connection, "operation", operation, "kind", kind)
        .register(registry).increment();
  }

  /** {@code reason}: retry_after, backoff, rate_limit or cooldown. */
  void waited(String connection, String reason, Duration d) {
    Timer.builder(WAITS).description("Waits before a request, by reason")
        .tags("connection", connection, "reason", reason)
        .register(registry).record(d);
  }

  void cooldown(String connection, String reason) {
    Counter.builder(COOLDOWNS).description("Connection-wide pauses the vendor asked for")
        .tags("connection", connection, "reason", reason)
        .register(registry).increment();
  }

  void duplicate(String connection, String operation) {
    Counter.builder(DUPLICATES).description("Creates answered from the duplicate window, nothing sent")
        .tags("connection", connection, "operation", operation)
        .register(registry).increment();
  }

  void transition(String connection, String from, String to) {
    Counter.builder(BREAKER_TRANSITIONS).description("Circuit breaker state transitions")
        .tags("connection", connection, "from", lower(from), "to", lower(to))
        .register(registry).increment();
  }

  /** One gauge per state, 1 for the current one (as {@code resilience4j.circuitbreaker.state}). */
  void breaker(ConnectionRuntime c) {
    for (String state : new String[] {"CLOSED", "OPEN", "HALF_OPEN"}) {
      Gauge.builder(BREAKER_STATE, c, r -> r.breakerState().equals(state) ? 1 : 0)
          .description("1 for the circuit breaker's current state")
          .tags("connection", c.name, "state", lower(state))
          .register(registry);
    }
    Gauge.builder(BUDGET_TOKENS, c.budget, RetryBudget::available)
        .description("Retries the connection's retry budget allows now")
        .tags("connection", c.name)
        .register(registry);
  }

  void saga(String saga, String outcome, int residue) {
    Counter.builder(SAGAS).description("Saga runs and recoveries, by outcome")
        .tags("saga", saga, "outcome", outcome)
        .register(registry).increment();
    if (residue > 0) {
      Counter.builder(SAGA_RESIDUE).description("Records a saga could not undo")
          .tags("saga", saga)
          .register(registry).increment(residue);
    }
  }

  void denial(String connection, String operation, String reason) {
    Counter.builder(POLICY_DENIALS).description("Calls the policy refused, nothing sent")
        .tags("connection", connection, "operation", operation, "reason", reason)
        .register(registry).increment();
  }

  void approval(String operation, String decision) {
    Counter.builder(APPROVALS).description("Approval decisions on calls a rule holds for a person")
        .tags("operation", operation, "decision", decision)
        .register(registry).increment();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
