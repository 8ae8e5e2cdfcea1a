package dev.actionlayer.audit;

import java.util.function.Supplier;

/**
 * Receives one {@link AuditEvent} per logical call, on the caller's thread, after the call ends.
 * Implementations must be thread-safe and should be quick; an exception thrown here is swallowed so
 * that auditing never changes a call's outcome.
 */
@FunctionalInterface
public interface AuditSink {
  /** A sink that drops every event. */
  AuditSink NONE = event -> {};

  void accept(AuditEvent event);

  /**
   * Receives an event still to be built — redacting it is most of that work. The default builds
   * it at once, on the caller's thread, and passes it to {@link #accept}; a sink with a thread of
   * its own may build it there instead, keeping the caller's cost to a queue insertion. The
   * supplier is safe to call on any thread, once.
   */
  default void acceptDeferred(Supplier<AuditEvent> event) {
    accept(event.get());
  }
}
