package dev.actionlayer.sharedstate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL the tests run against: {@code scripts/with-postgres} starts a throwaway one and
 * exports {@code ACTIONLAYER_PG_URL}, {@code ACTIONLAYER_PG_USER} and {@code ACTIONLAYER_PG_PASSWORD}
 * (a developer may point them at their own). Without them the database tests fail, loudly, as
 * the saga journal's do: the shared state on PostgreSQL is part of what the suite promises.
 */
final class Postgres {
  private Postgres() {}

  static String url() {
    String url = System.getenv("ACTIONLAYER_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("ACTIONLAYER_PG_URL is not set: run the tests through"
          + " scripts/with-postgres (see README, 'PostgreSQL for the tests')");
    }
    return url;
  }

  /** A pool on the test database; the caller closes it. */
  static HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setUsername(System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"));
    config.setPassword(System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
    config.setMaximumPoolSize(size);
    config.setPoolName("shared-state-tests");
    return new HikariDataSource(config);
  }
}
