package dev.actionlayer.internal.shared.postgres;

import dev.actionlayer.ErrorCode;
import dev.actionlayer.internal.shared.Pause;
import dev.actionlayer.internal.shared.SharedStates;
import dev.actionlayer.internal.shared.SharedStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Vendor accounts' limits and pauses in PostgreSQL, shared by every process on the database.
 *
 * <p>Schema, created if absent (under an advisory lock, since {@code CREATE ... IF NOT EXISTS}
 * races when several processes start at once):
 *
 * <pre>
 * CREATE TABLE actionlayer_bucket (id text PRIMARY KEY, state bytea);
 * CREATE TABLE actionlayer_cooldown (account text PRIMARY KEY, until_ms bigint NOT NULL,
 *                                    reason text NOT NULL, probe_first boolean NOT NULL);
 * </pre>
 *
 * <p>Buckets are Bucket4j's PostgreSQL backend in its {@code SELECT ... FOR UPDATE} mode (string
 * keys; the advisory-lock mode needs numeric lock ids): taking a permit is one transaction that
 * locks the bucket's row, reads its state, and writes it back. A pause is one upsert that only
 * ever extends {@code until_ms} ({@code GREATEST}); reading it is one primary-key {@code SELECT}.
 */
final class PostgresSharedStore implements SharedStore {
  /** Serialises schema creation among processes starting at once. */
  private static final long SCHEMA_LOCK = 0x4163_7469_6f6e_5353L;

  static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS actionlayer_bucket (id text PRIMARY KEY, state bytea)",
      "CREATE TABLE IF NOT EXISTS actionlayer_cooldown (account text PRIMARY KEY,"
          + " until_ms bigint NOT NULL, reason text NOT NULL, probe_first boolean NOT NULL)"
  };

  private static final String READ_PAUSE = "SELECT until_ms, reason, probe_first"
      + " FROM actionlayer_cooldown WHERE account = ? AND until_ms > ?";

  private static final String RECORD_PAUSE = "INSERT INTO actionlayer_cooldown AS c"
      + " (account, until_ms, reason, probe_first) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (account) DO UPDATE SET"
      + " reason = CASE WHEN EXCLUDED.until_ms > c.until_ms THEN EXCLUDED.reason ELSE c.reason END,"
      + " probe_first = CASE WHEN EXCLUDED.until_ms > c.until_ms THEN EXCLUDED.probe_first"
      + " ELSE c.probe_first END,"
      + " until_ms = GREATEST(c.until_ms, EXCLUDED.until_ms)";

  private final DataSource dataSource;
  private final ProxyManager<String> buckets;
  private final Map<String, Bucket> proxies = new ConcurrentHashMap<>();

  private PostgresSharedStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("actionlayer_bucket").idColumn("id").stateColumn("state")
        .build();
  }

  static PostgresSharedStore open(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        for (String ddl : SCHEMA) s.execute(ddl);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the shared state tables: " + e.getMessage(), e);
    }
    return new PostgresSharedStore(dataSource);
  }

  /** The clock is not used: database buckets run on each process's system clock (Bucket4j's). */
  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration, Clock clock) {
    SharedStates.requireKey(key);
    Objects.requireNonNull(configuration, "configuration == null");
    return proxies.computeIfAbsent(key, k -> buckets.builder().build(k, configuration));
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public Pause pause(String account, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(READ_PAUSE)) {
      s.setString(1, account);
      s.setLong(2, now.toEpochMilli());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) return null;
        return new Pause(Instant.ofEpochMilli(r.getLong(1)), reason(r.getString(2)), r.getBoolean(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the account's pause: " + e.getMessage(), e);
    }
  }

  private static ErrorCode reason(String name) {
    return "QUOTA_EXHAUSTED".equals(name) ? ErrorCode.QUOTA_EXHAUSTED : ErrorCode.RATE_LIMITED;
  }

  @Override
  public void recordPause(String account, Pause pause) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(RECORD_PAUSE)) {
      s.setString(1, account);
      s.setLong(2, pause.until().toEpochMilli());
      s.setString(3, pause.reason().name());
      s.setBoolean(4, pause.probeFirst());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the account's pause: " + e.getMessage(), e);
    }
  }

  @Override
  public void check() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.setQueryTimeout(5);
      s.executeQuery("SELECT 1 FROM actionlayer_cooldown LIMIT 1").close();
    } catch (SQLException e) {
      throw new IllegalStateException("the shared state's database does not answer (SQLState "
          + e.getSQLState() + ")", e);
    }
  }

  @Override
  public void close() {
    proxies.clear();
  }

  @Override
  public String toString() {
    return "SharedState.jdbc(PostgreSQL)";
  }
}
