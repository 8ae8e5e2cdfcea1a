package dev.actionlayer.sagatests;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.Residue;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaRecord;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The saga load harness: many concurrent three-step sagas against the four stateful fakes, about
 * a fifth of whose requests are faulted by {@link SeededFaults}, and then an audit of what the
 * vendors hold against what the sagas reported. Used by {@code SagaLoadTest} (file journal),
 * {@code SagaLoadPostgresTest} (PostgreSQL) and, for bigger or repeated runs, from {@link #main}.
 *
 * <p>Saga {@code i}: a Salesforce contact, then a Drive folder, then a Stripe customer (even
 * {@code i}) or a Jira issue (odd {@code i}), so that each create-safety mode the seed's vendors
 * use is under load: upsert by external id, pre-generated id, {@code Idempotency-Key}, and a
 * label found by search.
 *
 * <p>What the audit checks, all from the fakes' own state and request logs, never from the
 * journal or the results alone:
 * <ul>
 *   <li><b>orphans</b>: records alive at a vendor that belong to no COMPLETED saga and that no
 *       residue names; <b>missing</b>: records a COMPLETED saga reported that are not alive;
 *   <li><b>duplicates</b>: logical creates (one idempotency key) that left more than one record,
 *       alive now or ever created (deleted ones included): Stripe keeps deleted customers with
 *       their metadata key; for the others the request log says which creates the fake applied
 *       (no fault, or {@code applyThenReset}), and each fake's own create counter must agree.
 * </ul>
 */
final class SagaLoad {
  /** Saga steps per saga. */
  static final int STEPS = 3;

  /**
   * How a run is shaped.
   *
   * @param sagas how many sagas
   * @param threads how many run at once
   * @param seed the fault sequence's seed
   * @param faultRate the share of requests faulted, e.g. 0.20
   * @param breakerFailures failures among the last {@code breakerWindow} requests that open a
   *     connection's breaker
   */
  record Config(int sagas, int threads, long seed, double faultRate, int breakerFailures,
      int breakerWindow) {
    static Config standard() {
      return new Config(1000, 64, 20240601L, 0.20, 20, 20);
    }
  }

  /**
   * The connection policy under load, every change from the defaults with its reason:
   *
   * <ul>
   *   <li>a bulkhead as wide as the thread pool (otherwise the run measures queueing), and no
   *       client-side rate limit (the fakes have none to respect);
   *   <li>a 1 s attempt timeout and 5 ms..100 ms backoff, so that stalls and storms cost little.
   *       Not shorter: at 250 ms, on two cores shared with 64 saga threads, the fakes' threads
   *       and PostgreSQL, the fakes' slowest answers outlast it, and the vendor then applies the
   *       "timed out" request hundreds of milliseconds later (see docs/benchmarks.md);
   *   <li>a 3 s reconcile window (default 20 s): a lookup that finds nothing concludes "never
   *       created" only after it; at 0.5 s such late applies escaped it and left orphans;
   *   <li>a breaker open for 200 ms, with thresholds from the config: at the defaults (5 failures
   *       of the last 10) a 20% fault rate keeps it opening, and a half-open breaker lets one
   *       trial call through and fails the other callers at once, so most sagas then end
   *       CIRCUIT_OPEN at their first step. The standard run puts it out of the faults' reach
   *       (20 of 20) so that the faults decide; {@code SagaLoadChecks} runs the default
   *       thresholds as a scenario of its own.
   * </ul>
   *
   * Attempts (3), retry budget (10% + 10) and duplicate window stay at their defaults.
   */
  static UnaryOperator<ConnectionPolicy.Builder> policy(Config config) {
    return p -> p.maxConcurrentCalls(config.threads())
        .noRateLimit()
        .attemptTimeout(Duration.ofSeconds(1))
        .deadline(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(5), Duration.ofMillis(100))
        .maxWait(Duration.ofSeconds(2))
        .breaker(config.breakerFailures(), config.breakerWindow(), Duration.ofMillis(200))
        .reconcileWindow(Duration.ofSeconds(3));
  }

  /**
   * Patient but fast: up to 30 attempts within 20 s, backoff from 10 ms to 500 ms, so an undo
   * outlasts a storm, an open breaker and the odd stall, as {@link CompensationPolicy#DEFAULT}
   * would in minutes.
   */
  static final CompensationPolicy COMPENSATION =
      new CompensationPolicy(30, Duration.ofSeconds(20), Duration.ofMillis(10), Duration.ofMillis(500));

  /** A record alive at a vendor now, by connection name, with the idempotency key it carries. */
  record Live(String connection, String id, String key) {}

  /** Journal entries written during a run, by type. */
  static final class CountingJournal implements JournalStore {
    private final JournalStore delegate;
    private final AtomicLongArray counts = new AtomicLongArray(JournalEntry.Type.values().length);

    CountingJournal(JournalStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(JournalEntry entry) {
      delegate.append(entry);
      counts.incrementAndGet(entry.type().ordinal());
    }

    @Override
    public List<List<JournalEntry>> claimUnfinished(int max) {
      return delegate.claimUnfinished(max);
    }

    @Override
    public void close() {
      delegate.close();
    }

    long count(JournalEntry.Type type) {
      return counts.get(type.ordinal());
    }

    long total() {
      long sum = 0;
      for (int i = 0; i < counts.length(); i++) sum += counts.get(i);
      return sum;
    }
  }

  /** What one run did and what the audit found. */
  record Outcome(Config config, String journal, Duration elapsed, List<SagaResult> results,
      List<Throwable> thrown, Map<SagaResult.Status, Integer> statuses, long journalEntries,
      long stepsStarted, Map<String, Long> requests, Map<String, Map<SeededFaults.Kind, Map<SeededFaults.Op, Integer>>> faults,
      List<Live> live, List<String> orphans, List<String> missing, List<String> residueLeft,
      int residue, List<String> duplicatesLive, List<String> duplicatesEver,
      List<String> counterMismatches, long recoveredAfterRun) {

    int count(SagaResult.Status status) {
      return statuses.getOrDefault(status, 0);
    }

    long totalRequests() {
      return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    long faultsInjected() {
      long n = 0;
      for (Map<SeededFaults.Kind, Map<SeededFaults.Op, Integer>> byKind : faults.values()) {
        for (Map<SeededFaults.Op, Integer> byOp : byKind.values()) {
          for (int v : byOp.values()) n += v;
        }
      }
      return n;
    }

    /** Faults of {@code kind} at all vendors, on {@code op}. */
    int faults(SeededFaults.Kind kind, SeededFaults.Op op) {
      int n = 0;
      for (Map<SeededFaults.Kind, Map<SeededFaults.Op, Integer>> byKind : faults.values()) {
        n += byKind.getOrDefault(kind, Map.of()).getOrDefault(op, 0);
      }
      return n;
    }

    int faultsOn(SeededFaults.Op op) {
      int n = 0;
      for (SeededFaults.Kind kind : SeededFaults.Kind.values()) n += faults(kind, op);
      return n;
    }

    double sagasPerSecond() {
      return results.size() / (elapsed.toNanos() / 1e9);
    }

    double stepsPerSecond() {
      return stepsStarted / (elapsed.toNanos() / 1e9);
    }

    /** A human-readable report, the source of the figures in docs/benchmarks.md. */
    String describe() {
      StringBuilder s = new StringBuilder();
      s.append(String.format("saga load: %d sagas x %d steps, %d threads, seed %d, fault rate %.2f, breaker %d/%d, journal %s%n",
          config.sagas(), STEPS, config.threads(), config.seed(), config.faultRate(),
          config.breakerFailures(), config.breakerWindow(), journal));
      s.append(String.format("  elapsed %.2f s: %.1f sagas/s, %.1f steps/s (steps started), %d journal entries (%.1f/s)%n",
          elapsed.toNanos() / 1e9, sagasPerSecond(), stepsPerSecond(), journalEntries,
          journalEntries / (elapsed.toNanos() / 1e9)));
      s.append(String.format("  COMPLETED %d, COMPENSATED %d, COMPENSATION_FAILED %d, threw %d%n",
          count(SagaResult.Status.COMPLETED), count(SagaResult.Status.COMPENSATED),
          count(SagaResult.Status.COMPENSATION_FAILED), thrown.size()));
      s.append(String.format("  orphans %d, missing %d, residue %d (still alive: %d), duplicates live %d, ever %d, counter mismatches %d, unfinished after run %d%n",
          orphans.size(), missing.size(), residue, residueLeft.size(), duplicatesLive.size(),
          duplicatesEver.size(), counterMismatches.size(), recoveredAfterRun));
      s.append(String.format("  requests %d (%.2f per saga): %s%n", totalRequests(),
          totalRequests() / (double) results.size(), requests));
      s.append(String.format("  faults injected %d (%.1f%% of requests):%n", faultsInjected(),
          100.0 * faultsInjected() / Math.max(1, totalRequests())));
      for (SeededFaults.Kind kind : SeededFaults.Kind.values()) {
        if (kind == SeededFaults.Kind.NONE) continue;
        s.append(String.format("    %-22s creates %4d, deletes %4d, other %4d%n", kind,
            faults(kind, SeededFaults.Op.CREATE), faults(kind, SeededFaults.Op.DELETE),
            faults(kind, SeededFaults.Op.OTHER)));
      }
      Map<String, Long> failures = results.stream().filter(r -> r.failure().isPresent())
          .collect(Collectors.groupingBy(r -> r.failure().get().code().name(), TreeMap::new, Collectors.counting()));
      s.append("  step failures by code: ").append(failures).append('\n');
      for (String o : orphans) s.append("  ORPHAN ").append(o).append('\n');
      for (String m : missing) s.append("  MISSING ").append(m).append('\n');
      for (String d : duplicatesLive) s.append("  DUPLICATE (live) ").append(d).append('\n');
      for (String d : duplicatesEver) s.append("  DUPLICATE (ever) ").append(d).append('\n');
      for (String c : counterMismatches) s.append("  COUNTER ").append(c).append('\n');
      for (String r : residueLeft) s.append("  RESIDUE ").append(r).append('\n');
      for (Throwable t : thrown) s.append("  THREW ").append(t).append('\n');
      return s.toString();
    }
  }

  private SagaLoad() {}

  /**
   * Runs {@code config.sagas()} sagas on fresh fakes with {@code journal} (which the layer closes)
   * and audits the result.
   */
  static Outcome run(Config config, SagaJournal journal, String journalName) throws InterruptedException {
    try (FourVendors vendors = new FourVendors()) {
      Map<String, SeededFaults> faults = new LinkedHashMap<>();
      faults.put("sf", SeededFaults.install(vendors.salesforce, config.seed(), 1, config.faultRate()));
      faults.put("drive", SeededFaults.install(vendors.drive, config.seed(), 2, config.faultRate()));
      faults.put("stripe", SeededFaults.install(vendors.stripe, config.seed(), 3, config.faultRate()));
      faults.put("jira", SeededFaults.install(vendors.jira, config.seed(), 4, config.faultRate()));
      CountingJournal counting = new CountingJournal(Journals.store(journal));
      List<SagaResult> results = Collections.synchronizedList(new ArrayList<>());
      List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
      long recovered;
      Duration elapsed;
      try (ActionLayer layer = vendors.layer(policy(config)).journal(Journals.handle(counting))
          .compensationPolicy(COMPENSATION).build()) {
        ExecutorService pool = Executors.newFixedThreadPool(config.threads());
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < config.sagas(); i++) {
          int n = i;
          running.add(pool.submit(() -> {
            try {
              results.add(saga(layer, n).run());
            } catch (Throwable t) {
              thrown.add(t); // run() must never throw for a vendor failure: the audit reports it
            }
          }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
          pool.shutdownNow();
          throw new IllegalStateException("the load run did not finish within 10 minutes");
        }
        elapsed = Duration.ofNanos(System.nanoTime() - started);
        // Every saga ran to its end in this process: nothing may be left for recovery to claim.
        recovered = layer.recover().sagas().size();
      }
      Map<String, Long> requests = new LinkedHashMap<>();
      Map<String, Map<SeededFaults.Kind, Map<SeededFaults.Op, Integer>>> tallies = new LinkedHashMap<>();
      faults.forEach((name, f) -> {
        requests.put(name, f.requests());
        tallies.put(name, f.tally());
      });
      return audit(config, journalName, elapsed, List.copyOf(results), List.copyOf(thrown), counting,
          requests, tallies, vendors, faults, recovered);
    }
  }

  /** Saga {@code i}: contact, folder, then customer (even) or task (odd); inputs name the saga. */
  static dev.actionlayer.saga.Saga saga(ActionLayer layer, int i) {
    dev.actionlayer.saga.Saga saga = layer.saga("load")
        .step("contact", s -> s.contacts("sf").create(new NewContact("Load", "Saga" + i, "saga" + i + "@load.example")))
        .step("folder", s -> s.folders("drive").create(new NewFolder("load-saga-" + i, null)));
    return i % 2 == 0
        ? saga.step("customer", s -> s.contacts("stripe").create(new NewContact("Load", "Saga" + i, "saga" + i + "@load.example")))
        : saga.step("task", s -> s.tasks("jira").create(new NewTask(FourVendors.JIRA_PROJECT, "Load saga " + i, null)));
  }

  private static final Pattern DRIVE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern DRIVE_KEY = Pattern.compile("\"actionlayerKey\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern JIRA_LABEL = Pattern.compile("\"actionlayer-([^\"]+)\"");
  private static final String STRIPE_KEY = "actionlayer_key";

  private static Outcome audit(Config config, String journalName, Duration elapsed,
      List<SagaResult> results, List<Throwable> thrown, CountingJournal journal,
      Map<String, Long> requests, Map<String, Map<SeededFaults.Kind, Map<SeededFaults.Op, Integer>>> tallies,
      FourVendors v, Map<String, SeededFaults> faults, long recovered) {
    Map<SagaResult.Status, Integer> statuses = new EnumMap<>(SagaResult.Status.class);
    for (SagaResult r : results) statuses.merge(r.status(), 1, Integer::sum);

    // What is alive at the vendors now, each with the key its create carried.
    List<Live> live = new ArrayList<>();
    for (FakeSalesforce.StoredContact c : v.salesforce.contacts()) live.add(new Live("sf", c.id(), c.externalId()));
    for (FakeDrive.Folder f : v.drive.folders()) live.add(new Live("drive", f.id(), f.appProperties().get("actionlayerKey")));
    List<FakeStripe.Customer> everCustomers = v.stripe.customers();
    for (FakeStripe.Customer c : everCustomers) {
      if (!c.deleted()) live.add(new Live("stripe", c.id(), c.metadata().get(STRIPE_KEY)));
    }
    for (FakeJira.Issue issue : v.jira.issues()) {
      String key = issue.labels().stream().filter(l -> l.startsWith("actionlayer-"))
          .map(l -> l.substring("actionlayer-".length())).findFirst().orElse(null);
      live.add(new Live("jira", issue.id(), key));
    }

    // What the sagas say should be alive, and what they say they left behind.
    Set<String> kept = new HashSet<>();
    Set<String> residueIds = new HashSet<>();
    Set<String> residueKeys = new HashSet<>();
    int residue = 0;
    for (SagaResult r : results) {
      if (r.status() == SagaResult.Status.COMPLETED) {
        for (StepOutcome step : r.steps()) {
          for (SagaRecord rec : step.records()) kept.add(rec.connection() + ":" + rec.id());
        }
      }
      for (Residue res : r.residue()) {
        residue++;
        if (res.id() != null) residueIds.add(res.connection() + ":" + res.id());
        if (res.idempotencyKey() != null) residueKeys.add(res.connection() + ":" + res.idempotencyKey());
      }
    }
    List<String> orphans = new ArrayList<>();
    List<String> residueLeft = new ArrayList<>();
    Set<String> liveIds = new HashSet<>();
    for (Live l : live) {
      String id = l.connection() + ":" + l.id();
      liveIds.add(id);
      if (kept.contains(id)) continue;
      boolean reported = residueIds.contains(id) || residueKeys.contains(l.connection() + ":" + l.key());
      (reported ? residueLeft : orphans).add(id + " key " + l.key());
    }
    List<String> missing = kept.stream().filter(id -> !liveIds.contains(id)).sorted().toList();

    // Duplicates among the live: one key, two records.
    List<String> duplicatesLive = new ArrayList<>();
    Map<String, List<Live>> byKey = live.stream()
        .collect(Collectors.groupingBy(l -> l.connection() + ":" + l.key(), TreeMap::new, Collectors.toList()));
    byKey.forEach((key, records) -> {
      if (records.size() > 1) duplicatesLive.add(key + " -> " + records.stream().map(Live::id).toList());
    });

    // Duplicates ever created, deleted ones included.
    List<String> duplicatesEver = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    Map<String, List<String>> stripeEver = new TreeMap<>();
    for (FakeStripe.Customer c : everCustomers) {
      stripeEver.computeIfAbsent(String.valueOf(c.metadata().get(STRIPE_KEY)), k -> new ArrayList<>()).add(c.id());
    }
    stripeEver.forEach((key, ids) -> {
      if (ids.size() > 1) duplicatesEver.add("stripe:" + key + " -> " + ids);
    });
    if (v.stripe.createCount() != everCustomers.size()) {
      mismatches.add("stripe: createCount " + v.stripe.createCount() + " != customers ever " + everCustomers.size());
    }
    // Drive: each applied create with a fresh pre-generated id makes a folder; one key, two ids = two folders.
    Map<String, Set<String>> driveIds = new TreeMap<>();
    for (SeededFaults.Decided d : appliedCreates(faults.get("drive"))) {
      driveIds.computeIfAbsent(group(DRIVE_KEY, d.call().body()), k -> new HashSet<>())
          .add(group(DRIVE_ID, d.call().body()));
    }
    int driveEver = 0;
    for (Map.Entry<String, Set<String>> e : driveIds.entrySet()) {
      driveEver += e.getValue().size();
      if (e.getValue().size() > 1) duplicatesEver.add("drive:" + e.getKey() + " -> " + e.getValue());
    }
    if (v.drive.createCount() != driveEver) {
      mismatches.add("drive: createCount " + v.drive.createCount() + " != distinct ids applied " + driveEver);
    }
    // Salesforce upserts by key: the first applied upsert of a key inserts, later ones update
    // unless the record was deleted in between, when the key is inserted again.
    Set<String> sfKeys = new HashSet<>();
    for (SeededFaults.Decided d : appliedCreates(faults.get("sf"))) {
      String path = d.call().pathWithoutQuery();
      sfKeys.add(URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8));
    }
    if (v.salesforce.insertCount() != sfKeys.size()) {
      duplicatesEver.add("sf: " + v.salesforce.insertCount() + " inserts for " + sfKeys.size() + " keys applied");
    }
    // Jira creates are not keyed at Jira: every applied create makes an issue.
    Map<String, Integer> jiraLabels = new TreeMap<>();
    int jiraApplied = 0;
    for (SeededFaults.Decided d : appliedCreates(faults.get("jira"))) {
      jiraApplied++;
      jiraLabels.merge(group(JIRA_LABEL, d.call().body()), 1, Integer::sum);
    }
    jiraLabels.forEach((key, n) -> {
      if (n > 1) duplicatesEver.add("jira:" + key + " -> " + n + " issues");
    });
    if (v.jira.createCount() != jiraApplied) {
      mismatches.add("jira: createCount " + v.jira.createCount() + " != applied creates " + jiraApplied);
    }
    return new Outcome(config, journalName, elapsed, results, thrown, statuses, journal.total(),
        journal.count(JournalEntry.Type.STEP_STARTED), requests, tallies, live, orphans, missing,
        residueLeft, residue, duplicatesLive, duplicatesEver, mismatches, recovered);
  }

  private static List<SeededFaults.Decided> appliedCreates(SeededFaults faults) {
    return faults.log().stream()
        .filter(d -> d.op() == SeededFaults.Op.CREATE && d.kind().applied()).toList();
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : "(none)";
  }

  /**
   * {@code SagaLoad [file|pg|both] [sagas] [threads] [seed] [breakerFailures/breakerWindow]
   * [faultRate]}: one run per journal ({@code both}: the file journal, then PostgreSQL, in one
   * process), each report on stdout. {@code pg} and {@code both} need the environment of
   * {@code scripts/with-postgres}.
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "file";
    Config std = Config.standard();
    String[] breaker = (args.length > 4 ? args[4] : std.breakerFailures() + "/" + std.breakerWindow()).split("/");
    Config config = new Config(args.length > 1 ? Integer.parseInt(args[1]) : std.sagas(),
        args.length > 2 ? Integer.parseInt(args[2]) : std.threads(),
        args.length > 3 ? Long.parseLong(args[3]) : std.seed(),
        args.length > 5 ? Double.parseDouble(args[5]) : std.faultRate(),
        Integer.parseInt(breaker[0]), Integer.parseInt(breaker[1]));
    if (!kind.equals("pg")) {
      Path dir = Files.createTempDirectory("saga-load");
      System.out.print(run(config, SagaJournal.file(dir.resolve("sagas.journal")), "file").describe());
    }
    if (!kind.equals("file")) {
      try (HikariDataSource pool = PostgresJournals.pool(32)) {
        PostgresJournals.truncate(pool);
        System.out.print(run(config, SagaJournal.jdbc(pool), "PostgreSQL (HikariCP 32)").describe());
      }
    }
  }
}
