package dev.actionlayer.internal.saga;

import dev.actionlayer.saga.SagaResult;
import java.time.Instant;
import java.util.Objects;

/**
 * One durable fact about a saga, as a {@link JournalStore} stores it; internal, as the journal's
 * format is the engine's business. Which fields are set depends on the {@link Type}; the others
 * are null (or -1 for numbers). Agent-supplied values appear only in {@code input}, as JSON data.
 * The journal never holds credentials.
 *
 * @param saga the saga's name (SAGA_STARTED)
 * @param traceId the trace every call of the saga carries (SAGA_STARTED)
 * @param principal who the saga acts for (SAGA_STARTED)
 * @param steps how many steps the saga declared (SAGA_STARTED)
 * @param step the step's position, from 0 (all step, call and compensation entries)
 * @param stepName the step's name (STEP_STARTED)
 * @param compensation the registered compensation's name, or null for deletes (STEP_STARTED)
 * @param call the create's position within its step, from 0; -1 for a step-wide compensation
 * @param connection the connection's name (CALL_INTENT)
 * @param resource {@code tasks}, {@code contacts} or {@code folders} (CALL_INTENT)
 * @param idempotencyKey the key every attempt and any replay of the create carries (CALL_INTENT)
 * @param input the create's canonical input as JSON (CALL_INTENT)
 * @param recordId the created record's id (CALL_DONE; COMPENSATION_* when known)
 * @param code an {@code ErrorCode} name (CALL_FAILED, COMPENSATION_FAILED) or, for SAGA_ENDED,
 *     the {@link SagaResult.Status} name
 * @param message what happened, already free of secrets
 */
public record JournalEntry(String sagaId, Type type, Instant at, String saga, String traceId,
    String principal, int steps, int step, String stepName, String compensation, int call,
    String connection, String resource, String idempotencyKey, String input, String recordId,
    String code, String message) {

  /** The kinds of fact, in the order a saga writes them. */
  public enum Type {
    SAGA_STARTED,
    STEP_STARTED,
    /** Written (durably) before a create is sent. */
    CALL_INTENT,
    /** The create succeeded, or a lookup found what it made. */
    CALL_DONE,
    /** The create failed; {@code OUTCOME_UNKNOWN} means it may have been applied. */
    CALL_FAILED,
    STEP_DONE,
    COMPENSATION_STARTED,
    COMPENSATION_DONE,
    COMPENSATION_FAILED,
    SAGA_ENDED
  }

  public JournalEntry {
    Objects.requireNonNull(sagaId, "sagaId == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(at, "at == null");
  }

  public static JournalEntry started(String sagaId, Instant at, String saga, String traceId,
      String principal, int steps) {
    return new JournalEntry(sagaId, Type.SAGA_STARTED, at, saga, traceId, principal, steps, -1,
        null, null, -1, null, null, null, null, null, null, null);
  }

  public static JournalEntry stepStarted(String sagaId, Instant at, int step, String stepName,
      String compensation) {
    return new JournalEntry(sagaId, Type.STEP_STARTED, at, null, null, null, -1, step, stepName,
        compensation, -1, null, null, null, null, null, null, null);
  }

  public static JournalEntry intent(String sagaId, Instant at, int step, int call,
      String connection, String resource, String idempotencyKey, String input) {
    return new JournalEntry(sagaId, Type.CALL_INTENT, at, null, null, null, -1, step, null, null,
        call, connection, resource, idempotencyKey, input, null, null, null);
  }

  public static JournalEntry done(String sagaId, Instant at, int step, int call, String recordId) {
    return new JournalEntry(sagaId, Type.CALL_DONE, at, null, null, null, -1, step, null, null,
        call, null, null, null, null, recordId, null, null);
  }

  public static JournalEntry failed(String sagaId, Instant at, int step, int call, String code,
      String message) {
    return new JournalEntry(sagaId, Type.CALL_FAILED, at, null, null, null, -1, step, null, null,
        call, null, null, null, null, null, code, message);
  }

  public static JournalEntry stepDone(String sagaId, Instant at, int step) {
    return new JournalEntry(sagaId, Type.STEP_DONE, at, null, null, null, -1, step, null, null, -1,
        null, null, null, null, null, null, null);
  }

  public static JournalEntry compensation(String sagaId, Type type, Instant at, int step, int call,
      String recordId, String code, String message) {
    if (type != Type.COMPENSATION_STARTED && type != Type.COMPENSATION_DONE
        && type != Type.COMPENSATION_FAILED) {
      throw new IllegalArgumentException("not a compensation entry: " + type);
    }
    return new JournalEntry(sagaId, type, at, null, null, null, -1, step, null, null, call, null,
        null, null, null, recordId, code, message);
  }

  public static JournalEntry ended(String sagaId, Instant at, SagaResult.Status status) {
    return new JournalEntry(sagaId, Type.SAGA_ENDED, at, null, null, null, -1, -1, null, null, -1,
        null, null, null, null, null, status.name(), null);
  }
}
