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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import dev.actionlayer.internal.Views;
import dev.actionlayer.saga.Compensation;
import dev.actionlayer.saga.CompensationScope;
import dev.actionlayer.saga.Residue;
import dev.actionlayer.saga.SagaRecord;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.spi.CreateSafety;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Undoes a saga from its books, the same way for a running saga and a recovering one: steps in
 * reverse order, each create in reverse; a record whose create's outcome is unknown is looked up
 * first (or, for a keyed create, replayed under its key to learn its id); deletes that find
 * nothing count as done; every undo is journaled before and after; whatever cannot be undone is
 * residue.
 */
final class Compensator {
  record Outcome(List<Residue> residue, List<StepOutcome> steps) {}

  private final SagaEngine engine;

  Compensator(SagaEngine engine) {
    this.engine = engine;
  }

  static List<SagaRecord> records(SagaState.Step step) {
    List<SagaRecord> out = new ArrayList<>();
    for (SagaState.Call c : step.calls) {
      if (c.recordId != null && !Restore.isUpdate(c.resource)) out.add(new SagaRecord(c.connection, c.resource, c.recordId));
    }
    return out;
  }

  /**
   * @param failedStep the step whose failure stopped the saga, or -1
   * @param failure that failure
   */
  Outcome compensate(SagaState state, int failedStep, ActionError failure) {
    List<Residue> residue = new ArrayList<>();
    StepOutcome[] outcomes = new StepOutcome[state.steps.size()];
    for (int i = state.steps.size() - 1; i >= 0; i--) {
      SagaState.Step step = state.steps.get(i);
      boolean undoes = step.compensation != null || !step.calls.isEmpty();
      Span span = undoes ? engine.telemetry.startSagaPart("compensate", step.name) : null;
      List<Residue> left;
      try (Scope ignored = span == null ? null : span.makeCurrent()) {
        left = step.compensation != null ? custom(state, step) : deletes(state, step);
      } catch (RuntimeException | Error e) {
        Telemetry.endPart(span, e.getClass().getName());
        throw e;
      }
      Telemetry.endPart(span, left.isEmpty() ? null : left.get(0).error().code().name());
      residue.addAll(left);
      StepOutcome.Status status = !left.isEmpty() ? StepOutcome.Status.COMPENSATION_FAILED
          : i == failedStep ? StepOutcome.Status.FAILED : StepOutcome.Status.COMPENSATED;
      ActionError error = !left.isEmpty() ? left.get(0).error() : i == failedStep ? failure : null;
      outcomes[i] = new StepOutcome(step.name, status, records(step), error);
    }
    return new Outcome(residue, List.of(outcomes));
  }

  /**
   * Undoes an update, applied or of unknown outcome, by applying the journaled changes that put
   * the previous values back; an update is idempotent, so restoring values that never changed
   * is harmless.
   */
  private Residue restore(SagaState state, SagaState.Step step, SagaState.Call call) {
    Canonical<?, ?> kind = Restore.kindOf(call.resource);
    Map<String, String> ctx = engine.auditContext(state, step.name, "compensate");
    String id = null;
    String vendor = null;
    try {
      if (kind == null) {
        throw new ActionException(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
            .message("the journal names an unknown resource '" + call.resource + "'").build());
      }
      Restore.Plan plan = Restore.read(kind, call.input);
      id = plan.id();
      ResourceCalls<?, ?> calls = engine.calls(call.connection, kind);
      vendor = calls.vendor();
      engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
          JournalEntry.Type.COMPENSATION_STARTED, engine.clock.instant(), step.index, call.index, id, null, null));
      engine.patiently(() -> calls.update(plan.id(), plan.changes(), state.principal, ctx));
    } catch (ActionException e) {
      engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
          JournalEntry.Type.COMPENSATION_FAILED, engine.clock.instant(), step.index, call.index, id,
          e.error().code().name(), e.error().message()));
      return residue(step, call, vendor, e.error());
    }
    engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
        JournalEntry.Type.COMPENSATION_DONE, engine.clock.instant(), step.index, call.index, id, null,
        "restored the previous values"));
    return null;
  }

  /** The default undo: delete each record the step created, last first. */
  private List<Residue> deletes(SagaState state, SagaState.Step step) {
    List<Residue> left = new ArrayList<>();
    List<SagaState.Call> calls = new ArrayList<>(step.calls);
    Collections.reverse(calls);
    for (SagaState.Call call : calls) {
      if (call.undo == SagaState.Undo.DONE || call.status == SagaState.CallStatus.FAILED) continue;
      Residue r = Restore.isUpdate(call.resource) ? restore(state, step, call) : undo(state, step, call);
      if (r != null) left.add(r);
    }
    return left;
  }

  private Residue undo(SagaState state, SagaState.Step step, SagaState.Call call) {
    Canonical<?, ?> kind = Canonical.of(call.resource);
    if (kind == null) {
      return residue(step, call, null, ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("the journal names an unknown resource '" + call.resource + "'").build());
    }
    return undo(state, step, call, kind);
  }

  private <N, R> Residue undo(SagaState state, SagaState.Step step, SagaState.Call call,
      Canonical<N, R> kind) {
    Map<String, String> ctx = engine.auditContext(state, step.name, "compensate");
    ResourceCalls<N, R> calls;
    String vendor = null;
    try {
      calls = engine.calls(call.connection, kind);
      vendor = calls.vendor();
      if (call.recordId == null) {
        String found = locate(state, step, call, kind, calls, ctx);
        if (found == null) {
          engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
              JournalEntry.Type.COMPENSATION_DONE, engine.clock.instant(), step.index, call.index, null,
              null, "nothing to undo: a lookup by idempotency key found no record"));
          return null;
        }
      }
    } catch (ActionException e) {
      engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
          JournalEntry.Type.COMPENSATION_FAILED, engine.clock.instant(), step.index, call.index, null,
          e.error().code().name(), e.error().message()));
      return residue(step, call, vendor, e.error());
    }
    String id = call.recordId;
    engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
        JournalEntry.Type.COMPENSATION_STARTED, engine.clock.instant(), step.index, call.index, id, null, null));
    String how;
    try {
      engine.patiently(() -> {
        calls.delete(id, state.principal, ctx);
        return null;
      });
      how = "deleted";
    } catch (ActionException e) {
      if (e.error().code() != ErrorCode.NOT_FOUND) {
        engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
            JournalEntry.Type.COMPENSATION_FAILED, engine.clock.instant(), step.index, call.index, id,
            e.error().code().name(), e.error().message()));
        return residue(step, call, vendor, e.error());
      }
      how = "already gone";
    }
    engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
        JournalEntry.Type.COMPENSATION_DONE, engine.clock.instant(), step.index, call.index, id, null, how));
    return null;
  }

  /**
   * Learns the id of a create whose outcome is unknown, journaling it when found: a lookup by key
   * when the connector can, else (keyed creates) a replay under the same key, which returns the
   * record made earlier or makes it now — either way there is then exactly one to delete.
   *
   * @return the id, or null when the vendor answered that no such record exists
   * @throws ActionException when nothing can tell
   */
  private <N, R> String locate(SagaState state, SagaState.Step step, SagaState.Call call,
      Canonical<N, R> kind, ResourceCalls<N, R> calls, Map<String, String> ctx) {
    N input = SagaEngine.input(kind, call.input);
    R record;
    if (calls.canFind()) {
      record = engine.patiently(() -> calls.find(input, call.key, state.principal, ctx));
    } else if (calls.createSafety() == CreateSafety.KEYED) {
      try {
        record = engine.patiently(() -> {
          try {
            return calls.create(input, call.key, state.principal, ctx);
          } catch (ActionException e) {
            // The replay's own answer was lost too: under the same key another replay is exactly
            // as safe as this one was, so it is retried under the policy rather than given up.
            if (e.error().code() != ErrorCode.OUTCOME_UNKNOWN || e.error().retryable()) throw e;
            throw new ActionException(e.error().toBuilder().retryable(true).build(), e);
          }
        });
      } catch (ActionException e) {
        if (e.error().code() != ErrorCode.OUTCOME_UNKNOWN) throw e;
        throw new ActionException(e.error().toBuilder().retryable(false).build(), e.getCause());
      }
    } else {
      throw new ActionException(ActionError.builder(ErrorCode.OUTCOME_UNKNOWN).retryable(false)
          .message("the create may have happened, and " + calls.vendor() + " offers no way to look it"
              + " up by key or repeat it safely; search for it by hand")
          .build());
    }
    if (record == null) return null;
    String id = kind.idOf(record);
    engine.writeQuietly(state, JournalEntry.done(state.sagaId, engine.clock.instant(), step.index, call.index, id));
    return id;
  }

  /** A registered compensation: once for the whole step, with the records it made. */
  private List<Residue> custom(SagaState state, SagaState.Step step) {
    if (step.undo == SagaState.Undo.DONE) return List.of();
    List<Residue> left = new ArrayList<>();
    Map<String, String> ctx = engine.auditContext(state, step.name, "compensate");
    for (SagaState.Call call : step.calls) {
      if (call.recordId != null || call.status == SagaState.CallStatus.FAILED
          || Restore.isUpdate(call.resource)) continue;
      Canonical<?, ?> kind = Canonical.of(call.resource);
      try {
        if (kind == null) throw new ActionException(ActionError.builder(ErrorCode.INTERNAL)
            .retryable(false).message("the journal names an unknown resource '" + call.resource + "'").build());
        locateAny(state, step, call, kind, ctx);
      } catch (ActionException e) {
        left.add(residue(step, call, null, e.error()));
      }
    }
    List<SagaRecord> records = records(step);
    Compensation handler = engine.compensations.get(step.compensation);
    ActionError failed = null;
    if (handler == null) {
      failed = ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("compensation '" + step.compensation + "' is not registered on this layer").build();
    } else {
      engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
          JournalEntry.Type.COMPENSATION_STARTED, engine.clock.instant(), step.index, -1, null, null, null));
      CompensationScope scope = scope(state, step, records);
      try {
        engine.patiently(() -> {
          run(handler, scope);
          return null;
        });
      } catch (ActionException e) {
        failed = e.error();
      }
    }
    if (failed == null) {
      engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
          JournalEntry.Type.COMPENSATION_DONE, engine.clock.instant(), step.index, -1, null, null,
          "compensation '" + step.compensation + "' ran"));
      return left;
    }
    engine.writeQuietly(state, JournalEntry.compensation(state.sagaId,
        JournalEntry.Type.COMPENSATION_FAILED, engine.clock.instant(), step.index, -1, null,
        failed.code().name(), failed.message()));
    for (SagaState.Call call : step.calls) {
      if (call.recordId != null) left.add(residue(step, call, null, failed));
    }
    if (left.isEmpty()) {
      // Nothing journaled to point at, but the step's own undo failed: still not silent.
      left.add(new Residue(step.name, "-", null, "-", null, null, failed));
    }
    return left;
  }

  private <N, R> void locateAny(SagaState state, SagaState.Step step, SagaState.Call call,
      Canonical<N, R> kind, Map<String, String> ctx) {
    locate(state, step, call, kind, engine.calls(call.connection, kind), ctx);
  }

  private static void run(Compensation handler, CompensationScope scope) {
    try {
      handler.compensate(scope);
    } catch (ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("compensation threw " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()))
          .build(), e);
    }
  }

  private CompensationScope scope(SagaState state, SagaState.Step step, List<SagaRecord> records) {
    String principal = state.principal == null ? "default" : state.principal;
    Map<String, String> ctx = engine.auditContext(state, step.name, "compensate");
    return new CompensationScope() {
      @Override
      public String sagaId() {
        return state.sagaId;
      }

      @Override
      public String saga() {
        return state.name;
      }

      @Override
      public String step() {
        return step.name;
      }

      @Override
      public List<SagaRecord> records() {
        return records;
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

      /** Plain pipeline calls for the saga's principal, on its trace, with its audit context. */
      private <N, R> Views.Ops<N, R> ops(String connection, Canonical<N, R> kind) {
        return Views.direct(engine.calls(connection, kind), principal, ctx);
      }
    };
  }

  private static Residue residue(SagaState.Step step, SagaState.Call call, String vendor, ActionError error) {
    return new Residue(step.name, call.connection, vendor, call.resource, call.recordId, call.key, error);
  }
}
