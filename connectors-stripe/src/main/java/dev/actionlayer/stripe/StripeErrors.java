package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.util.Locale;

/**
 * Maps Stripe error responses to the taxonomy by meaning (vendor fact sheet, sections 4.2 to 4.5
 * and 5). Starts from {@link HttpErrors#byStatus} and refines it from Stripe's {@code error}
 * object; {@code Stripe-Should-Retry} then overrides retryability in either direction, except for
 * an {@code idempotency_error}: repeating the same bytes under the same key gets the same refusal.
 * Messages hold Stripe's own explanation, never a body or a header that could carry a secret; the
 * pipeline caps them, removes API keys, and fills and checks the request id from {@link
 * #REQUEST_ID_HEADER}.
 */
final class StripeErrors {
  static final String REQUEST_ID_HEADER = "Request-Id";
  private static final String SHOULD_RETRY = "Stripe-Should-Retry";
  private static final String LIMITED_REASON = "Stripe-Rate-Limited-Reason";

  private StripeErrors() {}

  static ActionError map(VendorResponse response) {
    StripeErrorBody body = StripeErrorBody.parse(response);
    if (body == null) {
      ActionError.Builder b = response.status() == 404 ? wrongPath(response, null)
          : HttpErrors.byStatus(response).message("Stripe answered " + HttpErrors.describe(response));
      return shouldRetry(b, response).build();
    }
    // The one wire capture of 409 idempotency_key_in_use says invalid_request_error, some clients
    // model it as idempotency_error: the code decides, so an in-flight key is always retried later.
    if (body.isType("idempotency_error") && !body.isCode("idempotency_key_in_use")) {
      return HttpErrors.byStatus(response, ErrorCode.CONFLICT).retryable(false)
          .vendorCode(body.vendorCode()).message(body.text(response)).build();
    }
    String message = withReason(body.text(response), response);
    ActionError.Builder b;
    switch (response.status()) {
      case 404:
        b = body.isCode("resource_missing")
            ? HttpErrors.byStatus(response, ErrorCode.NOT_FOUND).message(message)
            : wrongPath(response, body.message());
        break;
      case 409:
        // The same key is still being executed: the same request later gets the saved result.
        b = HttpErrors.byStatus(response, ErrorCode.CONFLICT).message(message)
            .retryable(body.isCode("idempotency_key_in_use"));
        break;
      case 429:
        b = HttpErrors.byStatus(response, ErrorCode.RATE_LIMITED).message(message);
        break;
      default:
        b = HttpErrors.byStatus(response).message(message);
        if (HttpErrors.codeFor(response.status()) == ErrorCode.INVALID_REQUEST) b.fieldErrors(body.fieldErrors());
    }
    b.vendorCode(body.vendorCode());
    return shouldRetry(b, response).build();
  }

  /**
   * Stripe's API answers a missing object with {@code resource_missing}; any other 404 means the
   * request reached the wrong place. That is not "already deleted", and repeating will not help.
   */
  private static ActionError.Builder wrongPath(VendorResponse response, String stripeMessage) {
    ActionError.Builder b = HttpErrors.foreignNotFound(response, "Stripe",
        "the connection's base URI (https://api.stripe.com)");
    return stripeMessage == null ? b : b.message(b.build().message() + ". Stripe says: " + stripeMessage);
  }

  /** Stripe's advice beats the status's default, in both directions. */
  private static ActionError.Builder shouldRetry(ActionError.Builder b, VendorResponse response) {
    String advice = response.header(SHOULD_RETRY);
    if (advice == null) return b;
    String value = advice.strip().toLowerCase(Locale.ROOT);
    if (value.equals("true")) b.retryable(true);
    else if (value.equals("false")) b.retryable(false);
    return b;
  }

  private static String withReason(String text, VendorResponse response) {
    String reason = response.header(LIMITED_REASON);
    if (reason == null || !reason.strip().matches("[a-z-]{1,40}")) return text;
    return text + " (" + LIMITED_REASON + ": " + reason.strip() + ")";
  }
}
