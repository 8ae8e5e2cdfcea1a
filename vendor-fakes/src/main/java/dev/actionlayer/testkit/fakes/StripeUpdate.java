package dev.actionlayer.testkit.fakes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates and applies a {@code POST /v1/customers/{id}} form as Stripe does: only the parameters
 * given change ("Any parameters not provided will be left unchanged"), an empty value unsets a
 * string or a metadata key, {@code metadata=} (empty) unsets every key. Refusals follow Stripe's
 * usual wording: {@code parameter_unknown}, {@code email_invalid}; the length messages (Stripe's
 * OpenAPI document limits {@code phone} to 20 characters, {@code name} to 256) are approximations.
 */
final class StripeUpdate {

  /** A valid update: the customer it leaves. */
  record Applied(FakeStripe.Customer customer) {}

  private static final Set<String> SCALARS = Set.of("name", "email", "description", "phone");
  private static final Map<String, Integer> MAX = Map.of("name", 256, "email", 512, "description", 5000, "phone", 20);

  private StripeUpdate() {}

  /** The changed customer, or the 400's error fields. */
  static Object apply(FakeStripe.Customer c, List<Map.Entry<String, String>> params) {
    String name = c.name();
    String email = c.email();
    String description = c.description();
    String phone = c.phone();
    Map<String, String> metadata = new LinkedHashMap<>(c.metadata());
    for (Map.Entry<String, String> param : params) {
      String key = param.getKey();
      String value = param.getValue();
      if (SCALARS.contains(key)) {
        if (value.length() > MAX.get(key)) {
          return new StripeCreate.Rejected(null, "Invalid string: " + value.substring(0, Math.min(value.length(), 40))
              + "...; must be at most " + MAX.get(key) + " characters", key);
        }
        String v = value.isEmpty() ? null : value;
        switch (key) {
          case "name" -> name = v;
          case "email" -> email = v;
          case "description" -> description = v;
          default -> phone = v;
        }
      } else if (key.equals("metadata") && value.isEmpty()) {
        metadata.clear();
      } else if (key.startsWith("metadata[") && key.endsWith("]")) {
        String k = key.substring("metadata[".length(), key.length() - 1);
        StripeCreate.Rejected bad = StripeCreate.checkMetadata(k, value);
        if (bad != null) return bad;
        if (value.isEmpty()) metadata.remove(k);
        else metadata.put(k, value);
      } else {
        String top = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
        return new StripeCreate.Rejected("parameter_unknown", "Received unknown parameter: " + top, top);
      }
    }
    if (metadata.size() > StripeCreate.MAX_KEYS) {
      return new StripeCreate.Rejected(null, "You can have up to " + StripeCreate.MAX_KEYS
          + " metadata keys, but you passed in " + metadata.size() + ".", "metadata");
    }
    if (email != null && !StripeCreate.looksLikeEmail(email)) {
      return new StripeCreate.Rejected("email_invalid", "Invalid email address: " + email, "email");
    }
    return new Applied(new FakeStripe.Customer(c.id(), name, email, description, phone, metadata, c.created(), false));
  }
}
