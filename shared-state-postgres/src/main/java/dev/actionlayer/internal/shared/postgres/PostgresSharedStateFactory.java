package dev.actionlayer.internal.shared.postgres;

import dev.actionlayer.internal.shared.SharedStateFactory;
import dev.actionlayer.internal.shared.SharedStore;
import javax.sql.DataSource;

/**
 * What {@link java.util.ServiceLoader} finds for {@code SharedState.jdbc}: the shared state in
 * PostgreSQL. Public only because the service loader needs it; nothing else calls it.
 */
public final class PostgresSharedStateFactory implements SharedStateFactory {
  @Override
  public SharedStore open(DataSource dataSource) {
    return PostgresSharedStore.open(dataSource);
  }
}
