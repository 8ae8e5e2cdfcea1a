package dev.actionlayer.internal.saga;

import dev.actionlayer.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saga's books as the journal tells them: its steps, each step's creates and how far each got,
 * and each compensation. A running saga and a recovering one build it the same way, by applying
 * entries, so that what recovery knows is exactly what the running saga wrote.
 */
final class SagaState {
  private static final Logger log = LoggerFactory.getLogger(SagaState.class);

  enum CallStatus {
    /** Journaled before sending; nothing after (the process stopped). */
    INTENDED,
    CREATED,
    /** Definitely not created. */
    FAILED,
    /** Ended OUTCOME_UNKNOWN: may exist. */
    UNKNOWN
  }

  enum Undo {
    NONE,
    STARTED,
    DONE,
    FAILED
  }

  static final class Call {
    final int index;
    final String connection;
    final String resource;
    final String key;
    final String input;
    CallStatus status = CallStatus.INTENDED;
    String recordId;
    String code;
    String message;
    Undo undo = Undo.NONE;

    Call(int index, String connection, String resource, String key, String input) {
      this.index = index;
      this.connection = connection;
      this.resource = resource;
      this.key = key;
      this.input = input;
    }
  }

  static final class Step {
    final int index;
    final String name;
    final String compensation;
    final List<Call> calls = new ArrayList<>();
    boolean done;
    Undo undo = Undo.NONE;

    Step(int index, String name, String compensation) {
      this.index = index;
      this.name = name;
      this.compensation = compensation;
    }

    Call call(int index) {
      return index >= 0 && index < calls.size() ? calls.get(index) : null;
    }
  }

  final String sagaId;
  String name;
  String traceId;
  String principal;
  int declaredSteps = -1;
  final List<Step> steps = new ArrayList<>();
  String ended;

  SagaState(String sagaId) {
    this.sagaId = sagaId;
  }

  static SagaState replay(List<JournalEntry> entries) {
    SagaState s = new SagaState(entries.get(0).sagaId());
    for (JournalEntry e : entries) s.apply(e);
    return s;
  }

  Step step(int index) {
    return index >= 0 && index < steps.size() ? steps.get(index) : null;
  }

  /** Applies one entry; an entry about a step or create this saga never announced is ignored. */
  void apply(JournalEntry e) {
    switch (e.type()) {
      case SAGA_STARTED -> {
        name = e.saga();
        traceId = e.traceId();
        principal = e.principal();
        declaredSteps = e.steps();
      }
      case STEP_STARTED -> {
        if (e.step() != steps.size()) {
          log.warn("saga {}: step {} announced out of order; ignored", sagaId, e.step());
          return;
        }
        steps.add(new Step(e.step(), e.stepName(), e.compensation()));
      }
      case CALL_INTENT -> {
        Step step = step(e.step());
        if (step == null || e.call() != step.calls.size()) {
          log.warn("saga {}: a create of step {} announced out of order; ignored", sagaId, e.step());
          return;
        }
        step.calls.add(new Call(e.call(), e.connection(), e.resource(), e.idempotencyKey(), e.input()));
      }
      case CALL_DONE -> {
        Call c = call(e);
        if (c == null) return;
        c.status = CallStatus.CREATED;
        c.recordId = e.recordId();
      }
      case CALL_FAILED -> {
        Call c = call(e);
        if (c == null) return;
        c.status = ErrorCode.OUTCOME_UNKNOWN.name().equals(e.code()) ? CallStatus.UNKNOWN : CallStatus.FAILED;
        c.code = e.code();
        c.message = e.message();
      }
      case STEP_DONE -> {
        Step step = step(e.step());
        if (step != null) step.done = true;
      }
      case COMPENSATION_STARTED, COMPENSATION_DONE, COMPENSATION_FAILED -> {
        Undo undo = e.type() == JournalEntry.Type.COMPENSATION_STARTED ? Undo.STARTED
            : e.type() == JournalEntry.Type.COMPENSATION_DONE ? Undo.DONE : Undo.FAILED;
        Step step = step(e.step());
        if (step == null) return;
        if (e.call() < 0) {
          step.undo = undo;
        } else {
          Call c = step.call(e.call());
          if (c != null) c.undo = undo;
        }
      }
      case SAGA_ENDED -> ended = e.code();
    }
  }

  private Call call(JournalEntry e) {
    Step step = step(e.step());
    return step == null ? null : step.call(e.call());
  }

  /** Whether every declared step finished: the saga completed, only its end was not written. */
  boolean allStepsDone() {
    if (declaredSteps < 0 || steps.size() != declaredSteps) return false;
    for (Step s : steps) if (!s.done) return false;
    return true;
  }
}
