package dev.actionlayer.stripe;

import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Stripe error body says, read best-effort: {@code {"error": {"type", "code", "message",
 * "param", …}}}. HTML pages (the "invalid character '<'" case), truncated JSON and other bodies
 * are not Stripe's and say nothing.
 */
final class StripeErrorBody {
  static final int MAX_TEXT = 300;
  private static final Pattern API_KEY = Pattern.compile("\\b((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9*]+");

  private final StripeJson.ApiError error;

  private StripeErrorBody(StripeJson.ApiError error) {
    this.error = error;
  }

  /** The body's Stripe error, or null when the body is not one. */
  static StripeErrorBody parse(VendorResponse response) {
    if (!response.hasBody() || response.isTruncated() || response.isHtml() || !response.isJson()) {
      return null;
    }
    try {
      StripeJson.ErrorEnvelope envelope = StripeJson.ERROR.fromJson(response.bodyString());
      if (envelope == null || envelope.error() == null || envelope.error().type() == null) return null;
      return new StripeErrorBody(envelope.error());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  boolean isType(String type) {
    return type.equals(error.type());
  }

  boolean isCode(String code) {
    return code.equals(error.code());
  }

  /** Stripe's {@code code}, or its {@code type} when there is none (auth, idempotency, api errors). */
  String vendorCode() {
    return safeToken(error.code() != null ? error.code() : error.type());
  }

  /** Stripe's message, one line and capped; or null. */
  String message() {
    return error.message() == null || error.message().isBlank() ? null : cap(error.message());
  }

  /** Stripe's message, or a description of the response when it has none. */
  String text(VendorResponse response) {
    String message = message();
    return message != null ? message : "Stripe answered " + HttpErrors.describe(response);
  }

  /**
   * The parameter Stripe blames, under the canonical field it came from: {@code name} is made of
   * both names, the name metadata of one each; other parameters keep Stripe's name.
   */
  Map<String, String> fieldErrors() {
    Map<String, String> fields = new LinkedHashMap<>();
    String param = error.param();
    if (param == null || param.isBlank()) return fields;
    String problem = message() == null ? "is invalid" : message();
    switch (param) {
      case "name":
        fields.put("firstName", problem);
        fields.put("lastName", problem);
        break;
      case "metadata[" + StripeJson.FIRST_NAME + "]":
        fields.put("firstName", problem);
        break;
      case "metadata[" + StripeJson.LAST_NAME + "]":
        fields.put("lastName", problem);
        break;
      default:
        fields.put(cap(param), problem);
    }
    return fields;
  }

  /**
   * One line, no control characters, no API key, at most {@link #MAX_TEXT} characters. Stripe masks
   * the keys it quotes, but field errors are not scrubbed downstream the way messages are.
   */
  static String cap(String text) {
    String line = API_KEY.matcher(text).replaceAll("$1[REDACTED]");
    line = line.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT - 1) + "\u2026";
  }

  private static String safeToken(String s) {
    if (s == null) return null;
    String token = s.replaceAll("[^A-Za-z0-9_.-]", "");
    return token.length() <= 64 ? token : token.substring(0, 64);
  }
}
