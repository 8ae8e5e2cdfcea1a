package dev.actionlayer.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one audit event as a few readable lines: what was called where, how it ended, each
 * request with the wait before it, the error, and the saga it belonged to. The demo's live view
 * and the {@code audit} command share it, so what scrolls by during the demo is what a developer
 * later reads from the file.
 */
final class EventFormat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private EventFormat() {}

  static List<String> lines(AuditRecord e) {
    return e.isSaga() ? saga(e) : call(e);
  }

  private static List<String> call(AuditRecord e) {
    List<String> out = new ArrayList<>();
    long sent = e.attempts().stream().filter(AuditRecord.Attempt::sent).count();
    StringBuilder head = new StringBuilder()
        .append(TIME.format(e.timestamp())).append("  ").append(pad(e.operation(), 15)).append(' ')
        .append(pad(e.connection() + " (" + e.vendor() + ")", 18)).append(' ')
        .append(e.succeeded() ? "SUCCESS" + (e.resourceId() == null ? "" : " " + e.resourceId())
            : "FAILURE " + (e.error() == null ? "" : e.error().code()))
        .append("  (").append(sent).append(" sent, ").append(e.durationMs()).append(" ms");
    if (e.breakerState() != null) head.append(", breaker ").append(e.breakerState());
    if (e.deduplicated()) head.append(", deduplicated");
    if (e.reconciled()) head.append(", reconciled");
    head.append(')');
    String step = step(e.context());
    if (!step.isEmpty()) head.append("  ").append(step);
    out.add(head.toString());
    for (AuditRecord.Attempt a : e.attempts()) {
      out.add(String.format("    %-9s #%d  %-11s %-17s waited %5d ms, took %4d ms%s", a.kind(), a.n(),
          a.status() == 0 ? "no response" : "HTTP " + a.status(), a.code() == null ? "ok" : a.code(),
          a.delayBeforeMs(), a.durationMs(), a.sent() ? "" : "  (never reached the vendor)"));
    }
    if (e.error() != null) out.add("    error: " + error(e.error()));
    return out;
  }

  private static List<String> saga(AuditRecord e) {
    List<String> out = new ArrayList<>();
    Map<String, String> ctx = e.context();
    out.add(TIME.format(e.timestamp()) + "  " + pad(e.operation(), 15) + " " + ctx.getOrDefault("saga", "?")
        + " " + ctx.getOrDefault("status", e.outcome()) + "  [" + e.durationMs() + " ms, saga id "
        + ctx.getOrDefault("sagaId", "?") + "]");
    if (ctx.containsKey("steps")) out.add("    steps: " + ctx.get("steps").replace(",", ", "));
    if (e.error() != null) out.add("    failure: " + error(e.error()));
    for (int i = 0; ctx.containsKey("residue." + i); i++) out.add("    LEFT BEHIND: " + ctx.get("residue." + i));
    return out;
  }

  /** {@code step folder}, {@code undo of step contact}, or empty outside a saga. */
  static String step(Map<String, String> ctx) {
    if (!ctx.containsKey("step")) return "";
    String phase = ctx.get("phase");
    if (phase == null) return "step " + ctx.get("step");
    return ("compensate".equals(phase) ? "undo of" : phase) + " step " + ctx.get("step");
  }

  static String error(AuditRecord.Error err) {
    List<String> facts = new ArrayList<>();
    if (err.httpStatus() != 0) facts.add("HTTP " + err.httpStatus());
    facts.add(err.retryable() ? "retryable" : "not retryable");
    if (err.retryAfterMs() != null) facts.add("retry after " + err.retryAfterMs() + " ms");
    if (err.vendorCode() != null) facts.add("vendor code " + err.vendorCode());
    StringBuilder s = new StringBuilder(String.valueOf(err.code())).append(" (").append(String.join(", ", facts))
        .append(')');
    if (err.message() != null) s.append(": ").append(err.message());
    // Connectors usually quote the field errors in the message already; add only what is missing.
    err.fieldErrors().forEach((k, v) -> {
      if (err.message() == null || !err.message().contains(v)) s.append("; ").append(k).append(": ").append(v);
    });
    return s.toString();
  }

  private static String pad(String s, int width) {
    return String.format("%-" + width + "s", s);
  }
}
