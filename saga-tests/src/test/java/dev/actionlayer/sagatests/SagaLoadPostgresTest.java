package dev.actionlayer.sagatests;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The saga load run on the PostgreSQL journal ({@code SagaJournal.jdbc} over a HikariCP pool of
 * 32 for 64 saga threads); run it through {@code scripts/with-postgres}. After each run the
 * tables are read back: no saga still RUNNING, each end status counted as the results say, and
 * as many entry rows as entries were appended.
 */
class SagaLoadPostgresTest extends SagaLoadChecks {
  private HikariDataSource pool;

  @Override
  Run run(SagaLoad.Config config) throws Exception {
    if (pool == null) pool = PostgresJournals.pool(32);
    PostgresJournals.truncate(pool);
    SagaLoad.Outcome outcome = SagaLoad.run(config, SagaJournal.jdbc(pool), "PostgreSQL (HikariCP 32)");
    List<String> problems = new ArrayList<>();
    Map<String, Long> byStatus = new HashMap<>();
    long entries;
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT status, count(*) FROM actionlayer_saga GROUP BY status")) {
        while (rs.next()) byStatus.put(rs.getString(1), rs.getLong(2));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM actionlayer_saga_entry")) {
        rs.next();
        entries = rs.getLong(1);
      }
    }
    if (byStatus.getOrDefault("RUNNING", 0L) != 0) problems.add(byStatus.get("RUNNING") + " sagas still RUNNING");
    for (SagaResult.Status status : SagaResult.Status.values()) {
      long rows = byStatus.getOrDefault(status.name(), 0L);
      if (rows != outcome.count(status)) problems.add(rows + " rows " + status + " for " + outcome.count(status) + " results");
    }
    if (entries != outcome.journalEntries()) problems.add(entries + " entry rows for " + outcome.journalEntries() + " appended");
    return new Run(outcome, problems);
  }

  @AfterAll
  void closePool() {
    if (pool != null) pool.close();
  }
}
