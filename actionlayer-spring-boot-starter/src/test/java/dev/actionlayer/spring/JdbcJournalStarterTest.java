package dev.actionlayer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.NewTask;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code actionlayer.journal.type=jdbc} on the application's own {@link DataSource}
 * ({@code spring.datasource.*}), against the PostgreSQL that {@code scripts/with-postgres} starts
 * and describes in {@code ACTIONLAYER_PG_URL}, {@code ACTIONLAYER_PG_USER} and
 * {@code ACTIONLAYER_PG_PASSWORD}. Without them this test fails, loudly, as the saga tests do.
 */
class JdbcJournalStarterTest {
  final FakeJira jira = new FakeJira();
  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ActionLayerAutoConfiguration.class));

  @BeforeEach
  void start() {
    jira.start();
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    if (value != null && !value.isBlank()) return value;
    if (fallback != null) return fallback;
    throw new IllegalStateException(name + " is not set: run the tests through scripts/with-postgres"
        + " (see README, 'PostgreSQL for the tests')");
  }

  @Test
  void sagasAreJournaledInTheApplicationsDatabase_whichOutlivesTheLayer() {
    runner.withPropertyValues(
            "spring.datasource.url=" + env("ACTIONLAYER_PG_URL", null),
            "spring.datasource.username=" + env("ACTIONLAYER_PG_USER", "actionlayer"),
            "spring.datasource.password=" + env("ACTIONLAYER_PG_PASSWORD", ""),
            "actionlayer.connections.jira.vendor=jira",
            "actionlayer.connections.jira.base-url=" + jira.uri(),
            "actionlayer.connections.jira.credentials.token=jira-token",
            "actionlayer.journal.type=jdbc")
        .run(context -> {
          assertThat(context).hasNotFailed();
          SagaResult r = context.getBean(ActionLayer.class).saga("starter-jdbc")
              .step("ticket", s -> s.tasks("jira").create(new NewTask("PROJ", "Journaled", null)))
              .run();
          assertThat(r.status()).isEqualTo(SagaResult.Status.COMPLETED);
          DataSource ds = context.getBean(DataSource.class);
          assertThat(sagaRow(ds, r.sagaId())).isEqualTo("starter-jdbc COMPLETED");

          context.getBean(ActionLayer.class).close(); // what the context does on shutdown
          // The layer closed its journal, not the application's DataSource.
          assertThat(sagaRow(ds, r.sagaId())).isEqualTo("starter-jdbc COMPLETED");
        });
  }

  static String sagaRow(DataSource ds, String sagaId) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT name, status FROM actionlayer_saga WHERE saga_id = ?")) {
      ps.setString(1, sagaId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + " " + rs.getString(2) : null;
      }
    }
  }
}
