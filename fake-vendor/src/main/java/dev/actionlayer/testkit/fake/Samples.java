package dev.actionlayer.testkit.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import mockwebserver3.MockResponse;

/**
 * Verbatim vendor responses (the fact sheet's {@code .http} samples, copied into a connector's test
 * resources) as MockWebServer responses. A sample is a status line, header lines, a blank line and
 * the body, with {@code \n} line ends:
 * <pre>{@code
 * HTTP/1.1 404 Not Found
 * Content-Type: application/json;charset=UTF-8
 *
 * {"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}
 * }</pre>
 * Paths are resolved like {@link Class#getResourceAsStream} on the calling class, so a connector's
 * test finds its own resources: {@code Samples.load("/jira/get-issue-404.http")}. A missing sample
 * is an {@link IllegalArgumentException} naming it.
 */
public final class Samples {
  private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private Samples() {}

  /** The sample as a response: its status, its headers in order, and its body. */
  public static MockResponse load(String resourcePath) {
    return parse(read(CALLER.getCallerClass(), resourcePath)).build();
  }

  /** The sample as a builder, to add or change a header before building it. */
  public static MockResponse.Builder builder(String resourcePath) {
    return parse(read(CALLER.getCallerClass(), resourcePath));
  }

  /** The sample's body as the response carries it: after the blank line, less the final newline. */
  public static String body(String resourcePath) {
    return bodyOf(read(CALLER.getCallerClass(), resourcePath));
  }

  /** The sample file as stored. */
  public static String text(String resourcePath) {
    return read(CALLER.getCallerClass(), resourcePath);
  }

  private static MockResponse.Builder parse(String text) {
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String[] lines = head.split("\n");
    MockResponse.Builder b = new MockResponse.Builder().code(Integer.parseInt(lines[0].split(" ")[1]));
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      b.addHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    String body = bodyOf(text);
    if (!body.isEmpty()) b.body(body);
    return b;
  }

  private static String bodyOf(String text) {
    int split = text.indexOf("\n\n");
    String body = split < 0 ? "" : text.substring(split + 2);
    return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
  }

  private static String read(Class<?> caller, String resourcePath) {
    Objects.requireNonNull(resourcePath, "resourcePath == null");
    try (InputStream in = caller.getResourceAsStream(resourcePath)) {
      if (in == null) throw new IllegalArgumentException("no sample " + resourcePath + " for " + caller.getName());
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
