package dev.actionlayer.internal;

import dev.actionlayer.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connection-wide pause after a vendor says "not before T" (a 429 or 503 with a reset time):
 * every caller of the connection waits until T, not only the one that got the 429. A pause that
 * reached the connection's ceiling ({@code maxCooldown}: the vendor asked for longer) ends with one
 * probe, as a half-open breaker does: the first caller after it is let through alone, and the
 * others are turned away until the vendor has answered it. Lock-free.
 */
final class Cooldown {
  /** What a caller may do once the pause itself is over. */
  enum Admission {
    /** Send. */
    GO,
    /** Send: this caller is the probe and must report it with {@link #probeDone}. */
    PROBE,
    /** Do not send: another caller's probe has not been answered yet. */
    WAIT_FOR_PROBE
  }

  /**
   * @param probeFirst whether one probe must be answered before everyone resumes
   * @param probing whether a caller holds the probe
   */
  private record State(long untilMillis, ErrorCode reason, boolean probeFirst, boolean probing) {}

  private final AtomicReference<State> state =
      new AtomicReference<>(new State(0, ErrorCode.RATE_LIMITED, false, false));

  /**
   * Extends the pause to {@code until} (never shortens it), for {@code reason}; with
   * {@code probeFirst}, one probe goes before the others resume.
   */
  void pauseUntil(Instant until, ErrorCode reason, boolean probeFirst) {
    long target = until.toEpochMilli();
    state.updateAndGet(s -> target > s.untilMillis ? new State(target, reason, probeFirst, false) : s);
  }

  /** The code of the response that set the current pause. */
  ErrorCode reason() {
    return state.get().reason;
  }

  /** How long callers must still wait at {@code now}; zero when not paused. */
  Duration remaining(Instant now) {
    long left = state.get().untilMillis - now.toEpochMilli();
    return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
  }

  /** Whether a caller may send now that {@link #remaining} is zero; claims the probe when one is due. */
  Admission admit() {
    while (true) {
      State s = state.get();
      if (!s.probeFirst) return Admission.GO;
      if (s.probing) return Admission.WAIT_FOR_PROBE;
      if (state.compareAndSet(s, new State(s.untilMillis, s.reason, true, true))) return Admission.PROBE;
    }
  }

  /**
   * Reports the probe: {@code answered} (the vendor responded) lets everyone resume — unless the
   * answer set a new pause, which {@link #pauseUntil} records; otherwise the next caller probes.
   */
  void probeDone(boolean answered) {
    state.updateAndGet(s -> !s.probing ? s
        : new State(s.untilMillis, s.reason, !answered, false));
  }
}
