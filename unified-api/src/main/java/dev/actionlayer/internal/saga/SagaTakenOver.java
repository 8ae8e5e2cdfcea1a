package dev.actionlayer.internal.saga;

/**
 * A shared journal refused an append because another worker now owns the saga (this one stalled
 * past its lease): this worker must stop acting on it, the new owner finishes it.
 */
public final class SagaTakenOver extends IllegalStateException {
  public SagaTakenOver(String message) {
    super(message);
  }
}
