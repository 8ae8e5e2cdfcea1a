package dev.actionlayer.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/**
 * The verbatim Stripe responses of the vendor fact sheet ({@code vendors/samples/stripe/*.http},
 * copied into the test resources with their provenance notes) as MockWebServer responses.
 */
final class StripeSamples {
  private StripeSamples() {}

  static MockResponse load(String name) {
    return builder(name).build();
  }

  /** The sample as a builder, to add or change a header. */
  static MockResponse.Builder builder(String name) {
    String text = read("/stripe/" + name + ".http");
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    if (body.endsWith("\n")) body = body.substring(0, body.length() - 1);
    String[] lines = head.split("\n");
    int code = Integer.parseInt(lines[0].split(" ")[1]);
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      b.addHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    if (!body.isEmpty()) b.body(body);
    return b;
  }

  /** The sample's body only. */
  static String body(String name) {
    String text = read("/stripe/" + name + ".http");
    return text.substring(text.indexOf("\n\n") + 2);
  }

  private static String read(String resource) {
    try (InputStream in = StripeSamples.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no sample " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
