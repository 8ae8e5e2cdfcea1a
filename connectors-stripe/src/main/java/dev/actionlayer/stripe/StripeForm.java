package dev.actionlayer.stripe;

import java.nio.charset.StandardCharsets;

/**
 * Builds an {@code application/x-www-form-urlencoded} body the way Stripe reads it: UTF-8,
 * percent-encoded, nested parameters as {@code metadata[key]=value}. Not thread-safe.
 */
final class StripeForm {
  static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder body = new StringBuilder();

  /** Adds {@code name=value}; a null value adds nothing. */
  StripeForm add(String name, String value) {
    if (value == null) return this;
    if (body.length() > 0) body.append('&');
    body.append(encode(name, true)).append('=').append(encode(value, false));
    return this;
  }

  byte[] bytes() {
    return body.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return body.toString();
  }

  /**
   * Percent-encodes everything but RFC 3986's unreserved characters, so that {@code +}, {@code &}
   * and {@code =} in a value stay data and a space is never confused with a {@code +}. Brackets stay
   * literal in names only: they are the nesting syntax there, and data everywhere else.
   */
  static String encode(String text, boolean name) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isUnreserved(c) || (name && (c == '[' || c == ']'))) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
