package dev.actionlayer.internal;

import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;

/**
 * The raw outcome of one request: a response (possibly with a body cut short), or a transport
 * failure and whether the request had started to go out before it.
 */
final class Exchange {
  final VendorResponse response;
  final IOException failure;
  final boolean sent;
  final long durationNanos;

  Exchange(VendorResponse response, IOException failure, boolean sent, long durationNanos) {
    this.response = response;
    this.failure = failure;
    this.sent = sent;
    this.durationNanos = durationNanos;
  }

  /**
   * Whether a successful answer's body was larger than the cap (the transport stopped reading at
   * the cap; a body cut by a broken connection carries a {@link #failure} instead).
   */
  boolean overCap() {
    return response != null && failure == null && response.isSuccessful() && response.isTruncated();
  }

  /** Whether this outcome says something about the vendor's health (5xx, timeout, reset). */
  boolean isVendorFailure() {
    return response == null || response.status() >= 500 || failure != null;
  }
}
