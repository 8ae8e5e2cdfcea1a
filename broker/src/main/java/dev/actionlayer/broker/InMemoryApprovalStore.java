package dev.actionlayer.broker;

import dev.actionlayer.broker.Approval.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ApprovalStore#inMemory()}: one lock around a map; approvals are few and short-lived. */
final class InMemoryApprovalStore implements ApprovalStore {
  private final Map<String, Approval> byId = new LinkedHashMap<>();

  @Override
  public synchronized Resolution resolve(Approval.Key key, String summary, Instant now, Duration ttl) {
    purge(now);
    Approval pending = null;
    for (Approval a : byId.values()) {
      if (!a.key().equals(key) || !now.isBefore(a.expiresAt())) continue;
      if (a.status() == Status.APPROVED || a.status() == Status.DENIED) {
        Approval consumed = with(a, Status.CONSUMED);
        byId.put(a.id(), consumed);
        return new Resolution(consumed, a.status());
      }
      if (a.status() == Status.PENDING) pending = a;
    }
    if (pending == null) {
      pending = new Approval(BrokerApprovals.newId(), key.principal(), key.operation(), key.connection(),
          key.argumentsDigest(), summary, Status.PENDING, now, now.plus(ttl), null, null, null);
      byId.put(pending.id(), pending);
    }
    return new Resolution(pending, Status.PENDING);
  }

  @Override
  public synchronized Approval decide(String id, boolean approve, String by, String reason, Instant now,
      Duration ttl) {
    Approval a = byId.get(id);
    if (a == null || a.status() != Status.PENDING || !now.isBefore(a.expiresAt())) return null;
    Approval decided = new Approval(a.id(), a.principal(), a.operation(), a.connection(), a.argumentsDigest(),
        a.summary(), approve ? Status.APPROVED : Status.DENIED, a.createdAt(), now.plus(ttl), by, now,
        approve ? null : reason);
    byId.put(id, decided);
    return decided;
  }

  @Override
  public synchronized List<Approval> pending(Instant now) {
    List<Approval> list = new ArrayList<>();
    for (Approval a : byId.values()) {
      if (a.status() == Status.PENDING && now.isBefore(a.expiresAt())) list.add(a);
    }
    list.sort(Comparator.comparing(Approval::createdAt));
    return list;
  }

  @Override
  public boolean ready() {
    return true;
  }

  /** Drops what can no longer be used, so the map does not grow without bound. */
  private void purge(Instant now) {
    byId.values().removeIf(a -> a.status() == Status.CONSUMED || !now.isBefore(a.expiresAt()));
  }

  private static Approval with(Approval a, Status status) {
    return new Approval(a.id(), a.principal(), a.operation(), a.connection(), a.argumentsDigest(), a.summary(),
        status, a.createdAt(), a.expiresAt(), a.decidedBy(), a.decidedAt(), a.reason());
  }
}
