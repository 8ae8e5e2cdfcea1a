package dev.actionlayer.broker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ApprovalStore#jdbc} against the store contract, on the PostgreSQL that
 * {@code scripts/with-postgres} starts and describes in {@code ACTIONLAYER_PG_URL},
 * {@code ACTIONLAYER_PG_USER} and {@code ACTIONLAYER_PG_PASSWORD} (CI runs the build under it).
 * Without {@code ACTIONLAYER_PG_URL} these tests are skipped, saying so.
 */
class PostgresApprovalStoreTest extends ApprovalStoreContract {
  static HikariDataSource pool;
  static ApprovalStore store;

  @BeforeAll
  static void connect() {
    String url = System.getenv("ACTIONLAYER_PG_URL");
    assumeTrue(url != null && !url.isBlank(),
        "ACTIONLAYER_PG_URL is not set: run under scripts/with-postgres to test the PostgreSQL approval store");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"));
    config.setPassword(System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
    config.setMaximumPoolSize(10);
    config.setPoolName("broker-tests");
    pool = new HikariDataSource(config);
    store = ApprovalStore.jdbc(pool);
    // A second store on the same table: creating it again must be harmless.
    ApprovalStore.jdbc(pool);
  }

  @AfterAll
  static void disconnect() {
    if (pool != null) pool.close();
  }

  @Override
  ApprovalStore store() {
    return store;
  }
}
