package dev.actionlayer.internal;

/** Thrown by an attempt that the pipeline decided to retry; never escapes the pipeline. */
final class RetrySignal extends RuntimeException {
  final dev.actionlayer.ActionError error;

  RetrySignal(dev.actionlayer.ActionError error) {
    super(null, null, false, false);
    this.error = error;
  }
}
