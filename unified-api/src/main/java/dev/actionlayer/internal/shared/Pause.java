package dev.actionlayer.internal.shared;

import dev.actionlayer.ErrorCode;
import java.time.Instant;
import java.util.Objects;

/**
 * A connection-wide pause recorded for a vendor account: nobody sends before {@code until}.
 *
 * @param reason {@code RATE_LIMITED} or {@code QUOTA_EXHAUSTED}: what callers are told meanwhile
 * @param probeFirst the pause reached the connection's ceiling: one request probes before the
 *     others resume (per instance)
 */
public record Pause(Instant until, ErrorCode reason, boolean probeFirst) {
  public Pause {
    Objects.requireNonNull(until, "until == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
