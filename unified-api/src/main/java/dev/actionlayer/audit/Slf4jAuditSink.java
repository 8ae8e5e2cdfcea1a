package dev.actionlayer.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each event's JSON through SLF4J on the logger {@code dev.actionlayer.audit}: successes at
 * INFO, failures at WARN. Thread-safe.
 */
public final class Slf4jAuditSink implements AuditSink {
  private final Logger logger;

  public Slf4jAuditSink() {
    this(LoggerFactory.getLogger("dev.actionlayer.audit"));
  }

  /** Logs to {@code logger} instead of the default one. */
  public Slf4jAuditSink(Logger logger) {
    this.logger = java.util.Objects.requireNonNull(logger, "logger == null");
  }

  @Override
  public void accept(AuditEvent event) {
    if (event.outcome() == AuditEvent.Outcome.SUCCESS) {
      if (logger.isInfoEnabled()) logger.info(event.toJson());
    } else if (logger.isWarnEnabled()) {
      logger.warn(event.toJson());
    }
  }
}
