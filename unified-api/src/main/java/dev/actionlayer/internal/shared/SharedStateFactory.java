package dev.actionlayer.internal.shared;

import javax.sql.DataSource;

/**
 * Opens the shared state behind {@link dev.actionlayer.SharedState#jdbc}. The core holds no SQL:
 * the implementation lives in the {@code dev.actionlayer:shared-state-postgres} artifact and is
 * found with {@link java.util.ServiceLoader} (its jar names it in
 * {@code META-INF/services/dev.actionlayer.internal.shared.SharedStateFactory}).
 * Implementations need a public no-argument constructor.
 */
public interface SharedStateFactory {
  /**
   * Prepares the store's tables if absent and returns the store over {@code dataSource}.
   *
   * @throws IllegalStateException when the database cannot be reached or refuses the schema
   */
  SharedStore open(DataSource dataSource);
}
