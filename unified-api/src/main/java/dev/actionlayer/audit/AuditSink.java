package dev.actionlayer.audit;

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
}
