package dev.actionlayer.saga;

import dev.actionlayer.ActionError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a saga ended: completed, compensated, or — never silently — with residue an operator must
 * remove by hand. Immutable.
 */
public final class SagaResult {
  /** The end states of a saga. */
  public enum Status {
    /** Every step succeeded. */
    COMPLETED,
    /** A step failed and everything done before it was undone. */
    COMPENSATED,
    /** A step failed and at least one record could not be undone: see {@link #residue()}. */
    COMPENSATION_FAILED
  }

  private final String sagaId;
  private final String name;
  private final String traceId;
  private final Status status;
  private final ActionError failure;
  private final List<Residue> residue;
  private final List<StepOutcome> steps;

  /** For the saga engine; callers receive results, they do not build them. */
  public SagaResult(String sagaId, String name, String traceId, Status status, ActionError failure,
      List<Residue> residue, List<StepOutcome> steps) {
    this.sagaId = Objects.requireNonNull(sagaId, "sagaId == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.traceId = Objects.requireNonNull(traceId, "traceId == null");
    this.status = Objects.requireNonNull(status, "status == null");
    this.failure = failure;
    this.residue = List.copyOf(residue);
    this.steps = List.copyOf(steps);
    if ((status == Status.COMPLETED) != (failure == null)) {
      throw new IllegalArgumentException("a failure is required exactly when the saga did not complete");
    }
    if ((status == Status.COMPENSATION_FAILED) == this.residue.isEmpty()) {
      throw new IllegalArgumentException("residue is required exactly when compensation failed");
    }
  }

  public String sagaId() {
    return sagaId;
  }

  public String name() {
    return name;
  }

  /** The trace id every call of the saga (and its compensations) carried in the audit. */
  public String traceId() {
    return traceId;
  }

  public Status status() {
    return status;
  }

  /** The step failure that made the saga compensate; empty when it completed. */
  public Optional<ActionError> failure() {
    return Optional.ofNullable(failure);
  }

  /** Every record left behind; empty unless {@link Status#COMPENSATION_FAILED}. */
  public List<Residue> residue() {
    return residue;
  }

  /** Each step's outcome, in the order the steps were declared. */
  public List<StepOutcome> steps() {
    return steps;
  }

  /** The outcome of the step named {@code name}. */
  public StepOutcome step(String name) {
    for (StepOutcome s : steps) if (s.name().equals(name)) return s;
    throw new IllegalArgumentException("no step named " + name);
  }

  @Override
  public String toString() {
    return "SagaResult{" + name + " " + sagaId + ": " + status
        + (failure == null ? "" : ", failure=" + failure.code())
        + (residue.isEmpty() ? "" : ", residue=" + residue.size()) + "}";
  }
}
