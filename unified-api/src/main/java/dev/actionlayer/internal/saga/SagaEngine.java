package dev.actionlayer.internal.saga;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.internal.Backoff;
import dev.actionlayer.internal.Canonical;
import dev.actionlayer.internal.ResourceCalls;
import dev.actionlayer.internal.Retries;
import dev.actionlayer.internal.Telemetry;
import dev.actionlayer.internal.TraceIds;
import dev.actionlayer.saga.Compensation;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.RecoveryReport;
import dev.actionlayer.saga.Residue;
import dev.actionlayer.saga.Saga;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.spi.Json;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sagas and recovers unfinished ones, for one layer: journaling, keyed creates, compensation
 * under the patient {@link CompensationPolicy}, and one audit event per saga. Thread-safe; one per
 * layer, shared by its principal views.
 */
public final class SagaEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);
  /** Sagas claimed from the journal per round of {@link #recover()}. */
  private static final int CLAIM_BATCH = 16;

  final Canonical.Lookup lookup;
  final JournalStore journal;
  final Map<String, Compensation> compensations;
  final CompensationPolicy policy;
  final Clock clock;
  private final Sleeper sleeper;
  private final AuditSink auditSink;
  private final DoubleSupplier random;
  private final Compensator compensator = new Compensator(this);
  /** Saga, step and compensation spans; saga outcomes and residue counted. */
  final Telemetry telemetry;

  public SagaEngine(Canonical.Lookup lookup, JournalStore journal, Map<String, Compensation> compensations,
      CompensationPolicy policy, Clock clock, Sleeper sleeper, AuditSink auditSink,
      DoubleSupplier random, Telemetry telemetry) {
    this.telemetry = telemetry;
    this.lookup = lookup;
    this.journal = journal;
    this.compensations = Map.copyOf(compensations);
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.auditSink = auditSink;
    this.random = random;
  }

  /** A new saga acting for {@code principal}. */
  public Saga saga(String name, String principal) {
    return new SagaRun(this, requireName(name, "saga name"), principal);
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /**
   * The names of sagas, steps and compensations: 1..64 letters, digits, {@code _ . -}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireName(String value, String what) {
    java.util.Objects.requireNonNull(value, what + " == null");
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 1..64 letters, digits, '_', '.' or '-': " + value);
    }
    return value;
  }

  /**
   * Finishes every unfinished saga this journal instance can claim, by compensation (or, when all
   * its steps had finished and only the end was not written, by marking it completed).
   */
  public RecoveryReport recover() {
    List<SagaResult> results = new ArrayList<>();
    while (true) {
      List<List<JournalEntry>> claimed = journal.claimUnfinished(CLAIM_BATCH);
      if (claimed.isEmpty()) break;
      for (List<JournalEntry> entries : claimed) {
        if (entries.isEmpty()) continue;
        SagaResult r = recoverOne(SagaState.replay(entries));
        if (r != null) results.add(r);
      }
    }
    return new RecoveryReport(results);
  }

  private SagaResult recoverOne(SagaState state) {
    String traceId = state.traceId != null ? state.traceId : TraceIds.random();
    String name = state.name != null ? state.name : "unnamed";
    Instant started = clock.instant();
    Span span = telemetry.startSaga(name, state.sagaId, traceId);
    try (Scope ignored = span == null ? null : span.makeCurrent()) {
      return TraceIds.within(traceId, () -> {
        if (state.allStepsDone()) {
          SagaResult r = complete(state, name, traceId);
          audit(r, state.principal, "saga.recover", started);
          ended(span, r);
          return r;
        }
        SagaState.Step interrupted = null;
        for (SagaState.Step s : state.steps) if (!s.done) interrupted = s;
        ActionError failure = ActionError.builder(ErrorCode.INTERNAL).retryable(false)
            .message("the process running saga '" + name + "' stopped"
                + (interrupted == null ? " between steps" : " during step '" + interrupted.name + "'")
                + " before it finished; recover() compensated it")
            .build();
        SagaResult r = finish(state, name, traceId, failure,
            interrupted == null ? -1 : interrupted.index, List.of());
        audit(r, state.principal, "saga.recover", started);
        ended(span, r);
        return r;
      });
    } catch (SagaTakenOver e) {
      Telemetry.endPart(span, "SAGA_TAKEN_OVER");
      log.warn("saga {} was taken over by another worker during recovery: {}", state.sagaId, e.getMessage());
      return null;
    }
  }

  /** Ends a saga's span (null when not tracing) and counts its outcome. */
  void ended(Span span, SagaResult r) {
    telemetry.endSaga(span, r.name(), r.status().name(),
        r.failure().map(f -> f.code().name()).orElse(null), r.residue().size());
  }

  /** Journals the end of a saga whose every step was done, and builds its result. */
  SagaResult complete(SagaState state, String name, String traceId) {
    writeQuietly(state, JournalEntry.ended(state.sagaId, clock.instant(), SagaResult.Status.COMPLETED));
    List<StepOutcome> steps = new ArrayList<>();
    for (SagaState.Step s : state.steps) {
      steps.add(new StepOutcome(s.name, StepOutcome.Status.COMPLETED, Compensator.records(s), null));
    }
    return new SagaResult(state.sagaId, name, traceId, SagaResult.Status.COMPLETED, null, List.of(), steps);
  }

  /** Compensates, journals the end and builds the result. */
  SagaResult finish(SagaState state, String name, String traceId, ActionError failure,
      int failedStep, List<String> declaredNames) {
    Compensator.Outcome outcome = compensator.compensate(state, failedStep, failure);
    SagaResult.Status status = outcome.residue().isEmpty() ? SagaResult.Status.COMPENSATED
        : SagaResult.Status.COMPENSATION_FAILED;
    writeQuietly(state, JournalEntry.ended(state.sagaId, clock.instant(), status));
    List<StepOutcome> steps = new ArrayList<>(outcome.steps());
    for (int i = steps.size(); i < declaredNames.size(); i++) {
      steps.add(new StepOutcome(declaredNames.get(i), StepOutcome.Status.NOT_RUN, List.of(), null));
    }
    if (!outcome.residue().isEmpty()) {
      log.error("saga {} ({}) could not undo {} record(s); finish by hand: {}", name, state.sagaId,
          outcome.residue().size(),
          outcome.residue().stream().map(Residue::describe).collect(Collectors.joining("; ")));
    }
    return new SagaResult(state.sagaId, name, traceId, status, failure, outcome.residue(), steps);
  }

  /**
   * Applies {@code entry} to the books, then makes it durable.
   *
   * @throws SagaTakenOver when another worker owns the saga now
   * @throws ActionException {@code INTERNAL} when the journal cannot store it
   */
  void write(SagaState state, JournalEntry entry) {
    state.apply(entry);
    try {
      journal.append(entry);
    } catch (SagaTakenOver e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("saga journal {} failed to store {} of saga {}", journal, entry.type(), entry.sagaId(), e);
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("the saga journal could not store the saga's progress: " + e.getClass().getSimpleName())
          .build(), e);
    }
  }

  /**
   * {@link #write}, but a journal that cannot store the entry does not stop compensation: undoing
   * a record matters more than the note that it was undone (an unfinished saga is compensated
   * again by recovery, and compensations are idempotent).
   */
  void writeQuietly(SagaState state, JournalEntry entry) {
    try {
      write(state, entry);
    } catch (ActionException e) {
      // already logged
    }
  }

  /**
   * Runs {@code call} under the compensation policy: retryable failures are retried, waiting the
   * error's {@code retryAfter} when it gives a positive one, else a full-jitter backoff.
   */
  <T> T patiently(Supplier<T> call) {
    Instant until = clock.instant().plus(policy.maxDuration());
    return Retries.run(new Retries.Rules() {
      @Override
      public boolean mayRetry(int number) {
        return number < policy.maxAttempts();
      }

      @Override
      public Duration backoff(int number) {
        Duration d = Backoff.fullJitter(policy.initialBackoff(), policy.maxBackoff(), number, random.getAsDouble());
        return d.isZero() ? Duration.ofMillis(1) : d; // a wait, however short, never a spin
      }

      @Override
      public ActionException refuse(ActionException failure, Duration delay) {
        return clock.instant().plus(delay).isAfter(until) ? failure : null;
      }

      @Override
      public void sleep(Duration delay, ActionException failure) {
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }, (number, waited) -> {
      try {
        return call.get();
      } catch (ActionException e) {
        throw Retries.candidate(e);
      }
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static String inputJson(Canonical<?, ?> kind, Object input) {
    JsonAdapter adapter = Json.MOSHI.adapter(kind.inputType());
    return adapter.toJson(input);
  }

  /**
   * Reads a journaled input back (its record's constructor validates it again).
   *
   * @throws ActionException {@code INTERNAL} when it cannot be read
   */
  static <N> N input(Canonical<N, ?> kind, String json) {
    try {
      N input = Json.MOSHI.adapter(kind.inputType()).fromJson(json);
      if (input == null) throw new IOException("null");
      return input;
    } catch (IOException | RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("the journaled input of a " + kind.noun() + ".create could not be read back: "
              + e.getClass().getSimpleName())
          .build());
    }
  }

  <N, R> ResourceCalls<N, R> calls(String connection, Canonical<N, R> kind) {
    return lookup.calls(connection, kind);
  }

  Map<String, String> auditContext(SagaState state, String step, String phase) {
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("saga", state.name == null ? "unnamed" : state.name);
    ctx.put("sagaId", state.sagaId);
    if (step != null) ctx.put("step", step);
    if (phase != null) ctx.put("phase", phase);
    return ctx;
  }

  /** One event per saga, on the saga's trace: its status, its failure and every residue. */
  void audit(SagaResult r, String principal, String operation, Instant startedAt) {
    if (auditSink == AuditSink.NONE) return;
    try {
      Map<String, String> ctx = new LinkedHashMap<>();
      ctx.put("saga", r.name());
      ctx.put("sagaId", r.sagaId());
      ctx.put("status", r.status().name());
      ctx.put("steps", r.steps().stream().map(s -> s.name() + "=" + s.status())
          .collect(Collectors.joining(",")));
      for (int i = 0; i < r.residue().size(); i++) ctx.put("residue." + i, r.residue().get(i).describe());
      Map<String, String> request = Map.of("saga", r.name());
      auditSink.accept(new AuditEvent(r.traceId(), startedAt, principal == null ? "default" : principal,
          null, null, operation, request, null, List.of(), null,
          r.status() == SagaResult.Status.COMPLETED ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
          null, r.failure().orElse(null), null, false, false, null,
          Duration.between(startedAt, clock.instant()).toMillis(), null, ctx));
    } catch (RuntimeException e) {
      log.warn("audit sink failed for saga {}: {}", r.sagaId(), e.getClass().getName());
    }
  }

  @Override
  public void close() {
    journal.close();
  }
}
