package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.spi.CreateSafety;
import java.lang.reflect.Proxy;
import java.time.Duration;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedState} in process, and {@link ConnectionPolicy#account}: connections acting as one
 * vendor account share its limit and its pause. (Across processes: {@code shared-state-postgres}.)
 */
class SharedStateTest extends PipelineTestSupport {

  private ActionLayer twoConnections(UnaryOperatorPolicy a, UnaryOperatorPolicy b) {
    layer = ActionLayer.builder()
        .connection("a", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE), a::apply)
        .connection("b", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE), b::apply)
        .clock(time).sleeper(time).auditSink(events::add).build();
    return layer;
  }

  private interface UnaryOperatorPolicy {
    ConnectionPolicy.Builder apply(ConnectionPolicy.Builder p);
  }

  @Test
  void connectionsToTheSameVendorAndBaseUrlShareOneRateLimit() {
    twoConnections(p -> p.rateLimit(2, Duration.ofSeconds(10)), p -> p.rateLimit(2, Duration.ofSeconds(10)));
    for (int i = 0; i < 3; i++) server.enqueue(task("T"));

    layer.tasks("a").get("T");
    layer.tasks("b").get("T");
    assertThat(time.sleeps).isEmpty();
    layer.tasks("a").get("T");

    // The third call waits for the account's next refill, whichever connection it came through.
    assertThat(time.sleeps).singleElement().satisfies(d -> assertThat(d).isPositive());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void connectionsWithDifferentAccountsKeepTheirOwnLimits() {
    twoConnections(p -> p.rateLimit(2, Duration.ofSeconds(10)).account("acme-1"),
        p -> p.rateLimit(2, Duration.ofSeconds(10)).account("acme-2"));
    for (int i = 0; i < 4; i++) server.enqueue(task("T"));

    layer.tasks("a").get("T");
    layer.tasks("a").get("T");
    layer.tasks("b").get("T");
    layer.tasks("b").get("T");

    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aRateLimitAnswerOnOneConnectionPausesEveryConnectionOfTheAccount() {
    twoConnections(p -> p.maxAttempts(1).noRateLimit().account("acme"),
        p -> p.maxAttempts(1).noRateLimit().account("acme"));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
    server.enqueue(task("T-2"));

    assertThat(thrown(() -> layer.tasks("a").get("T-1")).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(layer.tasks("b").get("T-2").id()).isEqualTo("T-2");

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRateLimitAnswerDoesNotPauseAnotherAccount() {
    twoConnections(p -> p.maxAttempts(1).noRateLimit().account("acme-1"),
        p -> p.maxAttempts(1).noRateLimit().account("acme-2"));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
    server.enqueue(task("T-2"));

    thrown(() -> layer.tasks("a").get("T-1"));
    layer.tasks("b").get("T-2");

    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void oneAccountWithTwoRateLimitsIsRefusedAtBuild() {
    assertThatThrownBy(() -> twoConnections(p -> p.rateLimit(2, Duration.ofSeconds(1)).account("acme"),
        p -> p.rateLimit(3, Duration.ofSeconds(1)).account("acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' and 'b'")
        .hasMessageContaining("different rate limits");
  }

  @Test
  void anExplicitLocalStateBehavesAsTheDefault() {
    SharedState local = SharedState.local();
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE),
            p -> p.rateLimit(5, Duration.ofSeconds(1)))
        .sharedState(local)
        .clock(time).sleeper(time).build();
    for (int i = 0; i < 20; i++) server.enqueue(task("T"));

    for (int i = 0; i < 20; i++) tasks().get("T");

    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(3));
    assertThat(local.ready()).isTrue();
  }

  @Test
  void jdbcWithoutThePostgresModuleNamesTheArtifactToAdd() {
    DataSource unused = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          throw new AssertionError("the core must not touch the database");
        });

    assertThatThrownBy(() -> SharedState.jdbc(unused))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev.actionlayer:shared-state-postgres");
  }

  @Test
  void theAccountIsValidatedWithoutBeingQuoted() {
    ConnectionPolicy.Builder b = ConnectionPolicy.builder();
    assertThatThrownBy(() -> b.account("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..200");
    assertThatThrownBy(() -> b.account("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.account("acme\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Evil");
    assertThatThrownBy(() -> b.account("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.account("jira:acme").build().account()).contains("jira:acme");
    assertThat(ConnectionPolicy.defaults().account()).isEmpty();
  }
}
