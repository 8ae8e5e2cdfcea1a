package dev.actionlayer.saga;

/**
 * A custom way to undo a saga step (archive rather than delete, post a reversal), registered by
 * name with {@code ActionLayer.Builder#compensation} so that recovery after a restart can run it
 * from the journal alone. It must be safe to run more than once: after a crash mid-compensation it
 * runs again. A thrown retryable {@link dev.actionlayer.ActionException} is retried under the
 * layer's {@link CompensationPolicy}.
 */
@FunctionalInterface
public interface Compensation {
  void compensate(CompensationScope scope);
}
