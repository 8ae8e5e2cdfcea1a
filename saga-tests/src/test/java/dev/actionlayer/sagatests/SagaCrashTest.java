package dev.actionlayer.sagatests;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.saga.RecoveryReport;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM ({@link CrashChild}) runs sagas against the four fakes (served by
 * this JVM through {@link VendorTaps}) and is killed with SIGKILL — right after a create's intent
 * is durable and before the create is sent, right after a vendor applied a create and before the
 * child heard back (so before the journal could record it), in the middle of compensation, and at
 * random times. Then {@code recover()} runs on the same journal, and the run's books
 * ({@link CrashLedger}) must show zero orphaned records, zero duplicates, every saga terminal.
 * With the PostgreSQL journal, two workers recover at once and each saga is compensated by
 * exactly one of them.
 *
 * <p>Random kill times come from a seed printed at the start; rerun one with
 * {@code -Dcrash.seed=<seed>}.
 */
class SagaCrashTest {
  private static final long SEED = Long.getLong("crash.seed", new SecureRandom().nextLong());
  /** Short, so that a killed child's sagas become claimable about a second after it died. */
  private static final Duration LEASE = Duration.ofSeconds(1);
  /** Children on PostgreSQL run many sagas at once, so a kill leaves more than one claim batch. */
  private static final int PG_THREADS = 20;
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Map<String, Totals> TOTALS = new LinkedHashMap<>();

  static {
    System.out.println("SagaCrashTest seed=" + SEED + " (rerun with -Dcrash.seed=" + SEED + ")");
  }

  @TempDir Path dir;
  final FourVendors vendors = new FourVendors();
  final VendorTaps.Log log = new VendorTaps.Log();
  final List<AutoCloseable> closeables = new ArrayList<>();
  /** What the recovering layer of the file-journal tests talks through. */
  VendorTaps recoveryTaps;
  /**
   * Broken invariants of every run of the current test: collected rather than thrown at the first
   * run, so that one failure shows how many of the planned kills break the books, and where.
   */
  final List<String> broken = new ArrayList<>();

  /** How a run's child dies. */
  enum Kill {
    /** Parked right after a create's intent is durable; the create is never sent. */
    BEFORE_CALL,
    /** By the tap, after the vendor answered a create and before the child could read the answer. */
    AFTER_APPLY,
    /** By the tap, at a compensating DELETE: before the vendor sees it, or after it applied it. */
    MID_COMPENSATION,
    /** After a random delay. */
    RANDOM
  }

  /**
   * One run's set-up.
   *
   * @param parkAtIntent for {@link Kill#BEFORE_CALL}: the child parks after this many intents
   * @param tripwire for the tap kills
   * @param delayMillis for {@link Kill#RANDOM}: how long after {@code READY} the kill comes
   */
  record Plan(Kill kill, int threads, int parkAtIntent, VendorTaps.Tripwire tripwire, long delayMillis) {}

  /** Sums over the runs of one case, for the report at the end. */
  static final class Totals {
    int runs;
    int started;
    int completedByChild;
    int compensatedByChild;
    int recovered;
    int recoveredCompensated;
    int recoveredCompleted;
    int orphans;
    int duplicates;
    int midCompensation;
    int callInFlight;
    int appliedNotJournaled;
    int workerA;
    int workerB;

    void add(CrashLedger l) {
      runs++;
      started += l.sagasStarted;
      completedByChild += l.completedByChild;
      compensatedByChild += l.compensatedByChild;
      recovered += l.recovered;
      recoveredCompensated += l.recoveredCompensated;
      recoveredCompleted += l.recoveredCompleted;
      orphans += l.orphans;
      duplicates += l.duplicates;
      midCompensation += l.killedMidCompensation;
      callInFlight += l.killedWithCallInFlight;
      appliedNotJournaled += l.appliedButNotJournaled;
    }

    @Override
    public String toString() {
      return runs + " kill runs: sagas started " + started + " (child completed " + completedByChild
          + ", compensated " + compensatedByChild + "); recovered " + recovered + " (compensated "
          + recoveredCompensated + ", completed " + recoveredCompleted + "; killed mid-compensation "
          + midCompensation + ", with a create in flight " + callInFlight + "); creates applied but"
          + " not journaled by the child " + appliedNotJournaled + "; orphans " + orphans
          + ", duplicates " + duplicates + (workerA + workerB > 0
              ? "; recovered by worker A " + workerA + ", by worker B " + workerB : "");
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) c.close();
    vendors.close();
  }

  @AfterAll
  static void report() {
    System.out.println("SagaCrashTest seed=" + SEED);
    synchronized (TOTALS) {
      TOTALS.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }
  }

  // ---- file journal ------------------------------------------------------------------------

  @Test
  void fileJournal_killedAfterTheIntentBeforeTheCall() throws Exception {
    Path journal = dir.resolve("sagas.journal");
    // Intents 1..8 are every create of a saga built to complete and of one built to fail; 9..12
    // repeat the first saga's positions on a journal that already went through recoveries.
    for (int k = 1; k <= 12; k++) {
      fileRun("file: before the call", journal, new Plan(Kill.BEFORE_CALL, 1, k, null, 0));
    }
    // Each run's parked saga is recovered with its create's intent as its last entry.
    assertThat(totals("file: before the call").callInFlight).isEqualTo(12);
    assertBooksBalanced("file: before the call");
  }

  @Test
  void fileJournal_killedAfterTheVendorAppliedBeforeTheJournalRecordedIt() throws Exception {
    Path journal = dir.resolve("sagas.journal");
    // Creates 1..8: sf, drive, stripe, jira of a completing saga, then of a failing one (whose
    // Jira create is refused with 400: killed after the answer, before CALL_FAILED).
    for (int k = 1; k <= 8; k++) {
      fileRun("file: after apply", journal, new Plan(Kill.AFTER_APPLY, 1, 0, nth(this::isCreate, k, true), 0));
    }
    // Seven of the eight creates were applied (the eighth was refused) and never journaled.
    assertThat(totals("file: after apply").appliedNotJournaled).isEqualTo(7);
    assertBooksBalanced("file: after apply");
  }

  @Test
  void fileJournal_killedMidCompensation() throws Exception {
    Path journal = dir.resolve("sagas.journal");
    // DELETEs 1..3 undo the first failing saga (stripe, drive, sf), 4 starts the second one's;
    // each once before the vendor sees it and once after it applied it.
    for (int k = 1; k <= 4; k++) {
      for (boolean after : new boolean[] {false, true}) {
        fileRun("file: mid-compensation", journal,
            new Plan(Kill.MID_COMPENSATION, 1, 0, nth((v, c) -> c.method().equals("DELETE"), k, after), 0));
      }
    }
    assertThat(totals("file: mid-compensation").midCompensation).isEqualTo(8);
    assertBooksBalanced("file: mid-compensation");
  }

  @Test
  void fileJournal_killedAtRandomTimes() throws Exception {
    Path journal = dir.resolve("sagas.journal");
    Random random = new Random(SEED);
    for (int i = 0; i < 24; i++) {
      fileRun("file: random", journal, new Plan(Kill.RANDOM, 1 + random.nextInt(3), 0, null, random.nextInt(1200)));
    }
    assertBooksBalanced("file: random");
  }

  private void fileRun(String name, Path journal, Plan plan) throws Exception {
    if (recoveryTaps == null) recoveryTaps = taps("recovery");
    VendorTaps recoveryTaps = this.recoveryTaps;
    crash(name, "file:" + journal, plan, () -> {
      RecoveryReport report;
      try (ActionLayer layer = CrashChild.layer(recoveryTaps.uris(), SagaJournal.file(journal))) {
        report = layer.recover();
      }
      // Terminal means terminal: a restart on the same journal finds nothing left to finish, and
      // the file, compacted on open, holds no saga at all.
      try (ActionLayer again = CrashChild.layer(recoveryTaps.uris(), SagaJournal.file(journal))) {
        assertThat(again.recover().sagas()).as("sagas still unfinished after recovery").isEmpty();
      }
      assertThat(Files.size(journal)).as("journal bytes after recovery and a reopen").isZero();
      return report.sagas();
    });
  }

  // ---- PostgreSQL journal, two recovering workers ------------------------------------------

  @Test
  void postgresJournal_twoWorkersRecoverAtOnce_eachSagaCompensatedOnce() throws Exception {
    HikariDataSource admin = pool(2);
    HikariDataSource poolA = pool(4);
    HikariDataSource poolB = pool(4);
    PostgresJournals.truncate(admin);
    Random random = new Random(SEED ^ 0x5ca1ab1eL);
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      plans.add(new Plan(Kill.BEFORE_CALL, PG_THREADS, 1 + random.nextInt(60), null, 0));
      plans.add(new Plan(Kill.AFTER_APPLY, PG_THREADS, 0, nth(this::isCreate, 1 + random.nextInt(60), true), 0));
      plans.add(new Plan(Kill.MID_COMPENSATION, PG_THREADS, 0,
          nth((v, c) -> c.method().equals("DELETE"), 1 + random.nextInt(20), random.nextBoolean()), 0));
    }
    for (int i = 0; i < 6; i++) plans.add(new Plan(Kill.RANDOM, PG_THREADS, 0, null, random.nextInt(1000)));
    VendorTaps tapsA = taps("worker-a");
    VendorTaps tapsB = taps("worker-b");
    for (Plan plan : plans) {
      crash("postgres: two workers", "pg:" + LEASE.toMillis(), plan,
          () -> recoverWithTwoWorkers(admin, poolA, poolB, tapsA, tapsB));
    }
    Totals t = totals("postgres: two workers");
    assertThat(t.recovered).as("sagas the two workers recovered over all runs").isGreaterThan(plans.size());
    assertBooksBalanced("postgres: two workers");
  }

  private List<SagaResult> recoverWithTwoWorkers(HikariDataSource admin, HikariDataSource poolA,
      HikariDataSource poolB, VendorTaps tapsA, VendorTaps tapsB) throws Exception {
    awaitLeasesLapsed(admin);
    Set<String> unfinished = running(admin);
    RecoveryReport a;
    RecoveryReport b;
    ExecutorService two = Executors.newFixedThreadPool(2);
    try (ActionLayer workerA = CrashChild.layer(tapsA.uris(), SagaJournal.jdbc(poolA, LEASE));
        ActionLayer workerB = CrashChild.layer(tapsB.uris(), SagaJournal.jdbc(poolB, LEASE))) {
      CyclicBarrier together = new CyclicBarrier(2);
      Future<RecoveryReport> fa = two.submit(() -> {
        together.await();
        return workerA.recover();
      });
      Future<RecoveryReport> fb = two.submit(() -> {
        together.await();
        return workerB.recover();
      });
      a = fa.get(ChildJvm.PATIENCE_SECONDS, TimeUnit.SECONDS);
      b = fb.get(ChildJvm.PATIENCE_SECONDS, TimeUnit.SECONDS);
    } finally {
      two.shutdownNow();
    }
    Set<String> byA = ids(a);
    Set<String> byB = ids(b);
    Set<String> both = new HashSet<>(byA);
    both.retainAll(byB);
    assertThat(both).as("sagas recovered by both workers").isEmpty();
    Set<String> all = new HashSet<>(byA);
    all.addAll(byB);
    assertThat(all).as("sagas the two workers recovered, against those the child left running")
        .isEqualTo(unfinished);
    assertThat(running(admin)).as("sagas still running after recovery").isEmpty();
    try (ActionLayer third = CrashChild.layer(tapsA.uris(), SagaJournal.jdbc(admin, LEASE))) {
      assertThat(third.recover().sagas()).as("sagas a third worker finds unfinished").isEmpty();
    }
    Totals t = totals("postgres: two workers");
    synchronized (TOTALS) {
      t.workerA += byA.size();
      t.workerB += byB.size();
    }
    List<SagaResult> results = new ArrayList<>(a.sagas());
    results.addAll(b.sagas());
    return results;
  }

  private HikariDataSource pool(int size) {
    HikariDataSource pool = PostgresJournals.pool(size);
    closeables.add(pool);
    return pool;
  }

  private static Set<String> ids(RecoveryReport r) {
    Set<String> ids = new HashSet<>();
    for (SagaResult s : r.sagas()) ids.add(s.sagaId());
    return ids;
  }

  private static Set<String> running(HikariDataSource ds) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT saga_id FROM actionlayer_saga WHERE status = 'RUNNING'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) ids.add(rs.getString(1));
    }
    return ids;
  }

  /** Waits until no running saga holds a live lease (the dead child's lapse within {@link #LEASE}). */
  private static void awaitLeasesLapsed(HikariDataSource ds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.PATIENCE_SECONDS);
    while (true) {
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM actionlayer_saga"
              + " WHERE status = 'RUNNING' AND lease_until >= now()");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 0) return;
      }
      if (System.nanoTime() > until) throw new AssertionError("leases still live " + ChildJvm.PATIENCE_SECONDS + " s after the kill");
      Thread.sleep(50);
    }
  }

  // ---- one run ------------------------------------------------------------------------------

  /** Recovers what the killed child left, asserting what is specific to the journal. */
  interface Recovery {
    List<SagaResult> recover() throws Exception;
  }

  /**
   * Starts a child on {@code journal}, kills it as {@code plan} says, checks that it died where it
   * was meant to, recovers, and checks the run's books.
   */
  private void crash(String name, String journal, Plan plan, Recovery recovery) throws Exception {
    String run = "r" + RUNS.incrementAndGet();
    long mark = log.mark();
    CrashLedger.Counters before = CrashLedger.Counters.of(vendors);
    AtomicReference<ChildJvm> holder = new AtomicReference<>();
    VendorTaps taps = new VendorTaps(vendors, log, run + "-child");
    ChildJvm child;
    int exit;
    try {
      if (plan.tripwire() != null) taps.arm(plan.tripwire(), () -> killFromTap(holder.get()));
      List<String> args = new ArrayList<>(List.of(journal, run, Integer.toString(plan.threads()),
          Integer.toString(plan.parkAtIntent())));
      args.addAll(List.of(taps.uris().toArgs()));
      child = ChildJvm.start(dir.resolve(run + ".stderr"), args);
      holder.set(child);
      child.await("READY"::equals, "READY");
      switch (plan.kill()) {
        case BEFORE_CALL -> {
          child.await(l -> l.startsWith("PARKED "), "PARKED");
          exit = child.kill();
        }
        case AFTER_APPLY, MID_COMPENSATION -> exit = child.awaitExit();
        case RANDOM -> {
          Thread.sleep(plan.delayMillis());
          exit = child.kill();
        }
        default -> throw new AssertionError(plan.kill());
      }
      // Whatever the dead child still had on the wire must not land while recovery runs.
      taps.closeGate();
    } finally {
      taps.close();
    }
    child.drain();
    List<String> lines = child.lines();
    assertThat(exit).as("exit value of the killed child (128 + SIGKILL)\n%s", child.diagnostics()).isEqualTo(137);
    List<CrashLedger.Holding> beforeRecovery = new CrashLedger(run).holdings(vendors);
    checkKillPoint(plan, taps, lines, beforeRecovery, child);

    List<SagaResult> recovered = recovery.recover();
    CrashLedger ledger = new CrashLedger(run).check(vendors, lines, log.since(mark), recovered, before,
        plan.threads());
    VendorTaps.Exchange tripped = taps.tripped();
    System.out.println(ledger + " [" + name + ", killed " + (tripped != null
        ? "at " + tripped.vendor() + " " + tripped.method() + " " + tripped.target().replaceAll("\\?.*", "")
            + (tripped.forwarded() ? " after its " + tripped.status() : " before forwarding")
        : plan.kill() == Kill.BEFORE_CALL ? "after intent #" + plan.parkAtIntent()
        : "after " + plan.delayMillis() + " ms") + "]");
    if (!ledger.problems().isEmpty()) {
      broken.add(ledger + " [" + name + ", " + plan + "]\n    " + String.join("\n    ", ledger.problems()));
    }
    totals(name).add(ledger);
  }

  /** Fails with every broken run of this test, after all its runs. */
  private void assertBooksBalanced(String name) {
    assertThat(broken).as("runs whose books do not balance, of %s for '%s'", totals(name).runs, name).isEmpty();
  }

  /** Checks that the child died exactly at the point the case names. */
  private void checkKillPoint(Plan plan, VendorTaps taps, List<String> lines,
      List<CrashLedger.Holding> beforeRecovery, ChildJvm child) {
    String diagnostics = child.diagnostics();
    switch (plan.kill()) {
      case BEFORE_CALL -> {
        String parked = lines.stream().filter(l -> l.startsWith("PARKED ")).findFirst().orElseThrow();
        String key = parked.split(" ")[4];
        assertThat(log.where(x -> key.equals(CrashLedger.key(x)) && x.source().equals(taps.source())))
            .as("requests carrying the parked create's key %s\n%s", key, diagnostics).isEmpty();
        assertThat(beforeRecovery).extracting(CrashLedger.Holding::key).doesNotContain(key);
      }
      case AFTER_APPLY -> {
        VendorTaps.Exchange x = taps.tripped();
        assertThat(x).as("the tap's kill\n%s", diagnostics).isNotNull();
        assertThat(x.forwarded()).as("the create reached the vendor before the kill").isTrue();
        String key = CrashLedger.key(x);
        String[] parts = key.substring(37).split("-"); // after the saga id: step, call
        String saga = key.substring(0, 36);
        assertThat(lines).as("the child journaled the create's outcome").noneMatch(l ->
            l.startsWith("J CALL_DONE " + saga + " " + parts[0] + " " + parts[1] + " ")
                || l.startsWith("J CALL_FAILED " + saga + " " + parts[0] + " " + parts[1] + " "));
        if (CrashLedger.appliedCreate(vendors, x)) {
          assertThat(beforeRecovery).as("records after the kill").anyMatch(h -> h.key().equals(key) && h.vendor().equals(x.vendor()));
        }
      }
      case MID_COMPENSATION -> {
        VendorTaps.Exchange x = taps.tripped();
        assertThat(x).as("the tap's kill\n%s", diagnostics).isNotNull();
        assertThat(x.method()).isEqualTo("DELETE");
        String id = x.target().replaceAll("\\?.*", "").replaceAll(".*/", "");
        boolean stillThere = beforeRecovery.stream().anyMatch(h -> h.id().equals(id));
        // Killed before forwarding: the record waits for recovery; after: the vendor deleted it,
        // but the journal does not know.
        assertThat(stillThere).as("record %s still at %s after a kill %s its DELETE", id, x.vendor(),
            x.forwarded() ? "after" : "before").isEqualTo(!x.forwarded());
        if (x.forwarded()) assertThat(x.status()).as("the vendor's answer to the DELETE").isBetween(200, 299);
        assertThat(lines).as("the child journaled the start of this undo\n%s", diagnostics)
            .anyMatch(l -> l.startsWith("J COMPENSATION_STARTED ") && l.endsWith(" " + id));
        assertThat(lines).as("the child journaled the end of this undo")
            .noneMatch(l -> l.startsWith("J COMPENSATION_DONE ") && l.endsWith(" " + id));
      }
      case RANDOM -> { }
      default -> throw new AssertionError(plan.kill());
    }
  }

  private static void killFromTap(ChildJvm child) {
    try {
      child.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the child", e);
    }
  }

  private VendorTaps taps(String source) {
    VendorTaps t = new VendorTaps(vendors, log, source);
    closeables.add(t);
    return t;
  }

  private boolean isCreate(String vendor, RecordedCall call) {
    return CrashLedger.fake(vendors, vendor).isCreate(call);
  }

  /** Fires at the {@code n}-th request {@code matching}: before forwarding it, or after its answer. */
  private static VendorTaps.Tripwire nth(BiPredicate<String, RecordedCall> matching, int n, boolean afterAnswer) {
    return new VendorTaps.Tripwire() {
      private int seen;
      private Object chosen;

      @Override
      public boolean fires(String vendor, mockwebserver3.RecordedRequest request, Integer status) {
        if (status != null) return afterAnswer && request == chosen;
        if (!matching.test(vendor, VendorTaps.call(request)) || ++seen != n) return false;
        chosen = request;
        return !afterAnswer;
      }

      @Override
      public String toString() {
        return "request #" + n + (afterAnswer ? ", after its answer" : ", before forwarding");
      }
    };
  }

  private static Totals totals(String name) {
    synchronized (TOTALS) {
      return TOTALS.computeIfAbsent(name, k -> new Totals());
    }
  }
}
