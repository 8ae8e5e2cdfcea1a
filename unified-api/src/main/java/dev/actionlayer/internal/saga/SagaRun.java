package dev.actionlayer.internal.saga;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folders;
import dev.actionlayer.Tasks;
import dev.actionlayer.internal.Canonical;
import dev.actionlayer.internal.ResourceCalls;
import dev.actionlayer.internal.Telemetry;
import dev.actionlayer.internal.TraceIds;
import io.opentelemetry.api.trace.Span;

import dev.actionlayer.internal.Views;
import dev.actionlayer.saga.Saga;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.SagaScope;
import dev.actionlayer.saga.SagaStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One saga being declared, then run once: the steps in order, compensation on failure. */
final class SagaRun implements Saga {
  private record StepDef(String name, SagaStep action, String compensation) {}

  private final SagaEngine engine;
  private final String name;
  private final String principal;
  private final List<StepDef> steps = new ArrayList<>();
  private boolean ran;

  SagaRun(SagaEngine engine, String name, String principal) {
    this.engine = engine;
    this.name = name;
    this.principal = principal;
  }

  @Override
  public Saga step(String name, SagaStep action) {
    return add(name, action, null);
  }

  @Override
  public Saga step(String name, SagaStep action, String compensation) {
    Objects.requireNonNull(compensation, "compensation == null");
    if (!engine.compensations.containsKey(compensation)) {
      throw new IllegalArgumentException("no compensation named '" + compensation
          + "' is registered; register it with ActionLayer.Builder#compensation");
    }
    return add(name, action, compensation);
  }

  private Saga add(String stepName, SagaStep action, String compensation) {
    SagaEngine.requireName(stepName, "step name");
    Objects.requireNonNull(action, "action == null");
    if (ran) throw new IllegalStateException("saga already ran");
    for (StepDef s : steps) {
      if (s.name.equals(stepName)) throw new IllegalArgumentException("duplicate step: " + stepName);
    }
    steps.add(new StepDef(stepName, action, compensation));
    return this;
  }

  @Override
  public SagaResult run() {
    if (steps.isEmpty()) throw new IllegalStateException("saga '" + name + "' has no step");
    if (ran) throw new IllegalStateException("saga '" + name + "' already ran; declare a new one");
    ran = true;
    String sagaId = UUID.randomUUID().toString();
    Span span = engine.telemetry.startSaga(name, sagaId, null);
    try (io.opentelemetry.context.Scope ignored = span == null ? null : span.makeCurrent()) {
      return run(sagaId, span);
    } catch (RuntimeException | Error e) {
      Telemetry.endPart(span, e.getClass().getName());
      throw e;
    }
  }

  private SagaResult run(String sagaId, Span span) {
    String traceId = TraceIds.current(); // the saga span's, when there is one
    Instant started = engine.clock.instant();
    SagaState state = new SagaState(sagaId);
    List<String> names = steps.stream().map(StepDef::name).toList();
    return TraceIds.within(traceId, () -> {
      engine.write(state, JournalEntry.started(sagaId, started, name, traceId, principal, steps.size()));
      Map<String, Object> outputs = new HashMap<>();
      ActionError failure = null;
      int failedStep = -1;
      for (int i = 0; i < steps.size() && failure == null; i++) {
        StepDef def = steps.get(i);
        Span stepSpan = engine.telemetry.startSagaPart("step", def.name);
        try (io.opentelemetry.context.Scope ignored = stepSpan == null ? null : stepSpan.makeCurrent()) {
          engine.write(state, JournalEntry.stepStarted(sagaId, engine.clock.instant(), i, def.name, def.compensation));
          Object output = def.action.run(new Scope(state, i, def.name, outputs));
          engine.write(state, JournalEntry.stepDone(sagaId, engine.clock.instant(), i));
          if (output != null) outputs.put(def.name, output);
        } catch (SagaTakenOver e) {
          Telemetry.endPart(stepSpan, "SAGA_TAKEN_OVER");
          throw e;
        } catch (ActionException e) {
          failure = e.error();
          failedStep = i;
        } catch (RuntimeException e) {
          failure = ActionError.builder(ErrorCode.INTERNAL).retryable(false)
              .message("step '" + def.name + "' threw " + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage()))
              .build();
          failedStep = i;
        }
        Telemetry.endPart(stepSpan, failedStep == i ? failure.code().name() : null);
      }
      SagaResult result = failure == null ? engine.complete(state, name, traceId)
          : engine.finish(state, name, traceId, failure, failedStep, names);
      engine.audit(result, principal, "saga.run", started);
      engine.ended(span, result);
      return result;
    });
  }

  /** The step's view of the layer: creates journaled and keyed by saga id + step. */
  private final class Scope implements SagaScope {
    private final SagaState state;
    private final int stepIndex;
    private final String stepName;
    private final Map<String, Object> outputs;

    Scope(SagaState state, int stepIndex, String stepName, Map<String, Object> outputs) {
      this.state = state;
      this.stepIndex = stepIndex;
      this.stepName = stepName;
      this.outputs = outputs;
    }

    @Override
    public Tasks tasks(String connection) {
      return Views.tasks(ops(connection, Canonical.TASKS));
    }

    @Override
    public Contacts contacts(String connection) {
      return Views.contacts(ops(connection, Canonical.CONTACTS));
    }

    @Override
    public Folders folders(String connection) {
      return Views.folders(ops(connection, Canonical.FOLDERS));
    }

    @Override
    public String sagaId() {
      return state.sagaId;
    }

    @Override
    public String step() {
      return stepName;
    }

    @Override
    public <T> T output(String step, Class<T> type) {
      Object value = outputs.get(step);
      if (value == null) throw new IllegalArgumentException("no earlier step '" + step + "' with an output");
      if (!type.isInstance(value)) {
        throw new IllegalArgumentException("step '" + step + "' output is a " + value.getClass().getSimpleName()
            + ", not a " + type.getSimpleName());
      }
      return type.cast(value);
    }

    private <N, R> Views.Ops<N, R> ops(String connection, Canonical<N, R> kind) {
      ResourceCalls<N, R> calls = engine.calls(connection, kind);
      Map<String, String> context = engine.auditContext(state, stepName, null);
      return Views.journaled(Views.direct(calls, principal, context), input -> {
        if (input == null) throw ActionException.invalidField("input", "is required");
        SagaState.Step step = state.step(stepIndex);
        int n = step.calls.size();
        // Derived, not random: a replay during recovery carries the very same key.
        String key = state.sagaId + "-" + stepIndex + "-" + n;
        engine.write(state, JournalEntry.intent(state.sagaId, engine.clock.instant(), stepIndex, n,
            connection, kind.noun(), key, SagaEngine.inputJson(kind, input)));
        R record;
        try {
          record = calls.create(input, key, principal, context);
        } catch (ActionException e) {
          engine.writeQuietly(state, JournalEntry.failed(state.sagaId, engine.clock.instant(),
              stepIndex, n, e.error().code().name(), e.error().message()));
          throw e;
        }
        engine.write(state, JournalEntry.done(state.sagaId, engine.clock.instant(), stepIndex, n,
            kind.idOf(record)));
        return record;
      }, (id, changes) -> update(connection, kind, calls, context, id, changes));
    }

    /**
     * An update that the saga can undo: the record is read first, and the changes that restore
     * the fields it names are journaled before the update is sent.
     */
    private <N, R> R update(String connection, Canonical<N, R> kind, ResourceCalls<N, R> calls,
        Map<String, String> context, String id, Object changes) {
      if (changes == null) throw ActionException.invalidField("changes", "is required");
      if (!calls.canUpdate()) return calls.update(id, changes, principal, context); // UNSUPPORTED, audited
      Object restore = Restore.changes(calls.get(id, principal, context), changes);
      if (restore == null) return calls.update(id, changes, principal, context);
      SagaState.Step step = state.step(stepIndex);
      int n = step.calls.size();
      engine.write(state, JournalEntry.intent(state.sagaId, engine.clock.instant(), stepIndex, n,
          connection, Restore.resource(kind), state.sagaId + "-" + stepIndex + "-" + n,
          Restore.json(kind, id, restore)));
      R record;
      try {
        record = calls.update(id, changes, principal, context);
      } catch (ActionException e) {
        engine.writeQuietly(state, JournalEntry.failed(state.sagaId, engine.clock.instant(),
            stepIndex, n, e.error().code().name(), e.error().message()));
        throw e;
      }
      engine.write(state, JournalEntry.done(state.sagaId, engine.clock.instant(), stepIndex, n, id));
      return record;
    }
  }
}
