package dev.actionlayer.testkit;

import dev.actionlayer.testkit.fake.Fault;

/**
 * How a vendor answers the failures the conformance kit provokes, as {@link Fault}s its fake
 * sends (ideally the fact sheet's verbatim bodies). A signal the vendor does not have returns null
 * and the rules that need it are skipped with that reason.
 */
public interface VendorSignals {
  /** The vendor's answer to bad or expired credentials (a 401). */
  Fault unauthenticated();

  /** The vendor's answer to valid credentials without the permission (a 403). */
  Fault permissionDenied();

  /** A validation failure naming a field; {@link #validationField()} is its canonical name. */
  Fault validation();

  /** The canonical field the {@link #validation()} answer must put in {@code fieldErrors()}. */
  String validationField();

  /**
   * The vendor's rate-limit answer without any {@code Retry-After}: the kit adds one (seconds,
   * then an HTTP-date) and expects {@code RATE_LIMITED}.
   */
  Fault rateLimited();

  /** The vendor's "quota spent" answer, or null when it has none. */
  default Fault quotaExhausted() {
    return null;
  }
}
