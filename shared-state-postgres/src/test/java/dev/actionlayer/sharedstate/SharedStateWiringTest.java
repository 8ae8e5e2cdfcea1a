package dev.actionlayer.sharedstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.SharedState;
import dev.actionlayer.internal.shared.SharedStateFactory;
import dev.actionlayer.internal.shared.postgres.PostgresSharedStateFactory;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The wiring only, no database: the state itself runs against a real server in {@link SharedStateOnPostgresTest}. */
class SharedStateWiringTest {
  @Test
  void theServiceLoaderFindsThisModulesFactory() {
    assertThat(ServiceLoader.load(SharedStateFactory.class))
        .singleElement().isInstanceOf(PostgresSharedStateFactory.class);
  }

  @Test
  void sharedStateJdbcOpensThroughItAndReportsAnUnreachableDatabase() {
    AtomicInteger connects = new AtomicInteger();
    DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            connects.incrementAndGet();
            throw new SQLException("connection refused");
          }
          throw new UnsupportedOperationException(method.getName());
        });
    assertThatThrownBy(() -> SharedState.jdbc(down))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot prepare the shared state tables")
        .hasMessageContaining("connection refused");
    assertThat(connects).hasValue(1);
  }
}
