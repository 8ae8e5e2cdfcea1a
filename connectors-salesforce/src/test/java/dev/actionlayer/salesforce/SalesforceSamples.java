package dev.actionlayer.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/**
 * Verbatim Salesforce responses as MockWebServer responses: the vendor fact sheet's samples
 * ({@code vendors/samples/salesforce/*.http}) and further captures it quotes, each with a {@code
 * .source.txt} beside it in the test resources.
 */
final class SalesforceSamples {
  private SalesforceSamples() {}

  static MockResponse load(String name) {
    String text = read("/salesforce/" + name + ".http");
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
    return b.build();
  }

  private static String read(String resource) {
    try (InputStream in = SalesforceSamples.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no sample " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
