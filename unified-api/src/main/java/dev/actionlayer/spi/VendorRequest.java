package dev.actionlayer.spi;

import dev.actionlayer.ActionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor request described as data, built by a connector and sent by the pipeline. Values from
 * the agent go in {@link Builder#segment} (one percent-encoded path segment: {@code ..}, {@code /},
 * {@code ?} and control characters can never change the endpoint) and in bodies; never in literal
 * paths or header names. Immutable.
 */
public final class VendorRequest {
  private final String method;
  private final List<String> path;
  private final List<Map.Entry<String, String>> query;
  private final List<Map.Entry<String, String>> headers;
  private final String contentType;
  private final byte[] body;

  private VendorRequest(Builder b) {
    this.method = b.method;
    this.path = List.copyOf(b.path);
    this.query = List.copyOf(b.query);
    this.headers = List.copyOf(b.headers);
    this.contentType = b.contentType;
    this.body = b.body;
  }

  public static Builder get() {
    return new Builder("GET");
  }

  public static Builder post() {
    return new Builder("POST");
  }

  public static Builder patch() {
    return new Builder("PATCH");
  }

  public static Builder put() {
    return new Builder("PUT");
  }

  public static Builder delete() {
    return new Builder("DELETE");
  }

  public String method() {
    return method;
  }

  /** Decoded path segments, appended to the base URI's path in order. */
  public List<String> path() {
    return path;
  }

  public List<Map.Entry<String, String>> query() {
    return query;
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The body's media type, or null when there is no body. */
  public String contentType() {
    return contentType;
  }

  /** The body, or null. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  @Override
  public String toString() {
    return method + " /" + String.join("/", path);
  }

  /** Builds a {@link VendorRequest}; each setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    /**
     * Literal paths split before: connectors pass the same few constants on every call. Bounded,
     * in case one builds its literal paths at run time.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, List<String>> LITERAL_PATHS =
        new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_LITERAL_PATHS = 512;

    private final String method;
    private final List<String> path = new ArrayList<>();
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String contentType;
    private byte[] body;

    private Builder(String method) {
      this.method = method;
    }

    /**
     * Appends a literal path written by the connector author, e.g. {@code "rest/api/3/issue"}.
     * Never pass agent-supplied values here: use {@link #segment}.
     */
    public Builder path(String literalPath) {
      Objects.requireNonNull(literalPath, "literalPath == null");
      List<String> segments = LITERAL_PATHS.get(literalPath);
      if (segments == null) {
        List<String> split = new ArrayList<>();
        for (String s : literalPath.split("/")) {
          if (s.isEmpty()) continue;
          if (s.equals(".") || s.equals("..")) throw new IllegalArgumentException("dot segment in path: " + literalPath);
          split.add(s);
        }
        segments = List.copyOf(split);
        if (LITERAL_PATHS.size() < MAX_LITERAL_PATHS) LITERAL_PATHS.putIfAbsent(literalPath, segments);
      }
      path.addAll(segments);
      return this;
    }

    /**
     * Appends one path segment holding data (an id from the agent). It is percent-encoded whole,
     * so {@code /}, {@code ?} and {@code #} stay inside it.
     *
     * @throws ActionException {@code INVALID_REQUEST} when it is empty, a dot segment, or holds a
     *     control character
     */
    public Builder segment(String value) {
      path.add(requireSafeSegment(value));
      return this;
    }

    /** Adds a query parameter; name and value are encoded. */
    public Builder query(String name, String value) {
      query.add(Map.entry(Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null")));
      return this;
    }

    /**
     * Adds a header. {@code Authorization} is refused: credentials are attached by the pipeline.
     *
     * @throws ActionException {@code INVALID_REQUEST} when the value holds CR, LF or another control
     *     character (a header injection attempt)
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.toLowerCase(Locale.ROOT).equals("authorization")) {
        throw new IllegalArgumentException("connectors never set Authorization; the pipeline does");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\t' && (c < 0x20 || c == 0x7f)) {
          throw ActionException.invalid("header " + name + " would contain a control character");
        }
      }
      headers.add(Map.entry(name, value));
      return this;
    }

    /** Sets a JSON body. */
    public Builder json(String json) {
      return body("application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a body of any media type. */
    public Builder body(String contentType, byte[] body) {
      this.contentType = Objects.requireNonNull(contentType, "contentType == null");
      this.body = Objects.requireNonNull(body, "body == null").clone();
      return this;
    }

    public VendorRequest build() {
      return new VendorRequest(this);
    }
  }

  /**
   * Validates an agent-supplied value that will become one path segment.
   *
   * @throws ActionException {@code INVALID_REQUEST} for null, empty, dot segments, control
   *     characters or more than 1024 characters
   */
  public static String requireSafeSegment(String value) {
    if (value == null || value.isEmpty()) throw ActionException.invalidField("id", "is required");
    if (value.equals(".") || value.equals("..")) {
      throw ActionException.invalidField("id", "must not be a dot segment");
    }
    if (value.length() > 1024) throw ActionException.invalidField("id", "is longer than 1024 characters");
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw ActionException.invalidField("id", "must not contain control characters or line breaks");
      }
    }
    return value;
  }
}
