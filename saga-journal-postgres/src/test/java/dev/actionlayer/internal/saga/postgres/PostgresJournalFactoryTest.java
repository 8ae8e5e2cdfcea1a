package dev.actionlayer.internal.saga.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.internal.saga.DataSourceJournalFactory;
import dev.actionlayer.saga.SagaJournal;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The wiring only: the journal itself runs against a real server in {@code saga-tests}. */
class PostgresJournalFactoryTest {
  @Test
  void theServiceLoaderFindsThisModulesFactory() {
    assertThat(ServiceLoader.load(DataSourceJournalFactory.class))
        .singleElement().isInstanceOf(PostgresJournalFactory.class);
  }

  @Test
  void sagaJournalJdbcOpensThroughItAndReportsAnUnreachableDatabase() {
    AtomicInteger connects = new AtomicInteger();
    DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            connects.incrementAndGet();
            throw new SQLException("connection refused");
          }
          throw new UnsupportedOperationException(method.getName());
        });
    assertThatThrownBy(() -> SagaJournal.jdbc(down))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot prepare the saga journal tables")
        .hasMessageContaining("connection refused");
    assertThat(connects).hasValue(1);
  }
}
