package dev.actionlayer.internal.saga;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Opens the shared journal behind {@link dev.actionlayer.saga.SagaJournal#jdbc}. The core holds no
 * SQL: the implementation lives in the {@code dev.actionlayer:saga-journal-postgres} artifact and
 * is found with {@link java.util.ServiceLoader} (its jar names it in
 * {@code META-INF/services/dev.actionlayer.internal.saga.DataSourceJournalFactory}).
 * Implementations need a public no-argument constructor.
 */
public interface DataSourceJournalFactory {
  /**
   * Prepares the store's tables if absent and returns the journal over {@code dataSource}.
   *
   * @param lease how long a silent worker keeps its sagas (already checked: at least 300 ms)
   * @throws IllegalStateException when the database cannot be reached or refuses the schema
   */
  JournalStore open(DataSource dataSource, Duration lease);
}
