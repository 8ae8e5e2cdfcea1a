package dev.actionlayer;

import dev.actionlayer.internal.shared.LocalStore;
import dev.actionlayer.internal.shared.SharedStates;
import dev.actionlayer.internal.shared.SharedStore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the layer keeps the state that must hold for a whole vendor account rather than for one
 * connection object: the client-side rate limit and the connection-wide pause after a {@code 429}
 * (both keyed by {@link ConnectionPolicy#account()}). Choose one with
 * {@code ActionLayer.Builder#sharedState}:
 *
 * <ul>
 *   <li>{@link #local()} (the default): in this process. Connections of one layer that act as the
 *       same account share one limit and one pause.
 *   <li>{@link #jdbc(DataSource)}: in PostgreSQL, shared by every process (every broker instance,
 *       every worker) configured with the same database: together they send no more than the
 *       account's limit, and a {@code 429} seen by one pauses them all. Needs the
 *       {@code dev.actionlayer:shared-state-postgres} artifact on the class path.
 * </ul>
 *
 * <p>Circuit breakers are never shared: a breaker is this instance's view of whether it can reach
 * the vendor. An opaque handle: hand it to one layer, which closes it on
 * {@code ActionLayer.close()} (the caller's {@code DataSource} stays open). Thread-safe.
 */
public final class SharedState implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SharedState.class);

  static {
    SharedStates.bind(state -> state.store);
  }

  private final SharedStore store;

  private SharedState(SharedStore store) {
    this.store = store;
  }

  /** State in this process only: today's behaviour, on the layer's clock. */
  public static SharedState local() {
    return new SharedState(new LocalStore());
  }

  /**
   * State in PostgreSQL over {@code dataSource}: the rate-limit buckets in Bucket4j's PostgreSQL
   * backend (table {@code actionlayer_bucket}, one row per key, locked with
   * {@code SELECT ... FOR UPDATE} while a permit is taken) and the pauses in
   * {@code actionlayer_cooldown}; both tables are created if absent. Every call reads its
   * account's pause (one primary-key {@code SELECT}) and takes its permit (one short transaction),
   * so give the layer a pooled {@code DataSource}.
   *
   * @throws IllegalStateException when {@code dev.actionlayer:shared-state-postgres} is not on the
   *     class path, or the database cannot be reached or refuses the schema
   */
  public static SharedState jdbc(DataSource dataSource) {
    return new SharedState(SharedStates.dataSource(dataSource));
  }

  /**
   * Whether the state answers now: for a readiness probe such as the broker's {@code /readyz}
   * ({@code broker.readinessCheck("shared-state", state::ready)}). The database state runs one
   * {@code SELECT 1 FROM actionlayer_cooldown} (5 s timeout) and logs why it failed, without URLs
   * or credentials; {@link #local()} is always ready.
   */
  public boolean ready() {
    try {
      store.check();
      return true;
    } catch (RuntimeException e) {
      log.warn("the shared state does not answer: {}", e.getMessage());
      return false;
    }
  }

  /** Releases the store; the caller's {@code DataSource} stays open. */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
