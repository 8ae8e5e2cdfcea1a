package dev.actionlayer.internal.saga.postgres;

import dev.actionlayer.internal.saga.DataSourceJournalFactory;
import dev.actionlayer.internal.saga.JournalStore;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * What {@link java.util.ServiceLoader} finds for {@code SagaJournal.jdbc}: the journal in
 * PostgreSQL. Public only because the service loader needs it; nothing else calls it.
 */
public final class PostgresJournalFactory implements DataSourceJournalFactory {
  @Override
  public JournalStore open(DataSource dataSource, Duration lease) {
    return PostgresJournal.open(dataSource, lease);
  }
}
