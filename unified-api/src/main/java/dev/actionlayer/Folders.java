package dev.actionlayer;

/**
 * The canonical {@code folders} operations on one connection. Every call runs through the connection's
 * resilience pipeline and emits one audit event. Thread-safe.
 */
public interface Folders {
  /**
   * Creates a record. Repeating the same create from the same principal within the duplicate
   * window returns the first result instead of creating a second record.
   *
   * @throws ActionException on any failure; {@link ErrorCode#OUTCOME_UNKNOWN} when the record may
   *     or may not exist and reconciliation could not tell
   */
  Folder create(NewFolder input);

  /**
   * Reads a record by its vendor id.
   *
   * @throws ActionException {@link ErrorCode#NOT_FOUND} when it does not exist
   */
  Folder get(String id);

  /**
   * Deletes a record by its vendor id.
   *
   * @throws ActionException {@link ErrorCode#NOT_FOUND} when it does not exist (for compensation
   *     that counts as done)
   */
  void delete(String id);
}
