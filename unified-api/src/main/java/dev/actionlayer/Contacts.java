package dev.actionlayer;

/**
 * The canonical {@code contacts} operations on one connection. Every call runs through the connection's
 * resilience pipeline and emits one audit event. Thread-safe.
 */
public interface Contacts {
  /**
   * Creates a record. Repeating the same create from the same principal within the duplicate
   * window returns the first result instead of creating a second record.
   *
   * @throws ActionException on any failure; {@link ErrorCode#OUTCOME_UNKNOWN} when the record may
   *     or may not exist and reconciliation could not tell
   */
  Contact create(NewContact input);

  /**
   * Reads a record by its vendor id.
   *
   * @throws ActionException {@link ErrorCode#NOT_FOUND} when it does not exist
   */
  Contact get(String id);

  /**
   * Deletes a record by its vendor id.
   *
   * @throws ActionException {@link ErrorCode#NOT_FOUND} when it does not exist (for compensation
   *     that counts as done)
   */
  void delete(String id);
  /**
   * Changes only the fields {@code changes} names; the others keep their values. Repeating the
   * same update gives the same result, so a failed one may be retried.
   *
   * @return the record as it is after the change
   * @throws ActionException {@link ErrorCode#NOT_FOUND} when it does not exist;
   *     {@link ErrorCode#UNSUPPORTED} when this connection's vendor cannot make such a change
   */
  Contact update(String id, ContactChanges changes);

  /**
   * One page of the records matching {@code query}; read-only. Pass the page's
   * {@link Page#nextCursor()} back in the query to read on.
   *
   * @throws ActionException {@link ErrorCode#UNSUPPORTED} when this connection's vendor cannot list
   *     them, or cannot filter as asked
   */
  Page<Contact> list(ContactQuery query);
}
