package dev.actionlayer.testkit.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body as Stripe does: UTF-8, {@code +} is a space. */
final class StripeForm {

  private StripeForm() {}

  /**
   * The body's parameters in order, names and values decoded ({@code metadata[k]} stays one name).
   *
   * @throws IllegalArgumentException for a malformed percent-escape
   */
  static List<Map.Entry<String, String>> parse(String body) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.add(Map.entry(decode(name), decode(value)));
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
