package dev.actionlayer.stripe;

import dev.actionlayer.ActionException;
import java.util.regex.Pattern;

/** What Stripe accepts as customer ids, idempotency keys and metadata; everything else is refused. */
final class StripeIds {
  static final int MAX_METADATA_VALUE = 500;
  private static final Pattern CUSTOMER_ID = Pattern.compile("cus_[A-Za-z0-9]{1,250}");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

  private StripeIds() {}

  /**
   * Only the shape of a customer id may reach the wire, so no value from the agent ({@code ..},
   * {@code /}, {@code ?}, {@code %2e}, CR/LF) can address another endpoint.
   *
   * @throws ActionException {@code INVALID_REQUEST} for anything else
   */
  static String requireCustomerId(String id) {
    if (id == null || !CUSTOMER_ID.matcher(id).matches()) {
      throw ActionException.invalidField("id", "is not a Stripe customer id (cus_ followed by letters and digits)");
    }
    return id;
  }

  /** The id in quotes when it has a customer id's shape, else a neutral word: never echo junk. */
  static String quoted(String id) {
    return id != null && CUSTOMER_ID.matcher(id).matches() ? "'" + id + "'" : "(unnamed)";
  }

  /**
   * Stripe takes keys of up to 255 characters; the pipeline's keys are far shorter, so a longer or
   * odd one is a defect in the caller, not bad agent input.
   */
  static String requireIdempotencyKey(String key) {
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("idempotency key cannot be a Stripe Idempotency-Key: "
          + key.length() + " chars");
    }
    return key;
  }

  /**
   * Stripe refuses metadata values over 500 characters; the canonical limits keep names far below
   * that, and this keeps it so if they ever change.
   *
   * @throws ActionException {@code INVALID_REQUEST} naming {@code field}
   */
  static String requireMetadataValue(String value, String field) {
    if (value != null && value.length() > MAX_METADATA_VALUE) {
      throw ActionException.invalidField(field, "is longer than " + MAX_METADATA_VALUE + " characters");
    }
    return value;
  }
}
