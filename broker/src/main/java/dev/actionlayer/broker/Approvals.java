package dev.actionlayer.broker;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's approvals: the store, how long an approval lives, the clock, and the audit event
 * each decision leaves (operation {@code approval.approve} or {@code approval.deny}, the decider
 * as principal, the approval's id, the agent, the operation, the connection and when in
 * {@code context}). Thread-safe.
 */
final class Approvals {
  private static final Logger log = LoggerFactory.getLogger(Approvals.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  final ApprovalStore store;
  final Duration ttl;
  final Clock clock;
  private final AuditSink audit;

  Approvals(ApprovalStore store, Duration ttl, Clock clock, AuditSink audit) {
    this.store = store;
    this.ttl = ttl;
    this.clock = clock;
    this.audit = audit;
  }

  /** A new approval id: {@code apr_} and 20 hex digits (80 random bits), short enough to type. */
  static String newId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return "apr_" + HexFormat.of().formatHex(bytes);
  }

  List<Approval> pending() {
    return store.pending(clock.instant());
  }

  /** Decides approval {@code id} and audits it; null when there is no such pending approval. */
  Approval decide(String id, boolean approve, String by, String reason) {
    Approval decided = store.decide(id, approve, by, reason, clock.instant(), ttl);
    if (decided != null) audit(decided);
    return decided;
  }

  /** Records a decision taken outside the store (a person answering an elicitation). */
  void audit(Approval decided) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("approvalId", decided.id());
    context.put("agent", decided.principal());
    context.put("decision", decided.status().name().toLowerCase(java.util.Locale.ROOT));
    context.put("decidedBy", decided.decidedBy());
    context.put("decidedAt", String.valueOf(decided.decidedAt()));
    if (decided.reason() != null) context.put("reason", decided.reason());
    Map<String, String> request = new LinkedHashMap<>();
    request.put("operation", decided.operation());
    request.put("argumentsDigest", decided.argumentsDigest());
    request.put("summary", decided.summary());
    Instant at = decided.decidedAt() == null ? clock.instant() : decided.decidedAt();
    AuditEvent event = new AuditEvent(traceId(), at, decided.decidedBy(), decided.connection(), null,
        decided.status() == Approval.Status.APPROVED ? "approval.approve" : "approval.deny", request, null,
        List.of(), null, AuditEvent.Outcome.SUCCESS, decided.id(), null, null, false, false, null, 0, null,
        context);
    try {
      audit.accept(event);
    } catch (RuntimeException e) {
      log.warn("the audit sink failed on an approval decision", e);
    }
  }

  private static String traceId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
