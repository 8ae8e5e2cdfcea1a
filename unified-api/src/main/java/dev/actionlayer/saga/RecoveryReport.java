package dev.actionlayer.saga;

import java.util.List;

/**
 * What {@code ActionLayer.recover()} did: every unfinished saga it found in the journal, each
 * finished by compensation. Sagas another live worker owns are not included.
 */
public record RecoveryReport(List<SagaResult> sagas) {
  public RecoveryReport {
    sagas = List.copyOf(sagas);
  }

  /** How many recovered sagas ended in {@code status}. */
  public long count(SagaResult.Status status) {
    return sagas.stream().filter(s -> s.status() == status).count();
  }

  /** Every record recovery could not undo, across sagas. */
  public List<Residue> residue() {
    return sagas.stream().flatMap(s -> s.residue().stream()).toList();
  }

  @Override
  public String toString() {
    return "RecoveryReport{recovered=" + sagas.size() + ", compensated="
        + count(SagaResult.Status.COMPENSATED) + ", compensationFailed="
        + count(SagaResult.Status.COMPENSATION_FAILED) + "}";
  }
}
