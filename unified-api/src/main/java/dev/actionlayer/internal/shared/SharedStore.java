package dev.actionlayer.internal.shared;

import java.time.Instant;

/**
 * The store behind an opaque {@link dev.actionlayer.SharedState} handle: token buckets by key and
 * vendor accounts' pauses. {@link LocalStore} keeps them in the process; the PostgreSQL store
 * (module {@code shared-state-postgres}) in a database several processes share. Thread-safe.
 */
public interface SharedStore extends Buckets, AutoCloseable {
  /** Whether other processes see this store's state (false for the in-process store). */
  boolean shared();

  /**
   * The pause recorded for {@code account} that is still running at {@code now}, or null. The
   * in-process store records none (the layer's own cooldown is the in-process pause).
   */
  Pause pause(String account, Instant now);

  /**
   * Records a pause for {@code account}, extending a recorded one and never shortening it.
   */
  void recordPause(String account, Pause pause);

  /**
   * Returns normally when the store answers; otherwise throws {@link IllegalStateException}
   * naming what failed (no secret: no URL, no password). For readiness probes.
   */
  void check();

  /** Releases what the store holds (not the caller's {@code DataSource}). */
  @Override
  void close();
}
