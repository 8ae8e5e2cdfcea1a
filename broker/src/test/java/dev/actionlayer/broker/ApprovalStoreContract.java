package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.broker.Approval.Status;
import dev.actionlayer.broker.ApprovalStore.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link ApprovalStore} must do; a store's test supplies a fresh store. */
abstract class ApprovalStoreContract {
  static final Duration TTL = Duration.ofHours(1);
  final Instant t0 = Instant.parse("2026-12-06T06:00:00Z");
  /** Unique per test, so that a shared database needs no cleaning between tests. */
  final String principal = "bot-" + UUID.randomUUID().toString().substring(0, 8);

  abstract ApprovalStore store();

  Approval.Key key(String digest) {
    return new Approval.Key(principal, "tasks.delete", "jira", digest);
  }

  @Test
  void aCallWithoutDecisionGetsOnePendingApproval_repeatsGetTheSameId() {
    ApprovalStore s = store();
    Resolution first = s.resolve(key("d1"), "bot wants tasks.delete", t0, TTL);
    assertThat(first.decision()).isEqualTo(Status.PENDING);
    assertThat(first.approval().id()).matches("apr_[0-9a-f]{20}");
    assertThat(first.approval().expiresAt()).isEqualTo(t0.plus(TTL));
    assertThat(s.resolve(key("d1"), "again", t0.plusSeconds(5), TTL).approval().id()).isEqualTo(first.approval().id());
    assertThat(s.resolve(key("d2"), "other args", t0, TTL).approval().id()).isNotEqualTo(first.approval().id());
    assertThat(s.pending(t0.plusSeconds(10))).extracting(Approval::id).contains(first.approval().id());
  }

  @Test
  void anApprovalIsConsumedByOneRepeat_thenTheCallNeedsANewOne() {
    ApprovalStore s = store();
    String id = s.resolve(key("d1"), "x", t0, TTL).approval().id();
    Approval decided = s.decide(id, true, "alice", null, t0.plusSeconds(60), TTL);
    assertThat(decided.status()).isEqualTo(Status.APPROVED);
    assertThat(decided.decidedBy()).isEqualTo("alice");
    assertThat(decided.decidedAt()).isEqualTo(t0.plusSeconds(60));
    assertThat(s.pending(t0.plusSeconds(61))).extracting(Approval::id).doesNotContain(id);

    Resolution used = s.resolve(key("d1"), "x", t0.plusSeconds(70), TTL);
    assertThat(used.decision()).isEqualTo(Status.APPROVED);
    assertThat(used.approval().id()).isEqualTo(id);
    assertThat(used.approval().decidedBy()).isEqualTo("alice");
    Resolution next = s.resolve(key("d1"), "x", t0.plusSeconds(80), TTL);
    assertThat(next.decision()).isEqualTo(Status.PENDING);
    assertThat(next.approval().id()).isNotEqualTo(id);
  }

  @Test
  void anApprovalDoesNotServeOtherArguments() {
    ApprovalStore s = store();
    String id = s.resolve(key("d1"), "x", t0, TTL).approval().id();
    s.decide(id, true, "alice", null, t0, TTL);
    assertThat(s.resolve(key("d2"), "y", t0, TTL).decision()).isEqualTo(Status.PENDING);
    assertThat(s.resolve(new Approval.Key("someone-else", "tasks.delete", "jira", "d1"), "z", t0, TTL).decision())
        .isEqualTo(Status.PENDING);
    assertThat(s.resolve(key("d1"), "x", t0, TTL).decision()).isEqualTo(Status.APPROVED);
  }

  @Test
  void aDenialIsConsumedWithItsReason() {
    ApprovalStore s = store();
    String id = s.resolve(key("d1"), "x", t0, TTL).approval().id();
    assertThat(s.decide(id, false, "alice", "not now", t0, TTL).status()).isEqualTo(Status.DENIED);
    Resolution r = s.resolve(key("d1"), "x", t0.plusSeconds(1), TTL);
    assertThat(r.decision()).isEqualTo(Status.DENIED);
    assertThat(r.approval().reason()).isEqualTo("not now");
  }

  @Test
  void onlyAPendingUnexpiredApprovalCanBeDecided_once() {
    ApprovalStore s = store();
    assertThat(s.decide("apr_00000000000000000000", true, "alice", null, t0, TTL)).isNull();
    String id = s.resolve(key("d1"), "x", t0, TTL).approval().id();
    assertThat(s.decide(id, true, "alice", null, t0, TTL)).isNotNull();
    assertThat(s.decide(id, false, "bob", "late", t0, TTL)).isNull();
    String lapsed = s.resolve(key("d2"), "x", t0, TTL).approval().id();
    assertThat(s.decide(lapsed, true, "alice", null, t0.plus(TTL), TTL)).isNull();
  }

  @Test
  void lapsedApprovalsAreNeitherPendingNorUsable() {
    ApprovalStore s = store();
    String pending = s.resolve(key("d1"), "x", t0, TTL).approval().id();
    assertThat(s.pending(t0.plus(TTL))).extracting(Approval::id).doesNotContain(pending);
    assertThat(s.resolve(key("d1"), "x", t0.plus(TTL), TTL).approval().id()).isNotEqualTo(pending);

    String approved = s.resolve(key("d3"), "x", t0, TTL).approval().id();
    s.decide(approved, true, "alice", null, t0, TTL);
    Resolution late = s.resolve(key("d3"), "x", t0.plus(TTL).plusSeconds(1), TTL);
    assertThat(late.decision()).isEqualTo(Status.PENDING);
  }

  @Test
  void twoIdenticalCallsRacingOnOneApproval_onlyOneProceeds() throws Exception {
    ApprovalStore s = store();
    String id = s.resolve(key("race"), "x", t0, TTL).approval().id();
    s.decide(id, true, "alice", null, t0, TTL);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Resolution>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Resolution> task = () -> {
          go.await();
          return s.resolve(key("race"), "x", t0.plusSeconds(1), TTL);
        };
        results.add(pool.submit(task));
      }
      go.countDown();
      int approved = 0;
      List<String> pendingIds = new ArrayList<>();
      for (Future<Resolution> f : results) {
        Resolution r = f.get();
        if (r.decision() == Status.APPROVED) approved++;
        else pendingIds.add(r.approval().id());
      }
      assertThat(approved).isEqualTo(1);
      assertThat(pendingIds).hasSize(n - 1).allMatch(pendingIds.get(0)::equals);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void isReady() {
    assertThat(store().ready()).isTrue();
  }
}
