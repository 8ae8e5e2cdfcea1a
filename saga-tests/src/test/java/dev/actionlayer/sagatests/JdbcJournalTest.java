package dev.actionlayer.sagatests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.internal.saga.JournalStore;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code SagaJournal.jdbc} against a real PostgreSQL: durability, leases, fencing, SKIP LOCKED. */
class JdbcJournalTest {
  static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
  static final Duration SHORT = Duration.ofMillis(400);
  HikariDataSource pool;
  final List<JournalStore> journals = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws Exception {
    pool = PostgresJournals.pool(8);
    PostgresJournals.truncate(pool);
  }

  @AfterEach
  void close() {
    journals.forEach(JournalStore::close);
    pool.close();
  }

  JournalStore journal(Duration lease) {
    JournalStore j = Journals.store(SagaJournal.jdbc(pool, lease));
    journals.add(j);
    return j;
  }

  static List<JournalEntry> saga(String id) {
    return List.of(
        JournalEntry.started(id, T, "onboard", "4bf92f3577b34da6a3ce929d0e0e4736", "agent-7", 2),
        JournalEntry.stepStarted(id, T, 0, "contact", null),
        JournalEntry.intent(id, T, 0, 0, "sf", "contacts", id + "-0-0", "{\"firstName\":\"Zoë 'O\\\"\"}"));
  }

  /** Claims until something comes back: the dead owner's lease has to lapse first. */
  static List<List<JournalEntry>> claimWhenLapsed(JournalStore j, int max) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<List<JournalEntry>> claimed = j.claimUnfinished(max);
      if (!claimed.isEmpty()) return claimed;
      Thread.sleep(100);
    }
    throw new AssertionError("nothing became claimable in 10 s");
  }

  @Test
  void aLiveOwnersSagaIsNotClaimed_aDeadOnesIsOnceWithItsEntriesInOrder() throws Exception {
    JournalStore owner = journal(SHORT);
    saga("s1").forEach(owner::append);
    JournalStore other = journal(Duration.ofSeconds(30));
    Thread.sleep(SHORT.toMillis() * 3); // several leases: the owner keeps renewing
    assertThat(other.claimUnfinished(10)).isEmpty();

    owner.close(); // the owner dies: it stops renewing
    List<List<JournalEntry>> claimed = claimWhenLapsed(other, 10);
    assertThat(claimed).containsExactly(saga("s1"));
    assertThat(other.claimUnfinished(10)).isEmpty();
    JournalStore third = journal(SHORT);
    Thread.sleep(SHORT.toMillis() * 2);
    assertThat(third.claimUnfinished(10)).as("the new owner renews at 30 s").isEmpty();
  }

  @Test
  void aStalledOwnerThatLostItsSagaIsFencedOff() throws Exception {
    JournalStore stalled = journal(SHORT);
    saga("s1").forEach(stalled::append);
    stalled.close(); // stops renewing, as a process paused past its lease would
    JournalStore rescuer = journal(Duration.ofSeconds(30));
    claimWhenLapsed(rescuer, 10);
    assertThatThrownBy(() -> stalled.append(JournalEntry.done("s1", T, 0, 0, "003xx")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer this worker");
    rescuer.append(JournalEntry.ended("s1", T, SagaResult.Status.COMPENSATED));
  }

  @Test
  void endedSagasAreNeverClaimed() throws Exception {
    JournalStore owner = journal(SHORT);
    saga("done").forEach(owner::append);
    owner.append(JournalEntry.ended("done", T, SagaResult.Status.COMPLETED));
    saga("open").forEach(owner::append);
    owner.close();
    JournalStore other = journal(Duration.ofSeconds(30));
    assertThat(claimWhenLapsed(other, 10)).extracting(l -> l.get(0).sagaId()).containsExactly("open");
  }

  @Test
  void twoWorkersClaimingAtOnceNeverTakeTheSameSaga() throws Exception {
    JournalStore dead = journal(SHORT);
    int sagas = 60;
    for (int i = 0; i < sagas; i++) saga("s" + i).forEach(dead::append);
    dead.close();
    Thread.sleep(SHORT.toMillis() * 2);
    JournalStore a = journal(Duration.ofSeconds(30));
    JournalStore b = journal(Duration.ofSeconds(30));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<List<String>> first = threads.submit(() -> claimAll(a, go));
      Future<List<String>> second = threads.submit(() -> claimAll(b, go));
      go.countDown();
      List<String> x = first.get(30, TimeUnit.SECONDS);
      List<String> y = second.get(30, TimeUnit.SECONDS);
      Set<String> both = new HashSet<>(x);
      both.retainAll(y);
      assertThat(both).as("claimed by both").isEmpty();
      assertThat(x.size() + y.size()).isEqualTo(sagas);
      assertThat(new HashSet<>(x)).hasSize(x.size());
    } finally {
      threads.shutdownNow();
    }
  }

  private static List<String> claimAll(JournalStore j, CountDownLatch go) throws InterruptedException {
    go.await();
    List<String> mine = new ArrayList<>();
    for (List<List<JournalEntry>> batch; !(batch = j.claimUnfinished(3)).isEmpty(); ) {
      batch.forEach(entries -> mine.add(entries.get(0).sagaId()));
    }
    return mine;
  }

  @Test
  void twoJournalsCreatingTheSchemaAtOnceBothOpen() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<JournalStore> x = threads.submit(() -> { go.await(); return journal(SHORT); });
      Future<JournalStore> y = threads.submit(() -> { go.await(); return journal(SHORT); });
      go.countDown();
      JournalStore a = x.get(30, TimeUnit.SECONDS);
      JournalStore b = y.get(30, TimeUnit.SECONDS);
      saga("s1").forEach(a::append);
      saga("s2").forEach(b::append);
    } finally {
      threads.shutdownNow();
    }
  }
}
