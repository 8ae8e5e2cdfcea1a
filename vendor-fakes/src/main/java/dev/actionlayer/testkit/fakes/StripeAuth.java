package dev.actionlayer.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Reads the API key a request presents: a bearer token, or the Basic user name ({@code curl -u sk_…:}). */
final class StripeAuth {

  private StripeAuth() {}

  static boolean accepts(String authorization, String secretKey) {
    return secretKey.equals(presentedKey(authorization));
  }

  /** The presented key, the raw value for another scheme, or null when none was presented. */
  static String presentedKey(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return null;
    }
    String value = authorization.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    String key = value;
    if (lower.startsWith("bearer ")) {
      key = value.substring("bearer ".length()).strip();
    } else if (lower.startsWith("basic ")) {
      key = basicUser(value.substring("basic ".length()).strip());
    }
    return key.isEmpty() ? null : key;
  }

  private static String basicUser(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }
}
