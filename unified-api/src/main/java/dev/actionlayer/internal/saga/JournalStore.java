package dev.actionlayer.internal.saga;

import java.util.List;

/**
 * What the saga engine needs of a journal, behind the opaque {@link dev.actionlayer.saga.SagaJournal}
 * handle: durable appends and the claiming of unfinished sagas. Implementations are thread-safe.
 */
public interface JournalStore extends AutoCloseable {
  /**
   * Stores {@code entry} durably before returning. A {@code SAGA_STARTED} entry makes this store
   * the saga's owner until its {@code SAGA_ENDED}.
   *
   * @throws SagaTakenOver when another worker has taken the saga over (its lease lapsed)
   * @throws java.io.UncheckedIOException or another runtime exception when the store fails
   */
  void append(JournalEntry entry);

  /**
   * Takes ownership of up to {@code max} unfinished sagas that no live owner holds — not those
   * this store is running — and returns each one's entries in the order they were appended.
   */
  List<List<JournalEntry>> claimUnfinished(int max);

  /** Releases the store (files, connections, the lease-renewing thread). */
  @Override
  void close();
}
