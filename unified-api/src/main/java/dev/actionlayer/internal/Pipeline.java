package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorResponse;
import dev.failsafe.Failsafe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import dev.actionlayer.spi.VendorRequest;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one resilience pipeline every canonical call goes through, outer stage first: duplicate-call
 * suppression, deadline, bulkhead, retry (backoff with full jitter, {@code Retry-After}, retry
 * budget, the cap on any wait), circuit breaker, cooldown and rate limiter, then the attempt with
 * its timeout and credentials. Emits exactly one audit event per logical call. Thread-safe.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final Clock clock;
  private final Transport transport;
  private final AuditSink auditSink;
  private final Stages stages;

  public Pipeline(Clock clock, Sleeper sleeper, Transport transport, AuditSink auditSink,
      DoubleSupplier random) {
    this.clock = clock;
    this.transport = transport;
    this.auditSink = auditSink;
    this.stages = new Stages(clock, sleeper, transport, random);
  }

  /**
   * Plans and runs one logical call on connection {@code c} for {@code principal}, auditing the
   * outcome. A plan that cannot be built (bad input) fails before any I/O and is audited too.
   */
  <R> R execute(ConnectionRuntime c, String operation,
      Function<Function<VendorRequest, VendorResponse>, Plan<R>> planner, String principal,
      Map<String, String> context) {
    return run(c, operation, planner, principal, context).value();
  }

  /**
   * The result of one logical call, and whether it was served from the duplicate window (an
   * identical earlier create's result, nothing sent).
   */
  record Outcome<R>(R value, boolean deduplicated) {}

  /** Like {@link #execute}, telling also whether the result came from the duplicate window. */
  <R> Outcome<R> run(ConnectionRuntime c, String operation,
      Function<Function<VendorRequest, VendorResponse>, Plan<R>> planner, String principal,
      Map<String, String> context) {
    CallState st = new CallState(TraceIds.current(), clock.instant(), c.policy.deadline());
    Plan<R> plan = null;
    try {
      plan = plan(c, planner, request -> stages.exchange(c, st, request));
      R result = plan.kind == Plan.Kind.FIND ? lookedUp(c, plan, st)
          : plan.kind == Plan.Kind.CREATE && c.recentCreates != null
          ? deduplicated(c, plan, principal, st)
          : guarded(c, plan, st);
      audit(c, operation, plan, principal, context, st, result, null);
      return new Outcome<>(result, st.deduplicated);
    } catch (ActionException e) {
      ActionError error = e.error();
      if (plan != null && plan.kind == Plan.Kind.CREATE && st.maybeApplied
          && error.code() != ErrorCode.OUTCOME_UNKNOWN && !settledByVendor(plan, st)) {
        // An earlier attempt may have created the record and no later one could tell: saying
        // anything but OUTCOME_UNKNOWN would invite the caller to create it a second time.
        error = Failures.outcomeUnknown(error, "no later attempt could confirm whether it was");
      }
      error = finish(c, operation, st, error);
      audit(c, operation, plan, principal, context, st, null, error);
      throw new ActionException(error, e.getCause());
    }
  }

  /**
   * Whether the vendor itself answered the last attempt of a keyed create with a definitive
   * refusal: a replay under the same key would have returned the record had it been created.
   */
  private static boolean settledByVendor(Plan<?> plan, CallState st) {
    if (plan.safety != CreateSafety.KEYED || st.attempts.isEmpty()) return false;
    AuditEvent.Attempt last = st.attempts.get(st.attempts.size() - 1);
    // Only a refusal of the request itself: a rate limit or an auth failure says nothing about
    // whether an earlier attempt created the record.
    return last.kind().equals("call") && last.status() >= 400
        && (ErrorCode.INVALID_REQUEST.name().equals(last.code())
        || ErrorCode.NOT_FOUND.name().equals(last.code()));
  }

  private static <R> Plan<R> plan(ConnectionRuntime c,
      Function<Function<VendorRequest, VendorResponse>, Plan<R>> planner,
      Function<VendorRequest, VendorResponse> exchanger) {
    try {
      return planner.apply(exchanger);
    } catch (ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("connector {} failed to build a request", c.connector.vendor(), e);
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL)
          .message("the " + c.connector.vendor() + " connector failed to build the request: "
              + e.getClass().getSimpleName())
          .build());
    }
  }

  /**
   * An identical create from the same principal within the window gets the first call's result;
   * one that arrives while the first is in flight waits for it instead of sending a second.
   */
  @SuppressWarnings("unchecked")
  private <R> R deduplicated(ConnectionRuntime c, Plan<R> plan, String principal, CallState st) {
    Object key = new DedupeKey(principal, plan.operation, plan.dedupeInput);
    for (int round = 0; ; round++) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> first = c.recentCreates.asMap().putIfAbsent(key, mine);
      if (first == null) {
        try {
          R result = guarded(c, plan, st);
          mine.complete(result);
          return result;
        } catch (RuntimeException e) {
          c.recentCreates.asMap().remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        Object result = first.get(Math.max(1, stages.remaining(st).toMillis()), TimeUnit.MILLISECONDS);
        st.deduplicated = true;
        return (R) result;
      } catch (ExecutionException e) {
        // The first call failed and left the cache: this one runs on its own (once).
        if (round > 0) throw (RuntimeException) e.getCause();
      } catch (TimeoutException e) {
        throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT)
            .message("deadline exhausted waiting for an identical create already in flight"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
            .message("interrupted while waiting for an identical create already in flight"));
      }
    }
  }

  /**
   * A lookup by idempotency key, polled within the reconcile window because vendor searches are
   * eventually consistent: the record, or null when the vendor answered and never showed it
   * during the whole window.
   *
   * @throws ActionException when no lookup got an answer, or the lookups were cut short (breaker
   *     open, connection paused): an empty answer early in the window proves nothing
   */
  private <R> R lookedUp(ConnectionRuntime c, Plan<R> plan, CallState st) {
    R found = stages.reconcile(c, plan, st);
    if (found != null || (st.lookupsAnswered > 0 && !st.lookupsCutShort)) return found;
    ActionError last = st.lookupError != null ? st.lookupError
        : ActionError.builder(ErrorCode.UNAVAILABLE).message("no lookup could be sent").build();
    throw new ActionException(last.toBuilder()
        .message("could not tell whether the record exists: " + last.message()).build());
  }

  /** Bulkhead around the retried attempts. */
  private <R> R guarded(ConnectionRuntime c, Plan<R> plan, CallState st) {
    boolean permitted;
    try {
      permitted = c.bulkhead.tryAcquirePermit(Stages.min(stages.remaining(st), c.policy.maxWait()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
          .message("interrupted while waiting for a free slot on the connection"));
    }
    if (!permitted) {
      throw Failures.fail(ActionError.builder(ErrorCode.UNAVAILABLE)
          .message("connection '" + c.name + "' already runs " + c.policy.maxConcurrentCalls()
              + " calls (bulkhead full); nothing was sent"));
    }
    try {
      c.budget.onFirstAttempt();
      return Failsafe.with(c.retryPolicy).get(() -> attempt(c, plan, st));
    } catch (RetrySignal s) {
      throw new ActionException(s.error);
    } finally {
      c.bulkhead.releasePermit();
    }
  }

  private <R> R attempt(ConnectionRuntime c, Plan<R> plan, CallState st) {
    Duration delay = st.nextDelay;
    st.nextDelay = Duration.ZERO;
    if (!delay.isZero()) stages.sleep(delay);
    if (plan.builtRequest() == null && !delay.isZero()) {
      // Building may send an auxiliary request first: whichever request goes out next is the one
      // the backoff preceded, so the wait is handed to the next recorded attempt, aux or call.
      st.waitedMs += delay.toMillis();
      delay = Duration.ZERO;
    }
    int n = st.callAttempts() + st.failedBuilds + 1;
    VendorRequest vendorRequest;
    try {
      vendorRequest = plan.request();
    } catch (ActionException e) {
      // Building needed an auxiliary exchange that failed (already audited as "aux"), or the
      // input is invalid: nothing of the operation itself was sent. A failed build is an attempt
      // of the logical call all the same, or a vendor failing only its auxiliary request would
      // get more tries than maxAttempts allows.
      if (!e.error().retryable()) throw e;
      st.failedBuilds++;
      throw retryOrFail(c, st, n, e.error());
    }
    Request request;
    try {
      request = transport.toOkHttp(c, vendorRequest);
    } catch (ActionException e) {
      // The auth stage could not get a token (token endpoint down or refusing): nothing was sent.
      if (!e.error().retryable()) throw e;
      st.attempts.add(new AuditEvent.Attempt(n, "call", 0, e.error().code().name(),
          delay.toMillis() + st.waitedMs, 0, false));
      st.waitedMs = 0;
      throw retryOrFail(c, st, n, e.error());
    }
    Exchange x = stages.sendProtected(c, request, st);
    VendorResponse response = x.response;
    ActionError error;
    boolean applied;
    boolean overCap = x.overCap() && plan.kind != Plan.Kind.DELETE; // a delete reads no body
    if (overCap) {
      error = Failures.tooLarge(c, response);
      applied = plan.kind == Plan.Kind.CREATE;
    } else if (response != null && response.isSuccessful() && x.failure == null) {
      try {
        R result = plan.reader.read(response);
        if (result == null && plan.kind != Plan.Kind.DELETE) {
          throw new IOException("the connector read no record from the response");
        }
        stages.record(st, n, "call", delay, x, null);
        return result;
      } catch (ActionException e) {
        // The connector read the body and found a precise failure (a 200 that says "deleted").
        error = e.error().httpStatus() == 0
            ? e.error().toBuilder().httpStatus(response.status()).build() : e.error();
        applied = plan.kind == Plan.Kind.CREATE;
      } catch (IOException | RuntimeException e) {
        error = ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(plan.kind == Plan.Kind.READ)
            .httpStatus(response.status())
            .message("the vendor answered HTTP " + response.status() + " but its body could not be read")
            .build();
        applied = true;
      }
    } else if (response != null && response.isSuccessful()) {
      error = ActionError.builder(ErrorCode.UPSTREAM_ERROR).httpStatus(response.status())
          .message("the vendor answered HTTP " + response.status() + " but the response was cut off")
          .build();
      applied = true;
    } else if (response != null) {
      if (plan.kind == Plan.Kind.CREATE && plan.recoverer != null) {
        R recovered = recover(plan, response);
        if (recovered != null) {
          stages.record(st, n, "call", delay, x, null);
          return recovered;
        }
      }
      error = Failures.mapError(c, response);
      if (x.failure != null && !error.retryable()) {
        // The error answer's body was cut off (the attempt timed out reading it, or the
        // connection dropped): its status arrived, what the vendor said did not, so nothing
        // final (a 404 read as "no such path", say) is concluded from what is left of it.
        error = error.toBuilder().retryable(true)
            .message(error.message() + " (the answer's body was cut off)").build();
      }
      applied = false;
      // A 500 (or a proxy's 502/504) may come after the vendor applied the write.
      if (response.status() >= 500 && response.status() != 503) st.maybeApplied = true;
    } else {
      error = Failures.transportError(x);
      applied = false;
      if (x.sent) st.maybeApplied = true;
    }
    if (applied) st.maybeApplied = true;
    stages.record(st, n, "call", delay, x, error.code());
    stages.pauseConnectionIfAsked(c, error, response);
    if (error.code() == ErrorCode.UNAUTHENTICATED && response != null && !st.authRefreshed
        && c.authorizer.canRefresh()) {
      // The token may have expired early or been revoked: refresh once, resend at once.
      st.authRefreshed = true;
      c.authorizer.invalidate(request.header("Authorization"));
      throw new RetrySignal(error);
    }

    if (plan.kind == Plan.Kind.DELETE && error.code() == ErrorCode.NOT_FOUND && n > 1 && st.maybeApplied) {
      return null; // an earlier attempt whose answer was lost did the delete
    }
    if (plan.kind == Plan.Kind.CREATE && st.maybeApplied) {
      if (plan.safety == CreateSafety.UNSAFE) {
        throw new ActionException(Failures.outcomeUnknown(error, "the vendor has no idempotency key"));
      }
      if (plan.safety == CreateSafety.FINDABLE) {
        R found = stages.reconcile(c, plan, st);
        if (found != null) return found;
        throw new ActionException(Failures.outcomeUnknown(error, "a lookup by idempotency key did not find the record"));
      }
      // KEYED: a repeat replays — but would replay an answer over the cap just as large.
      if (applied && !overCap) error = error.toBuilder().retryable(true).build();
    }
    throw retryOrFail(c, st, n, error);
  }

  /** Asks the connector whether an error answer to a create means "already created". */
  private static <R> R recover(Plan<R> plan, VendorResponse response) {
    try {
      return plan.recoverer.read(response);
    } catch (ActionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.OUTCOME_UNKNOWN)
          .httpStatus(response.status())
          .message("the vendor says the record already exists, but it could not be read back")
          .build());
    }
  }

  /** Decides whether to retry: only retryable errors, within attempts, cap, deadline and budget. */
  private RuntimeException retryOrFail(ConnectionRuntime c, CallState st, int n, ActionError error) {
    int counted = st.authRefreshed ? n - 1 : n; // the one resend after a token refresh is free
    if (!error.retryable() || counted >= c.policy.maxAttempts()) return new ActionException(error);
    Duration retryAfter = error.retryAfter().orElse(null);
    // A zero retryAfter (a half-open breaker whose one trial another caller holds, a vendor's
    // "Retry-After: 0") is no pacing at all: concurrent callers would all come straight back and
    // spend the retry budget, so it gets the ordinary backoff instead.
    Duration delay = retryAfter != null && retryAfter.compareTo(Duration.ZERO) > 0
        ? retryAfter : stages.backoff(c, n);
    if (delay.compareTo(c.policy.maxWait()) > 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; not waited: " + Failures.seconds(delay)
              + " is longer than the " + Failures.seconds(c.policy.maxWait()) + " cap on any wait")
          .build());
    }
    if (delay.compareTo(stages.remaining(st)) >= 0) {
      return new ActionException(error.toBuilder().retryAfter(delay)
          .message(error.message() + "; waiting " + Failures.seconds(delay) + " would pass the call's deadline")
          .build());
    }
    if (!c.budget.tryRetry()) {
      return new ActionException(error.toBuilder()
          .message(error.message() + "; not retried: the connection's retry budget is spent")
          .build());
    }
    st.nextDelay = delay;
    return new RetrySignal(error);
  }

  /** Adds the call's context to the error and removes anything secret from it. */
  private ActionError finish(ConnectionRuntime c, String operation, CallState st, ActionError e) {
    ActionError.Builder b = e.toBuilder()
        .vendor(c.connector.vendor())
        .connection(c.name)
        .operation(operation)
        .traceId(st.traceId)
        .attempts(st.sent)
        .message(c.redactor.text(e.message()))
        .vendorCode(c.redactor.text(e.vendorCode()));
    if (!e.fieldErrors().isEmpty()) {
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      e.fieldErrors().forEach((k, v) -> fields.put(c.redactor.text(k), c.redactor.text(v)));
      b.clearFieldErrors().fieldErrors(fields);
    }
    if (e.vendorRequestId().isEmpty()) b.vendorRequestId(vendorRequestId(c, st));
    return b.build();
  }

  private String vendorRequestId(ConnectionRuntime c, CallState st) {
    String header = c.connector.requestIdHeader();
    return header == null || st.lastResponse == null ? null : st.lastResponse.header(header);
  }

  private <R> void audit(ConnectionRuntime c, String operation, Plan<R> plan, String principal,
      Map<String, String> context, CallState st, R result, ActionError error) {
    if (auditSink == AuditSink.NONE) return; // nobody listens: building the event is pure cost
    try {
      AuditEvent event = Audits.event(c, operation, plan, principal, context, st, result, error,
          vendorRequestId(c, st), clock);
      auditSink.accept(event);
    } catch (RuntimeException e) {
      log.warn("audit sink failed for trace {}: {}", st.traceId, e.getClass().getName());
    }
  }

  private record DedupeKey(String principal, String operation, Object input) {}
}
