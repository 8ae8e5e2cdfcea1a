package dev.actionlayer.saga;

import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.internal.saga.JdbcJournal;
import dev.actionlayer.internal.saga.MemoryJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where sagas keep their books, so that a saga interrupted by a crash is finished by
 * {@code ActionLayer.recover()} after a restart. Every step's intent is durable before its call is
 * sent, and its result after. Choose one with {@code ActionLayer.Builder#journal}:
 *
 * <ul>
 *   <li>{@link #file(Path)}: the embedded journal — one append-only, fsync'd file for one process;
 *   <li>{@link #jdbc(DataSource)}: PostgreSQL, shared by several workers, each unfinished saga
 *       recovered by exactly one of them;
 *   <li>{@link #inMemory()}: no durability (the layer's default): sagas still compensate, but a
 *       crash loses their books.
 * </ul>
 *
 * <p>The methods below are for the saga engine and for whoever adapts another store; callers
 * only choose a journal. Implementations are thread-safe.
 */
public interface SagaJournal extends AutoCloseable {
  /**
   * The embedded journal in {@code path}, created if absent. Each entry is one checksummed line,
   * forced to disk before {@link #append} returns (concurrent appends share one force). A torn
   * last line after a crash is dropped on open; damage anywhere else refuses to open rather than
   * lose books. Finished sagas are dropped from the file when it is opened. One process at a
   * time: a second opener gets {@link IllegalStateException}.
   *
   * @throws java.io.UncheckedIOException when the file cannot be read or written
   */
  static SagaJournal file(Path path) {
    return FileJournal.open(path);
  }

  /**
   * A journal in PostgreSQL (tables {@code actionlayer_saga} and {@code actionlayer_saga_entry},
   * created if absent), shared by any number of workers. A running saga holds a lease its worker
   * renews; {@link #claimUnfinished} takes only sagas whose lease lapsed (their worker died),
   * under {@code FOR UPDATE SKIP LOCKED}, so each is recovered by exactly one worker. Lease: 30 s.
   */
  static SagaJournal jdbc(DataSource dataSource) {
    return jdbc(dataSource, JdbcJournal.DEFAULT_LEASE);
  }

  /** {@link #jdbc(DataSource)} with a lease of {@code lease}: how long a silent worker keeps its sagas. */
  static SagaJournal jdbc(DataSource dataSource, Duration lease) {
    return JdbcJournal.open(dataSource, lease);
  }

  /** Books in memory only: compensation works, crash recovery does not. */
  static SagaJournal inMemory() {
    return new MemoryJournal();
  }

  /**
   * Stores {@code entry} durably before returning. A {@code SAGA_STARTED} entry makes this
   * journal instance the saga's owner until its {@code SAGA_ENDED}.
   *
   * @throws IllegalStateException when another worker has taken the saga over (its lease lapsed)
   * @throws java.io.UncheckedIOException or another runtime exception when the store fails
   */
  void append(JournalEntry entry);

  /**
   * Takes ownership of up to {@code max} unfinished sagas that no live owner holds — not those
   * this instance is running — and returns each one's entries in the order they were appended.
   */
  List<List<JournalEntry>> claimUnfinished(int max);

  /** Releases the store (files, connections, the lease-renewing thread). */
  @Override
  void close();
}
