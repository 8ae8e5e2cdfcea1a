package dev.actionlayer.sharedstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.SharedState;
import dev.actionlayer.internal.shared.Pause;
import dev.actionlayer.internal.shared.SharedStates;
import dev.actionlayer.internal.shared.SharedStore;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two layers over one database, as two broker instances would be: one rate limit and one pause
 * per vendor account between them. Real time, a real server (scripts/with-postgres), FakeJira.
 */
class SharedStateOnPostgresTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private HikariDataSource pool;
  private FakeJira jira;
  /** A fresh account per test, so a developer's long-lived database holds no stale bucket for it. */
  private final String account = "jira:test-" + UUID.randomUUID();

  @BeforeEach
  void start() {
    pool = Postgres.pool(8);
    jira = new FakeJira().projects("PROJ");
    jira.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    jira.close();
    pool.close();
  }

  private ActionLayer layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    ActionLayer layer = ActionLayer.builder()
        .connection("jira", Jira.connector(jira.uri(), Credentials.basic("me@example.com", "token")),
            p -> policy.apply(p.account(account).maxAttempts(1)))
        .sharedState(SharedState.jdbc(pool))
        .build();
    closeables.add(layer);
    return layer;
  }

  @Test
  void twoLayersOverOneDatabaseSendNoMoreThanTheLimitTogether() throws Exception {
    awayFromADayBoundary(); // the shared bucket refills at each multiple of its period since the epoch
    UnaryOperator<ConnectionPolicy.Builder> fivePerDay =
        p -> p.rateLimit(5, Duration.ofDays(1)).maxWait(Duration.ofMillis(50));
    List<ActionLayer> layers = List.of(layer(fivePerDay), layer(fivePerDay));
    Map<ErrorCode, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    ExecutorService agents = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int agent = 0; agent < 8; agent++) {
        ActionLayer layer = layers.get(agent % 2);
        done.add(agents.submit(() -> {
          for (int i = 0; i < 5; i++) {
            ErrorCode code;
            try {
              layer.tasks("jira").get("PROJ-404");
              code = null;
            } catch (ActionException e) {
              code = e.code();
            }
            outcomes.computeIfAbsent(code == null ? ErrorCode.INTERNAL : code,
                c -> new AtomicInteger()).incrementAndGet();
          }
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      agents.shutdownNow();
    }

    // 40 calls through two layers: 5 reached the vendor (the issue does not exist there), the
    // other 35 were refused by the shared limit without a request.
    assertThat(jira.requestCount()).isEqualTo(5);
    assertThat(outcomes.get(ErrorCode.NOT_FOUND)).hasValue(5);
    assertThat(outcomes.get(ErrorCode.RATE_LIMITED)).hasValue(35);
  }

  @Test
  void aRateLimitAnswerSeenByOneLayerMakesTheOtherFailWithoutSending() {
    ActionLayer a = layer(p -> p.noRateLimit());
    ActionLayer b = layer(p -> p.noRateLimit().maxWait(Duration.ofSeconds(1)));
    jira.on(Requests.any()).nth(1).respond(Fault.status(429).header("Retry-After", "30"));

    ActionException first = thrown(() -> a.tasks("jira").get("PROJ-1"));
    ActionException second = thrown(() -> b.tasks("jira").get("PROJ-1"));

    assertThat(first.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(second.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(second.error().message()).contains("nothing was sent");
    assertThat(second.error().retryAfter()).hasValueSatisfying(
        d -> assertThat(d).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
    assertThat(jira.requestCount()).isEqualTo(1);
  }

  @Test
  void aShortPauseSeenByOneLayerMakesTheOtherWaitThenSend() {
    ActionLayer a = layer(p -> p.noRateLimit());
    ActionLayer b = layer(p -> p.noRateLimit().maxWait(Duration.ofSeconds(10)));
    jira.on(Requests.any()).nth(1).respond(Fault.status(429).header("Retry-After", "2"));

    thrown(() -> a.tasks("jira").get("PROJ-1"));
    long start = System.nanoTime();
    ActionException notFound = thrown(() -> b.tasks("jira").get("PROJ-1"));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND); // it reached the vendor, after the pause
    assertThat(waited).isGreaterThan(Duration.ofMillis(1500));
    assertThat(jira.requestCount()).isEqualTo(2);
  }

  @Test
  void aRecordedPauseOnlyEverGrowsAndEndsOnTime() {
    SharedState state = SharedState.jdbc(pool);
    closeables.add(state);
    SharedStore store = SharedStates.store(state);
    Instant now = Instant.now();

    store.recordPause(account, new Pause(now.plusSeconds(10), ErrorCode.QUOTA_EXHAUSTED, true));
    store.recordPause(account, new Pause(now.plusSeconds(5), ErrorCode.RATE_LIMITED, false));

    assertThat(store.pause(account, now))
        .isEqualTo(new Pause(Instant.ofEpochMilli(now.plusSeconds(10).toEpochMilli()),
            ErrorCode.QUOTA_EXHAUSTED, true));
    assertThat(store.pause(account, now.plusSeconds(10))).isNull();
    assertThat(store.pause("jira:another-" + UUID.randomUUID(), now)).isNull();
  }

  @Test
  void readingThePauseCostsOnePrimaryKeySelect() {
    SharedState state = SharedState.jdbc(pool);
    closeables.add(state);
    SharedStore store = SharedStates.store(state);
    store.recordPause(account, new Pause(Instant.now().plusSeconds(60), ErrorCode.RATE_LIMITED, false));
    for (int i = 0; i < 200; i++) store.pause(account, Instant.now()); // warm up

    int n = 2000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) assertThat(store.pause(account, Instant.now())).isNotNull();
    long micros = (System.nanoTime() - start) / 1000 / n;

    // Printed, not asserted: a shared 2-core machine says little about a bound.
    System.out.println("shared pause read: " + micros + " us per call (mean of " + n + ", pooled)");
  }

  @Test
  void readyWhileTheDatabaseAnswersAndNotOnceItStops() {
    SharedState state = SharedState.jdbc(pool);
    closeables.add(state);
    assertThat(state.ready()).isTrue();

    pool.close();

    assertThat(state.ready()).isFalse();
    assertThatThrownBy(() -> SharedStates.store(state).check()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not answer")
        .hasMessageNotContaining(Postgres.url());
  }

  @Test
  void aDatabaseThatStopsAnsweringFailsCallsClosedWithoutSending() {
    ActionLayer a = layer(p -> p.rateLimit(5, Duration.ofSeconds(1)));
    pool.close();

    ActionException e = thrown(() -> a.tasks("jira").get("PROJ-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.error().message()).contains("shared state").contains("nothing was sent");
    assertThat(jira.requestCount()).isZero();
  }

  private static ActionException thrown(Runnable r) {
    try {
      r.run();
    } catch (ActionException e) {
      return e;
    }
    throw new AssertionError("no ActionException");
  }

  private static void awayFromADayBoundary() throws InterruptedException {
    long day = Duration.ofDays(1).toMillis();
    long toBoundary = day - System.currentTimeMillis() % day;
    if (toBoundary < 30_000) Thread.sleep(toBoundary + 1_000);
  }
}
