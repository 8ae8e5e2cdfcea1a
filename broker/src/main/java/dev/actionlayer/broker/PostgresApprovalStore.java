package dev.actionlayer.broker;

import dev.actionlayer.broker.Approval.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link ApprovalStore#jdbc}: one table, {@code actionlayer_approval}, in PostgreSQL, shared by
 * every broker on the database. Consuming a decision is one {@code UPDATE … WHERE id = (SELECT …
 * FOR UPDATE SKIP LOCKED) RETURNING}: of two identical calls racing, one takes the row and the
 * other does not see it. At most one pending approval per binding is enforced by a partial unique
 * index, so concurrent repeats of a pending call share its id.
 */
final class PostgresApprovalStore implements ApprovalStore {
  static final String TABLE = "actionlayer_approval";
  /** The advisory lock taken while creating the table ("ActionAP"). */
  private static final long SCHEMA_LOCK = 0x4163_7469_6f6e_4150L;
  private static final String COLUMNS = "id, principal, operation, connection, arguments_digest, summary, status,"
      + " created_at, expires_at, decided_by, decided_at, reason";
  private static final String MATCH = "principal = ? AND operation = ? AND connection = ? AND arguments_digest = ?";

  private final DataSource dataSource;

  PostgresApprovalStore(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection()) {
      // Brokers starting together on an empty database: CREATE ... IF NOT EXISTS is not safe
      // against itself in PostgreSQL, so one creates while the others wait, as the journal does.
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "id TEXT PRIMARY KEY, principal TEXT NOT NULL, operation TEXT NOT NULL, connection TEXT NOT NULL,"
            + " arguments_digest TEXT NOT NULL, summary TEXT NOT NULL, status TEXT NOT NULL,"
            + " created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL, decided_by TEXT,"
            + " decided_at TIMESTAMPTZ, reason TEXT, consumed_at TIMESTAMPTZ)");
        s.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_one_pending ON " + TABLE
            + " (principal, operation, connection, arguments_digest) WHERE status = 'PENDING'");
        s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_binding ON " + TABLE
            + " (principal, operation, connection, arguments_digest, status)");
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the approvals table " + TABLE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Resolution resolve(Approval.Key key, String summary, Instant now, Duration ttl) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      // 1. A decision for this binding, consumed atomically.
      try (PreparedStatement s = c.prepareStatement("WITH picked AS (SELECT id, status AS was FROM " + TABLE
          + " WHERE " + MATCH + " AND status IN ('APPROVED', 'DENIED') AND expires_at > ?"
          + " ORDER BY decided_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
          + " UPDATE " + TABLE + " a SET status = 'CONSUMED', consumed_at = ? FROM picked WHERE a.id = picked.id"
          + " RETURNING " + qualified("a") + ", picked.was")) {
        bind(s, 1, key);
        s.setTimestamp(5, Timestamp.from(now));
        s.setTimestamp(6, Timestamp.from(now));
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) return new Resolution(read(r), Status.valueOf(r.getString("was")));
        }
      }
      // 2. The pending one: a lapsed pending approval gives way to a new one.
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE " + MATCH
          + " AND status = 'PENDING' AND expires_at <= ?")) {
        bind(s, 1, key);
        s.setTimestamp(5, Timestamp.from(now));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, NULL, NULL, NULL) ON CONFLICT DO NOTHING")) {
        s.setString(1, BrokerApprovals.newId());
        bind(s, 2, key);
        s.setString(6, summary);
        s.setTimestamp(7, Timestamp.from(now));
        s.setTimestamp(8, Timestamp.from(now.plus(ttl)));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + MATCH
          + " AND status = 'PENDING'")) {
        bind(s, 1, key);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) return new Resolution(read(r), Status.PENDING);
        }
      }
      // Decided between our insert and our read: the caller's next attempt will see the decision.
      throw new IllegalStateException("approval for this call changed concurrently; try again");
    } catch (SQLException e) {
      throw new IllegalStateException("the approvals store failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Approval decide(String id, boolean approve, String by, String reason, Instant now, Duration ttl) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
        + " SET status = ?, decided_by = ?, decided_at = ?, reason = ?, expires_at = ?"
        + " WHERE id = ? AND status = 'PENDING' AND expires_at > ? RETURNING " + COLUMNS)) {
      s.setString(1, approve ? "APPROVED" : "DENIED");
      s.setString(2, by);
      s.setTimestamp(3, Timestamp.from(now));
      s.setString(4, approve ? null : reason);
      s.setTimestamp(5, Timestamp.from(now.plus(ttl)));
      s.setString(6, id);
      s.setTimestamp(7, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? read(r) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the approvals store failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Approval> pending(Instant now) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM " + TABLE + " WHERE status = 'PENDING' AND expires_at > ? ORDER BY created_at, id")) {
      s.setTimestamp(1, Timestamp.from(now));
      List<Approval> list = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) list.add(read(r));
      }
      return list;
    } catch (SQLException e) {
      throw new IllegalStateException("the approvals store failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean ready() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void bind(PreparedStatement s, int first, Approval.Key key) throws SQLException {
    s.setString(first, key.principal());
    s.setString(first + 1, key.operation());
    s.setString(first + 2, key.connection());
    s.setString(first + 3, key.argumentsDigest());
  }

  private static Approval read(ResultSet r) throws SQLException {
    Timestamp decidedAt = r.getTimestamp("decided_at");
    return new Approval(r.getString("id"), r.getString("principal"), r.getString("operation"),
        r.getString("connection"), r.getString("arguments_digest"), r.getString("summary"),
        Status.valueOf(r.getString("status")), r.getTimestamp("created_at").toInstant(),
        r.getTimestamp("expires_at").toInstant(), r.getString("decided_by"),
        decidedAt == null ? null : decidedAt.toInstant(), r.getString("reason"));
  }

  private static String qualified(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }
}
