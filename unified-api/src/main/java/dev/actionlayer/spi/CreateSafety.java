package dev.actionlayer.spi;

/**
 * What a connector declares about repeating a create after an ambiguous failure (the request may
 * have reached the vendor). The pipeline retries a create only when the request provably never
 * reached the vendor, or when this says a repeat is safe.
 *
 * <p>What the pipeline counts as "not applied": a connection that failed before the request
 * started to go out; a 4xx answer (including 429); a 503 (the standard meaning: the server did not
 * handle the request). What it counts as "may have been applied": a reset or timeout after the
 * request went out, any other 5xx (a 500, or a proxy's 502/504), and a 2xx whose body could not
 * be read.
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
