package dev.actionlayer.testkit.fakes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a {@code POST /v1/customers} form as Stripe does, before execution begins (so a
 * refusal is never saved under an idempotency key). {@code parameter_unknown} and {@code
 * email_invalid} follow Stripe's usual wording; the metadata-limit messages are approximations, the
 * limits themselves are documented (fact sheet 4.1).
 */
final class StripeCreate {

  /** The outcome of validation. */
  sealed interface Outcome permits Draft, Rejected {}

  /** A valid create, ready to store. */
  record Draft(String name, String email, String description, String phone,
      Map<String, String> metadata) implements Outcome {}

  /** A 400 answer: Stripe's error fields. */
  record Rejected(String code, String message, String param) implements Outcome {}

  private static final Set<String> SCALARS = Set.of("name", "email", "description", "phone");
  static final int MAX_KEYS = 50;
  private static final int MAX_KEY = 40;
  private static final int MAX_VALUE = 500;

  private StripeCreate() {}

  static Outcome validate(List<Map.Entry<String, String>> params) {
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, String> param : params) {
      String name = param.getKey();
      if (SCALARS.contains(name)) {
        scalars.put(name, param.getValue());
      } else if (name.startsWith("metadata[") && name.endsWith("]")) {
        String key = name.substring("metadata[".length(), name.length() - 1);
        Rejected bad = checkMetadata(key, param.getValue());
        if (bad != null) {
          return bad;
        }
        if (!param.getValue().isEmpty()) {
          metadata.put(key, param.getValue()); // an empty value unsets a key in Stripe
        }
      } else {
        String top = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
        return new Rejected("parameter_unknown", "Received unknown parameter: " + top, top);
      }
    }
    if (metadata.size() > MAX_KEYS) {
      return new Rejected(null, "You can have up to " + MAX_KEYS + " metadata keys, but you passed in "
          + metadata.size() + ".", "metadata");
    }
    String email = emptyToNull(scalars.get("email"));
    if (email != null && !looksLikeEmail(email)) {
      return new Rejected("email_invalid", "Invalid email address: " + email, "email");
    }
    return new Draft(emptyToNull(scalars.get("name")), email, emptyToNull(scalars.get("description")),
        emptyToNull(scalars.get("phone")), metadata);
  }

  static Rejected checkMetadata(String key, String value) {
    String param = "metadata[" + key + "]";
    if (key.isEmpty() || key.contains("[") || key.contains("]")) {
      return new Rejected(null, "Invalid metadata key: keys must be non-empty and must not contain"
          + " square brackets ('[' or ']').", "metadata");
    }
    if (key.length() > MAX_KEY) {
      return new Rejected(null, "Metadata keys can have up to " + MAX_KEY + " characters, but you passed"
          + " in a key that is " + key.length() + " characters long.", param);
    }
    if (value.length() > MAX_VALUE) {
      return new Rejected(null, "Metadata values can have up to " + MAX_VALUE + " characters, but you"
          + " passed in a value that is " + value.length() + " characters long.", param);
    }
    return null;
  }

  static boolean looksLikeEmail(String email) {
    int at = email.indexOf('@');
    return at > 0 && at < email.length() - 1 && email.indexOf('@', at + 1) < 0
        && email.chars().noneMatch(Character::isWhitespace);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
