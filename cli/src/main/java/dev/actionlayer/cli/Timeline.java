package dev.actionlayer.cli;

import dev.actionlayer.audit.AuditEvent;
import java.io.PrintStream;

/** Renders an audit event as a short, readable timeline: one line per attempt. */
final class Timeline {
  private final PrintStream out;

  Timeline(PrintStream out) {
    this.out = out;
  }

  void print(AuditEvent e) {
    String result = e.outcome() == AuditEvent.Outcome.SUCCESS
        ? "SUCCESS " + (e.resourceId() == null ? "" : e.resourceId())
        : e.error().code() + (e.error().retryAfter().isPresent()
            ? " (retry after " + e.error().retryAfter().get().toMillis() + " ms)" : "");
    out.printf("   %s via %s -> %s  [%d request(s) sent, %d ms, breaker %s%s%s, trace %s]%n",
        e.operation(), e.connection(), result,
        e.attempts().stream().filter(AuditEvent.Attempt::sent).count(), e.durationMs(),
        e.breakerState(), e.deduplicated() ? ", deduplicated" : "",
        e.reconciled() ? ", reconciled" : "", e.traceId().substring(0, 8) + "…");
    for (AuditEvent.Attempt a : e.attempts()) {
      out.printf("      %-9s #%d  %-8s %-14s waited %5d ms before, took %4d ms%s%n",
          a.kind(), a.number(), a.status() == 0 ? "no resp." : "HTTP " + a.status(),
          a.code() == null ? "ok" : a.code(), a.delayBeforeMs(), a.durationMs(),
          a.sent() ? "" : "  (never reached the vendor)");
    }
    if (e.error() != null) out.printf("      error: %s%n", e.error().message());
  }
}
