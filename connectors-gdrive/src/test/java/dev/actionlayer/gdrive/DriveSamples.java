package dev.actionlayer.gdrive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/**
 * The verbatim Google Drive responses of the vendor fact sheet ({@code vendors/samples/gdrive/*.http},
 * copied into the test resources, plus the captured Google front-end 502 page) as MockWebServer
 * responses.
 */
final class DriveSamples {
  private DriveSamples() {}

  static MockResponse load(String name) {
    return builder(name).build();
  }

  static MockResponse.Builder builder(String name) {
    String text = text(name);
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

  /** The sample file as stored. */
  static String text(String name) {
    String resource = "/gdrive/" + name + ".http";
    try (InputStream in = DriveSamples.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no sample " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
