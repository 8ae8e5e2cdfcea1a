package dev.actionlayer.sagatests;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Journal throughput, file against PostgreSQL, in one run: N threads (1, 16, 64) append the
 * entries of a fixed number of three-step sagas as the engine writes them, and the run reports
 * entries per second and saga steps per second. A measurement, not a test: it asserts nothing
 * and runs only from {@link #main}.
 *
 * <p>One saga is 14 entries, each durable before {@code append} returns: SAGA_STARTED; per step
 * STEP_STARTED, CALL_INTENT (with a contact's JSON input and its key), CALL_DONE, STEP_DONE; and
 * SAGA_ENDED. A <b>step</b> here is its 4 entries plus a third of the saga's start and end, so
 * steps/s = entries/s &times; 3 / 14. Each thread runs whole sagas, one after another, as a saga
 * thread of the engine does. Every configuration starts on an empty journal (a new file; the
 * tables dropped) and first appends 20 warm-up sagas from its threads, unmeasured.
 *
 * <p>PostgreSQL: {@code SagaJournal.jdbc} over a HikariCP pool of 32 (as in the load test), so
 * 64 threads share 32 connections; each append is one transaction (ownership check, entry
 * insert, commit).
 */
final class JournalThroughput {
  static final int ENTRIES_PER_SAGA = 14;
  static final int STEPS_PER_SAGA = 3;
  static final int[] THREADS = {1, 16, 64};

  private JournalThroughput() {}

  /** One configuration's result. */
  record Result(String journal, int threads, int sagas, long nanos) {
    double entriesPerSecond() {
      return sagas * (double) ENTRIES_PER_SAGA / (nanos / 1e9);
    }

    double stepsPerSecond() {
      return sagas * (double) STEPS_PER_SAGA / (nanos / 1e9);
    }

    @Override
    public String toString() {
      return String.format("| %-10s | %3d | %5d | %7.2f | %9.0f | %8.0f |", journal, threads,
          sagas * ENTRIES_PER_SAGA, nanos / 1e9, entriesPerSecond(), stepsPerSecond());
    }
  }

  /** Appends {@code sagas} sagas' entries from {@code threads} threads; returns the nanoseconds taken. */
  static long append(JournalStore journal, int threads, int sagas) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          go.await();
          for (int i = next.getAndIncrement(); i < sagas; i = next.getAndIncrement()) saga(journal, i);
          return null;
        }));
      }
      long started = System.nanoTime();
      go.countDown();
      for (Future<?> f : done) f.get();
      return System.nanoTime() - started;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The entries a completed three-step saga writes, in its order. */
  static void saga(JournalStore journal, int i) {
    String id = UUID.randomUUID().toString();
    journal.append(JournalEntry.started(id, Instant.now(), "load", "4bf92f3577b34da6a3ce929d0e0e4736", "default", 3));
    String[] steps = {"contact", "folder", "customer"};
    String[] connections = {"sf", "drive", "stripe"};
    String[] resources = {"contacts", "folders", "contacts"};
    for (int s = 0; s < STEPS_PER_SAGA; s++) {
      journal.append(JournalEntry.stepStarted(id, Instant.now(), s, steps[s], null));
      String input = s == 1 ? "{\"name\":\"load-saga-" + i + "\"}"
          : "{\"firstName\":\"Load\",\"lastName\":\"Saga" + i + "\",\"email\":\"saga" + i + "@load.example\"}";
      journal.append(JournalEntry.intent(id, Instant.now(), s, 0, connections[s], resources[s], id + "-" + s + "-0", input));
      journal.append(JournalEntry.done(id, Instant.now(), s, 0, "rec_" + i + "_" + s + "_0035g000000AbCdEAA"));
      journal.append(JournalEntry.stepDone(id, Instant.now(), s));
    }
    journal.append(JournalEntry.ended(id, Instant.now(), SagaResult.Status.COMPLETED));
  }

  /**
   * {@code JournalThroughput [file|pg|both] [sagas]}: {@code sagas} (default 300) per
   * configuration. {@code pg} and {@code both} need the environment of {@code scripts/with-postgres}.
   */
  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "both";
    int sagas = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<Result> results = new ArrayList<>();
    if (!which.equals("pg")) {
      for (int threads : THREADS) {
        Path dir = Files.createTempDirectory("journal-throughput");
        try (JournalStore journal = Journals.store(SagaJournal.file(dir.resolve("sagas.journal")))) {
          append(journal, threads, 20);
          results.add(new Result("file", threads, sagas, append(journal, threads, sagas)));
        }
        System.err.println(results.get(results.size() - 1));
      }
    }
    if (!which.equals("file")) {
      try (HikariDataSource ds = PostgresJournals.pool(32)) {
        for (int threads : THREADS) {
          PostgresJournals.truncate(ds);
          try (JournalStore journal = Journals.store(SagaJournal.jdbc(ds))) {
            append(journal, threads, 20);
            results.add(new Result("PostgreSQL", threads, sagas, append(journal, threads, sagas)));
          }
          System.err.println(results.get(results.size() - 1));
        }
      }
    }
    System.out.println("| journal    | threads | entries | seconds | entries/s | steps/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Result r : results) System.out.println(r);
  }
}
