package dev.actionlayer.spi;

/**
 * What a connector declares about repeating a create after an ambiguous failure (the request may
 * have reached the vendor). The pipeline retries a create only when the request provably never
 * reached the vendor, or when this says a repeat is safe.
 */
public enum CreateSafety {
  /** The vendor deduplicates by the idempotency key: a repeat returns the first result. */
  KEYED,
  /**
   * Not keyed, but the record can be found by the idempotency key: the pipeline reconciles with
   * {@link Resource#find} instead of repeating.
   */
  FINDABLE,
  /** Neither: after an ambiguous failure the outcome is reported as {@code OUTCOME_UNKNOWN}. */
  UNSAFE
}
