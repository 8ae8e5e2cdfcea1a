package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.StatusLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * FakeStripe's bodies in Stripe's shapes; those the fact sheet quotes (section 4.2 and the samples)
 * are verbatim, the rest follow Stripe's usual wording.
 */
final class StripeResponses {

  static final String JSON = "application/json";
  static final String RATE_LIMIT = "Request rate limit exceeded. You can learn more about rate limits"
      + " here https://stripe.com/docs/rate-limits.";
  static final String LOCK_TIMEOUT = "This object cannot be accessed right now because another API"
      + " request or Stripe process is currently accessing it. If you see this error intermittently,"
      + " retry the request. If you see this error frequently and are making multiple concurrent"
      + " requests to a single object, make your requests serially or at a lower rate.";
  static final String API_ERROR = "An unknown error occurred";
  /** Not in the fact sheet (unverified wording); Stripe's usual answer to a missing key. */
  static final String NO_API_KEY = "You did not provide an API key. You need to provide your API key"
      + " in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer"
      + " YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can"
      + " help at https://support.stripe.com/.";

  private StripeResponses() {}

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status))
        .setHeader("Content-Type", JSON).body(body).build();
  }

  /** {@code {"error": {...}}} with Stripe's member order (alphabetical) and nulls left out. */
  static String error(String type, String code, String message, String param) {
    Map<String, Object> error = new LinkedHashMap<>();
    if (code != null) {
      error.put("code", code);
      error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    error.put("message", message);
    if (param != null) {
      error.put("param", param);
    }
    error.put("type", type);
    return Json.write(Json.object("error", error));
  }

  static String invalidRequest(String code, String message, String param) {
    return error("invalid_request_error", code, message, param);
  }

  static String noSuchCustomer(String id) {
    return invalidRequest("resource_missing", "No such customer: '" + id + "'", "id");
  }

  static String idempotencyError(String key) {
    return error("idempotency_error", null, "Keys for idempotent requests can only be used with the"
        + " same parameters they were first used with. Try using a key other than '" + key
        + "' if you meant to execute a different request.", null);
  }

  static String keyInUse(String key) {
    return invalidRequest("idempotency_key_in_use", "There is currently another in-progress request"
        + " using this Idempotent Key (that probably means you submitted twice, and the other request"
        + " is still going through): " + key + ". Please try again later.", null);
  }

  /** Not in the fact sheet (unverified wording): Stripe's answer to a path it does not serve. */
  static String unrecognizedUrl(String method, String path) {
    return invalidRequest(null, "Unrecognized request URL (" + method + ": " + path + "). Please see"
        + " https://stripe.com/docs or we can help at https://support.stripe.com/.", null);
  }

  /** The 401 for a bad key: masked key, {@code WWW-Authenticate}, and no {@code Request-Id}. */
  static MockResponse invalidApiKey(String presentedKey) {
    String message = presentedKey == null ? NO_API_KEY
        : "Invalid API Key provided: " + mask(presentedKey);
    return new MockResponse.Builder().status(StatusLines.of(401))
        .setHeader("Content-Type", JSON)
        .setHeader("WWW-Authenticate", "Bearer realm=\"Stripe\"")
        .body(error("invalid_request_error", null, message, null)).build();
  }

  /** Stripe shows a key's mode prefix and last four characters, like {@code sk_test_****S8wL}. */
  static String mask(String key) {
    int prefix = key.matches("(sk|rk|pk)_(test|live)_.*") ? key.indexOf('_', 3) + 1 : 0;
    int shown = Math.max(prefix, key.length() - 4);
    return key.substring(0, prefix) + "*".repeat(shown - prefix) + key.substring(shown);
  }

  /** A live customer as Stripe returns it after a create or a retrieve (a fresh one: no discount). */
  static String customer(FakeStripe.Customer c) {
    return Json.write(customerObject(c));
  }

  /** The customer as a JSON tree, for lists. */
  static Map<String, Object> customerObject(FakeStripe.Customer c) {
    Map<String, Object> invoiceSettings = Json.object("custom_fields", null,
        "default_payment_method", null, "footer", null, "rendering_options", null);
    return Json.object(
        "id", c.id(), "object", "customer", "address", null, "balance", 0, "created", c.created(),
        "currency", null, "default_source", null, "delinquent", false, "description", c.description(),
        "discount", null, "email", c.email(), "invoice_prefix", c.id().substring(4, Math.min(c.id().length(), 12)).toUpperCase(Locale.ROOT),
        "invoice_settings", invoiceSettings, "livemode", false, "metadata", c.metadata(),
        "name", c.name(), "next_invoice_sequence", 1, "phone", c.phone(),
        "preferred_locales", List.of(), "shipping", null, "tax_exempt", "none", "test_clock", null);
  }

  /** Retrieving a deleted customer: 200, not 404 (fact sheet 4.1). */
  static String deletedOnRetrieve(String id) {
    return Json.write(Json.object("id", id, "object", "customer", "deleted", true));
  }

  /** The answer to a delete (stripe-mock's {@code deleted_customer} fixture). */
  static String deleted(String id) {
    return Json.write(Json.object("deleted", true, "id", id, "object", "customer"));
  }
}
