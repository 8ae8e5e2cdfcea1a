package dev.actionlayer.saga;

import dev.actionlayer.ActionError;
import java.util.List;
import java.util.Objects;

/**
 * What became of one step of a saga.
 *
 * @param records the records the step created (and, when compensated, that were undone)
 * @param error the step's own failure, or its compensation's; null otherwise
 */
public record StepOutcome(String name, Status status, List<SagaRecord> records, ActionError error) {
  public StepOutcome {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(status, "status == null");
    records = List.copyOf(records);
  }

  /** How a step ended. */
  public enum Status {
    /** Done, and kept: the saga completed. */
    COMPLETED,
    /** Its failure stopped the saga; what it may have created was undone. */
    FAILED,
    /** Done, then undone after a later step failed. */
    COMPENSATED,
    /** Its compensation failed: see the saga's residue. */
    COMPENSATION_FAILED,
    /** Never started, because an earlier step failed (or the process stopped before it). */
    NOT_RUN
  }
}
