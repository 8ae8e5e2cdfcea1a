package dev.actionlayer.internal.saga;

import dev.actionlayer.internal.Providers;
import dev.actionlayer.saga.SagaJournal;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The internal side of the opaque {@link SagaJournal} handle: the store behind a handle (for the
 * engine), a handle around a store (for test doubles that watch or stall appends), and the shared
 * journal, found with {@link ServiceLoader}. {@code SagaJournal} binds the two conversions when
 * its class initializes, as OkHttp 3's {@code Internal.instance} does, so its store stays out of
 * the public API.
 */
public final class Journals {
  /** {@link SagaJournal#jdbc(DataSource)}'s lease. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  static final String POSTGRES_ARTIFACT = "dev.actionlayer:saga-journal-postgres";

  private static volatile Function<SagaJournal, JournalStore> unwrap;
  private static volatile Function<JournalStore, SagaJournal> wrap;

  private Journals() {}

  /**
   * Called once, by {@link SagaJournal}'s static initializer.
   *
   * @throws IllegalStateException when called again
   */
  public static synchronized void bind(Function<SagaJournal, JournalStore> unwrap,
      Function<JournalStore, SagaJournal> wrap) {
    if (Journals.unwrap != null) throw new IllegalStateException("already bound");
    Journals.wrap = Objects.requireNonNull(wrap, "wrap == null");
    Journals.unwrap = Objects.requireNonNull(unwrap, "unwrap == null");
  }

  /** The store behind {@code journal}. */
  public static JournalStore store(SagaJournal journal) {
    Objects.requireNonNull(journal, "journal == null");
    return unwrap.apply(journal); // bound: an instance exists, so its class initialized
  }

  /** A handle around {@code store}, for the layer's builder. */
  public static SagaJournal handle(JournalStore store) {
    Objects.requireNonNull(store, "store == null");
    if (wrap == null) initialize();
    return wrap.apply(store);
  }

  private static void initialize() {
    try {
      Class.forName(SagaJournal.class.getName(), true, SagaJournal.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The shared journal over {@code dataSource}, from the first {@link DataSourceJournalFactory}
   * on the class path.
   *
   * @throws IllegalArgumentException when {@code lease} is under 300 ms
   * @throws IllegalStateException when no factory is on the class path (the message names the
   *     artifact to add), or the database refuses
   */
  public static JournalStore dataSource(DataSource dataSource, Duration lease) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    Objects.requireNonNull(lease, "lease == null");
    if (lease.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException("lease < 300ms: " + lease);
    }
    DataSourceJournalFactory factory = Providers.first(DataSourceJournalFactory.class,
        "the saga journal factory", "SagaJournal.jdbc needs the PostgreSQL journal, which is not on"
            + " the class path: add the artifact " + POSTGRES_ARTIFACT + " (same version as unified-api)");
    return factory.open(dataSource, lease);
  }
}
