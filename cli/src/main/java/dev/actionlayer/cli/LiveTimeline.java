package dev.actionlayer.cli;

import dev.actionlayer.Sleeper;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's terminal view while it runs: each audit event is printed as it arrives (in the
 * format the {@code audit} command uses) and passed on to the file sink, and each wait the
 * pipeline makes is announced before it starts, so that a 2-second {@code Retry-After} is
 * visibly waited rather than looking like a hang.
 */
final class LiveTimeline implements AuditSink {
  /** Shorter waits (jittered backoff near zero) are not worth a line of their own. */
  private static final long ANNOUNCE_FROM_MS = 50;

  private final PrintWriter out;
  private final AuditSink next;
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  LiveTimeline(PrintWriter out, AuditSink next) {
    this.out = out;
    this.next = next;
  }

  @Override
  public synchronized void accept(AuditEvent event) {
    events.add(event);
    next.accept(event);
    try {
      for (String line : EventFormat.lines(AuditRecord.parse(event.toJson()))) out.println("   " + line);
    } catch (AuditRecord.Malformed e) {
      out.println("   (an audit event could not be rendered: " + e.getMessage() + ")");
    }
  }

  /** A sleeper that announces each noticeable wait, then really waits. */
  Sleeper sleeper() {
    return d -> {
      if (d.toMillis() >= ANNOUNCE_FROM_MS) announce(d);
      Sleeper.SYSTEM.sleep(d);
    };
  }

  private synchronized void announce(Duration d) {
    out.printf("   ... waiting %d ms before the next request%n", d.toMillis());
  }

  /** Every event received so far, in arrival order. */
  List<AuditEvent> events() {
    return List.copyOf(events);
  }
}
