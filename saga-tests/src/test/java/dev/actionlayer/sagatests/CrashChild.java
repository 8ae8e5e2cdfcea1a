package dev.actionlayer.sagatests;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * The process {@link SagaCrashTest} kills: runs onboarding sagas over the four vendors (served by
 * the test's JVM) in a loop, on a file or PostgreSQL journal, until it is killed with SIGKILL. It
 * tells the parent on stdout what its journal has made durable, so the parent can time kills and
 * check afterwards that recovery finished exactly what the journal knew.
 *
 * <p>Arguments: {@code <journal> <run> <threads> <parkAtIntent> <sf> <drive> <stripe> <jira>},
 * where {@code journal} is {@code file:<path>} or {@code pg:<leaseMillis>} (the PostgreSQL
 * settings come from the inherited environment), {@code run} tags every record this process
 * creates, and {@code parkAtIntent > 0} makes the process stop for good right after that many
 * create intents are durable (so the parent kills it before the create is sent).
 *
 * <p>Lines on stdout:
 * <ul>
 *   <li>{@code READY}: the layer is built, sagas start;
 *   <li>{@code BEGIN <sagaId> <tag> KEEP|FAIL}: a saga's first step started; FAIL sagas are built
 *       to fail at their last step (a Jira project that does not exist), so they compensate;
 *   <li>{@code J <type> <sagaId> <step> <call> <detail>}: this journal entry is durable;
 *   <li>{@code PARKED <sagaId> <step> <connection> <key>}: parked after a durable intent;
 *   <li>{@code END <sagaId> <tag> <status>}: {@code run()} returned;
 *   <li>{@code ERROR ...}: something no crash test expects; the process exits with 3.
 * </ul>
 */
public final class CrashChild {
  /** Sagas per thread before the child stops starting new ones (the parent kills it long before). */
  private static final int MAX_SAGAS_PER_THREAD = 2000;

  /** The saga every crash run repeats: one create at each vendor, Jira last. */
  static final String SAGA = "crash-onboard";

  private CrashChild() {}

  /**
   * The connection policy for the child and for the test's recovering layers: the defaults wait
   * seconds (backoff, a 20 s reconcile window, a 30 s open breaker) and throttle to 20 calls a
   * second, far too slow for dozens of runs; the fakes never fail on their own here.
   */
  static UnaryOperator<ConnectionPolicy.Builder> policy() {
    return p -> p.backoff(Duration.ofMillis(5), Duration.ofMillis(50))
        .reconcileWindow(Duration.ofMillis(150))
        .breaker(5, 10, Duration.ofSeconds(1))
        .noRateLimit();
  }

  /** Compensations retried briefly: no fault is injected, so one attempt should always do. */
  static final CompensationPolicy COMPENSATION =
      new CompensationPolicy(4, Duration.ofSeconds(20), Duration.ofMillis(10), Duration.ofMillis(100));

  /** The layer both the child and the recovering test build, so that both act the same way. */
  static ActionLayer layer(FourVendors.Uris uris, SagaJournal journal) {
    return FourVendors.layer(uris, policy()).journal(journal).compensationPolicy(COMPENSATION).build();
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    String journalSpec = args[0];
    String run = args[1];
    int threads = Integer.parseInt(args[2]);
    int parkAtIntent = Integer.parseInt(args[3]);
    FourVendors.Uris uris = FourVendors.Uris.fromArgs(args, 4);

    SagaJournal journal;
    if (journalSpec.startsWith("file:")) {
      journal = SagaJournal.file(Path.of(journalSpec.substring("file:".length())));
    } else if (journalSpec.startsWith("pg:")) {
      // Never closed: the process only ever ends by SIGKILL.
      journal = SagaJournal.jdbc(PostgresJournals.pool(threads + 2),
          Duration.ofMillis(Long.parseLong(journalSpec.substring("pg:".length()))));
    } else {
      throw new IllegalArgumentException("journal must be file:<path> or pg:<leaseMillis>: " + journalSpec);
    }
    ActionLayer layer = layer(uris, Journals.handle(new EchoJournal(Journals.store(journal), out, parkAtIntent)));
    out.println("READY");

    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        try {
          for (int n = 0; n < MAX_SAGAS_PER_THREAD; n++) onboard(layer, out, run + "t" + thread + "n" + n, n % 2 == 1);
        } catch (Throwable e) {
          out.println("ERROR " + e);
          e.printStackTrace();
          System.exit(3);
        }
      }, "saga-" + t);
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) w.join();
    out.println("IDLE");
    // The parent kills this process; one that ends by itself would hide where it was killed.
    while (true) LockSupport.park();
  }

  private static void onboard(ActionLayer layer, PrintStream out, String tag, boolean fail) {
    SagaResult r = layer.saga(SAGA)
        .step("contact", s -> {
          out.println("BEGIN " + s.sagaId() + " " + tag + " " + (fail ? "FAIL" : "KEEP"));
          return s.contacts("sf").create(new NewContact("Ada", tag, tag + "@example.com"));
        })
        .step("folder", s -> s.folders("drive").create(new NewFolder("Folder " + tag, null)))
        .step("customer", s -> s.contacts("stripe").create(new NewContact("Ada", tag, tag + "@example.com")))
        // A project the fake Jira does not have answers 400: the saga compensates the three
        // records before it, which is where mid-compensation kills land.
        .step("task", s -> s.tasks("jira").create(new NewTask(fail ? "NOPE" : FourVendors.JIRA_PROJECT,
            "Onboard " + tag, null)))
        .run();
    SagaResult.Status expected = fail ? SagaResult.Status.COMPENSATED : SagaResult.Status.COMPLETED;
    if (r.status() != expected) {
      // Without a crash nothing may go differently; the parent fails the run on this line.
      out.println("ERROR saga " + tag + " ended " + r + " instead of " + expected);
      System.exit(3);
    }
    out.println("END " + r.sagaId() + " " + tag + " " + r.status());
  }

  /**
   * Reports each entry once it is durable, and parks the appending thread for good after the
   * {@code parkAt}-th create intent: the create is then journaled but provably never sent.
   */
  static final class EchoJournal implements JournalStore {
    private final JournalStore delegate;
    private final PrintStream out;
    private final int parkAt;
    private final AtomicInteger intents = new AtomicInteger();

    EchoJournal(JournalStore delegate, PrintStream out, int parkAt) {
      this.delegate = delegate;
      this.out = out;
      this.parkAt = parkAt;
    }

    @Override
    public void append(JournalEntry e) {
      delegate.append(e);
      String detail = switch (e.type()) {
        case CALL_INTENT -> e.connection() + ":" + e.idempotencyKey();
        case CALL_DONE, COMPENSATION_STARTED, COMPENSATION_DONE -> String.valueOf(e.recordId());
        case CALL_FAILED, COMPENSATION_FAILED, SAGA_ENDED -> String.valueOf(e.code());
        default -> "-";
      };
      out.println("J " + e.type() + " " + e.sagaId() + " " + e.step() + " " + e.call() + " " + detail);
      if (e.type() == JournalEntry.Type.CALL_INTENT && intents.incrementAndGet() == parkAt) {
        out.println("PARKED " + e.sagaId() + " " + e.step() + " " + e.connection() + " " + e.idempotencyKey());
        while (true) LockSupport.park();
      }
    }

    @Override
    public List<List<JournalEntry>> claimUnfinished(int max) {
      return delegate.claimUnfinished(max);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
