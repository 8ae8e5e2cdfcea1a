package dev.actionlayer.stripe;

import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Stripe error body says, read best-effort: {@code {"error": {"type", "code", "message",
 * "param", …}}}. HTML pages (the "invalid character '<'" case), truncated JSON and other bodies
 * are not Stripe's and say nothing.
 */
final class StripeErrorBody {
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
    return error.code() != null ? error.code() : error.type();
  }

  /** Stripe's message, or null. */
  String message() {
    return error.message() == null || error.message().isBlank() ? null : error.message().strip();
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
      case "metadata[" + StripeJson.COMPANY + "]":
        fields.put("company", problem);
        break;
      default:
        fields.put(param, problem);
    }
    return fields;
  }
}
