package dev.actionlayer.saga;

import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.internal.saga.MemoryJournal;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Where sagas keep their books, so that a saga interrupted by a crash is finished by
 * {@code ActionLayer.recover()} after a restart. Every step's intent is durable before its call is
 * sent, and its result after. Choose one with {@code ActionLayer.Builder#journal}:
 *
 * <ul>
 *   <li>{@link #file(Path)}: the embedded journal — one append-only, fsync'd file for one process;
 *   <li>{@link #jdbc(DataSource)}: PostgreSQL, shared by several workers, each unfinished saga
 *       recovered by exactly one of them (needs the {@code dev.actionlayer:saga-journal-postgres}
 *       artifact on the class path);
 *   <li>{@link #inMemory()}: no durability (the layer's default): sagas still compensate, but a
 *       crash loses their books.
 * </ul>
 *
 * <p>An opaque handle: the layer reads and writes the books, callers only choose a journal and
 * hand it to one layer, which closes it on {@code ActionLayer.close()}. Thread-safe.
 */
public final class SagaJournal implements AutoCloseable {
  static {
    Journals.bind(journal -> journal.store, SagaJournal::new);
  }

  private final JournalStore store;

  private SagaJournal(JournalStore store) {
    this.store = store;
  }

  /**
   * The embedded journal in {@code path}, created if absent. Each entry is one checksummed line,
   * forced to disk before the saga goes on (concurrent sagas share one force). A torn last line
   * after a crash is dropped on open; damage anywhere else refuses to open rather than lose
   * books. Finished sagas are dropped from the file when it is opened. One process at a time: a
   * second opener gets {@link IllegalStateException}.
   *
   * @throws java.io.UncheckedIOException when the file cannot be read or written
   */
  public static SagaJournal file(Path path) {
    return new SagaJournal(FileJournal.open(path));
  }

  /**
   * A journal in PostgreSQL (tables {@code actionlayer_saga} and {@code actionlayer_saga_entry},
   * created if absent), shared by any number of workers. A running saga holds a lease its worker
   * renews; recovery takes only sagas whose lease lapsed (their worker died), under
   * {@code FOR UPDATE SKIP LOCKED}, so each is recovered by exactly one worker. Lease: 30 s.
   *
   * @throws IllegalStateException when {@code dev.actionlayer:saga-journal-postgres} is not on the
   *     class path, or the database cannot be reached or refuses the schema
   */
  public static SagaJournal jdbc(DataSource dataSource) {
    return jdbc(dataSource, Journals.DEFAULT_LEASE);
  }

  /**
   * {@link #jdbc(DataSource)} with a lease of {@code lease}: how long a silent worker keeps its sagas.
   *
   * @throws IllegalArgumentException when {@code lease} is under 300 ms
   */
  public static SagaJournal jdbc(DataSource dataSource, Duration lease) {
    return new SagaJournal(Journals.dataSource(dataSource, lease));
  }

  /** Books in memory only: compensation works, crash recovery does not. */
  public static SagaJournal inMemory() {
    return new SagaJournal(new MemoryJournal());
  }

  /** Releases the store (files, connections, the lease-renewing thread). */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
