package dev.actionlayer.internal.shared;

import dev.actionlayer.SharedState;
import dev.actionlayer.internal.Providers;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The internal side of the opaque {@link SharedState} handle: the store behind a handle (for the
 * layer, the broker's readiness probe and policy quotas), and the database store, found with
 * {@link ServiceLoader}. {@code SharedState} binds the conversion when its class initializes, as
 * {@code SagaJournal} does with {@code Journals}, so its store stays out of the public API.
 */
public final class SharedStates {
  static final String POSTGRES_ARTIFACT = "dev.actionlayer:shared-state-postgres";

  private static volatile Function<SharedState, SharedStore> unwrap;

  private SharedStates() {}

  /**
   * Called once, by {@link SharedState}'s static initializer.
   *
   * @throws IllegalStateException when called again
   */
  public static synchronized void bind(Function<SharedState, SharedStore> unwrap) {
    if (SharedStates.unwrap != null) throw new IllegalStateException("already bound");
    SharedStates.unwrap = Objects.requireNonNull(unwrap, "unwrap == null");
  }

  /** The store behind {@code state}. */
  public static SharedStore store(SharedState state) {
    Objects.requireNonNull(state, "state == null");
    return unwrap.apply(state); // bound: an instance exists, so its class initialized
  }

  /**
   * The database store over {@code dataSource}, from the first {@link SharedStateFactory} on the
   * class path.
   *
   * @throws IllegalStateException when no factory is on the class path (the message names the
   *     artifact to add), or the database refuses
   */
  public static SharedStore dataSource(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    SharedStateFactory factory = Providers.first(SharedStateFactory.class, "the shared state factory",
        "SharedState.jdbc needs the PostgreSQL shared state, which is not on the class path: add the"
            + " artifact " + POSTGRES_ARTIFACT + " (same version as unified-api)");
    return factory.open(dataSource);
  }

  /** @throws IllegalArgumentException unless {@code key} is 1..512 characters */
  public static String requireKey(String key) {
    Objects.requireNonNull(key, "key == null");
    if (key.isEmpty() || key.length() > 512) {
      throw new IllegalArgumentException("key length not in 1..512: " + key.length());
    }
    return key;
  }
}
