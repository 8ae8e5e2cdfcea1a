package dev.actionlayer.internal.saga.postgres;

import dev.actionlayer.internal.saga.JournalCodec;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.SagaTakenOver;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.actionlayer.saga.SagaJournal#jdbc}: the journal in PostgreSQL, shared by several workers. Each saga row
 * carries its owner (one id per journal instance) and a lease the owner renews from a daemon
 * thread; a worker that dies stops renewing, and {@link #claimUnfinished} takes its sagas under
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent recoverers never take the same one. Every append
 * first checks (and extends) the caller's ownership in the same transaction: a worker that stalled
 * past its lease learns that it lost the saga instead of writing into another's books.
 */
final class PostgresJournal implements JournalStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresJournal.class);
  /** Serialises schema creation among workers starting at once (CREATE ... IF NOT EXISTS races). */
  private static final long SCHEMA_LOCK = 0x4163_7469_6f6e_4c4aL;

  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS actionlayer_saga ("
          + " saga_id text PRIMARY KEY,"
          + " name text NOT NULL,"
          + " status text NOT NULL,"
          + " owner text NOT NULL,"
          + " lease_until timestamptz NOT NULL,"
          + " started_at timestamptz NOT NULL DEFAULT now(),"
          + " ended_at timestamptz)",
      "CREATE INDEX IF NOT EXISTS actionlayer_saga_running ON actionlayer_saga (started_at)"
          + " WHERE status = 'RUNNING'",
      "CREATE TABLE IF NOT EXISTS actionlayer_saga_entry ("
          + " seq bigserial PRIMARY KEY,"
          + " saga_id text NOT NULL REFERENCES actionlayer_saga (saga_id),"
          + " entry text NOT NULL)",
      "CREATE INDEX IF NOT EXISTS actionlayer_saga_entry_saga ON actionlayer_saga_entry (saga_id, seq)"
  };

  private final DataSource dataSource;
  private final Duration lease;
  private final String owner = UUID.randomUUID().toString();
  private final Set<String> owned = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService renewer;

  private PostgresJournal(DataSource dataSource, Duration lease) {
    this.dataSource = dataSource;
    this.lease = lease;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "actionlayer-saga-lease");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Creates the tables if absent and starts renewing leases every third of {@code lease} (at
   * least 300 ms: checked by the caller).
   *
   * @throws IllegalStateException when the database cannot be reached or refuses the schema
   */
  static PostgresJournal open(DataSource dataSource, Duration lease) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    Objects.requireNonNull(lease, "lease == null");
    PostgresJournal journal = new PostgresJournal(dataSource, lease);
    journal.createSchema();
    long every = Math.max(100, lease.toMillis() / 3);
    journal.renewer.scheduleWithFixedDelay(journal::renewLeases, every, every, TimeUnit.MILLISECONDS);
    return journal;
  }

  private void createSchema() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        for (String ddl : SCHEMA) s.execute(ddl);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the saga journal tables: " + e.getMessage(), e);
    }
  }

  @Override
  public void append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    String json = JournalCodec.toJson(entry);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (entry.type() == JournalEntry.Type.SAGA_STARTED) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO actionlayer_saga"
              + " (saga_id, name, status, owner, lease_until)"
              + " VALUES (?, ?, 'RUNNING', ?, now() + ? * interval '1 millisecond')")) {
            ps.setString(1, entry.sagaId());
            ps.setString(2, entry.saga() == null ? "" : entry.saga());
            ps.setString(3, owner);
            ps.setLong(4, lease.toMillis());
            ps.executeUpdate();
          }
        } else {
          boolean ended = entry.type() == JournalEntry.Type.SAGA_ENDED;
          try (PreparedStatement ps = c.prepareStatement("UPDATE actionlayer_saga"
              + " SET lease_until = now() + ? * interval '1 millisecond'"
              + (ended ? ", status = ?, ended_at = now()" : "")
              + " WHERE saga_id = ? AND owner = ? AND status = 'RUNNING'")) {
            int i = 1;
            ps.setLong(i++, lease.toMillis());
            if (ended) ps.setString(i++, entry.code());
            ps.setString(i++, entry.sagaId());
            ps.setString(i, owner);
            if (ps.executeUpdate() == 0) {
              c.rollback();
              owned.remove(entry.sagaId());
              throw new SagaTakenOver("saga " + entry.sagaId() + " is no longer this worker's:"
                  + " it ended, or another worker took it over after this one's lease lapsed");
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO actionlayer_saga_entry (saga_id, entry) VALUES (?, ?)")) {
          ps.setString(1, entry.sagaId());
          ps.setString(2, json);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the saga journal: " + e.getMessage(), e);
    }
    if (entry.type() == JournalEntry.Type.SAGA_STARTED) owned.add(entry.sagaId());
    if (entry.type() == JournalEntry.Type.SAGA_ENDED) owned.remove(entry.sagaId());
  }

  @Override
  public List<List<JournalEntry>> claimUnfinished(int max) {
    if (max < 1) throw new IllegalArgumentException("max < 1: " + max);
    Map<String, List<JournalEntry>> claimed = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("SELECT saga_id FROM actionlayer_saga"
            + " WHERE status = 'RUNNING' AND lease_until < now() AND owner <> ?"
            + " ORDER BY started_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
          ps.setString(1, owner);
          ps.setInt(2, max);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) claimed.put(rs.getString(1), new ArrayList<>());
          }
        }
        if (claimed.isEmpty()) {
          c.commit();
          return List.of();
        }
        String[] ids = claimed.keySet().toArray(new String[0]);
        try (PreparedStatement ps = c.prepareStatement("UPDATE actionlayer_saga SET owner = ?,"
            + " lease_until = now() + ? * interval '1 millisecond' WHERE saga_id = ANY (?)")) {
          ps.setString(1, owner);
          ps.setLong(2, lease.toMillis());
          ps.setArray(3, c.createArrayOf("text", ids));
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT saga_id, entry FROM"
            + " actionlayer_saga_entry WHERE saga_id = ANY (?) ORDER BY seq")) {
          ps.setArray(1, c.createArrayOf("text", ids));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              try {
                claimed.get(id).add(JournalCodec.fromJson(rs.getString(2)));
              } catch (IOException e) {
                throw new IllegalStateException("saga journal entry of " + id + " is unreadable", e);
              }
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the saga journal: " + e.getMessage(), e);
    }
    owned.addAll(claimed.keySet());
    List<List<JournalEntry>> out = new ArrayList<>();
    for (List<JournalEntry> entries : claimed.values()) out.add(List.copyOf(entries));
    return out;
  }

  private void renewLeases() {
    if (owned.isEmpty()) return;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE actionlayer_saga"
            + " SET lease_until = now() + ? * interval '1 millisecond'"
            + " WHERE owner = ? AND status = 'RUNNING'")) {
      c.setAutoCommit(true);
      ps.setLong(1, lease.toMillis());
      ps.setString(2, owner);
      ps.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      log.warn("could not renew saga leases (they lapse after {} ms): {}", lease.toMillis(), e.toString());
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }

  @Override
  public String toString() {
    return "SagaJournal.jdbc(lease=" + lease + ")";
  }
}
