package dev.actionlayer.internal;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.VendorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bookkeeping of one logical call: its deadline and what the audit event will say. */
final class CallState {
  final String traceId;
  final Instant startedAt;
  final Instant deadlineAt;
  final long startNanos = System.nanoTime();
  final List<AuditEvent.Attempt> attempts = new ArrayList<>(4);
  Duration nextDelay = Duration.ZERO;
  /** Cooldown and rate-limit waits since the last recorded attempt. */
  long waitedMs;
  /** Whether any attempt may have been applied by the vendor without us seeing the result. */
  boolean maybeApplied;
  boolean reconciled;
  /** Lookups by key that the vendor answered (found or not), as opposed to failed ones. */
  int lookupsAnswered;
  /** The error of the last lookup that the vendor did not answer, or null. */
  dev.actionlayer.ActionError lookupError;
  /** Whether the lookups stopped before their window ended (breaker open, connection paused). */
  boolean lookupsCutShort;
  /** Whether this call already refreshed its access token after a rejection. */
  boolean authRefreshed;
  boolean deduplicated;
  VendorResponse lastResponse;
  /** The allowance usage the vendor reported during this call, or null. */
  dev.actionlayer.spi.VendorUsage usage;
  int sent;
  /** Attempts whose request could not be built because an auxiliary request failed. */
  int failedBuilds;

  CallState(String traceId, Instant startedAt, Duration deadline) {
    this.traceId = traceId;
    this.startedAt = startedAt;
    this.deadlineAt = startedAt.plus(deadline);
  }

  int callAttempts() {
    int n = 0;
    for (AuditEvent.Attempt a : attempts) if (a.kind().equals("call")) n++;
    return n;
  }
}
