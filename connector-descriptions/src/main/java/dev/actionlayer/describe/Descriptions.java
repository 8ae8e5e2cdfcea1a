package dev.actionlayer.describe;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Connectors as data: a vendor whose API is plain REST and JSON is a JSON description (see
 * {@code docs/connector-authors.md}, "A connector as a description"), run by one generic connector
 * that passes the conformance kit like a Java one.
 *
 * <pre>{@code
 * Description todoist = Descriptions.fromClasspath("todoist.json");
 * Connector c = Descriptions.connector(todoist, todoist.defaultBaseUri(), Credentials.bearer(token));
 * }</pre>
 *
 * <p>Every problem in a description is an {@link IllegalArgumentException} naming the JSON path
 * ({@code $.resources.tasks.update.body.data.name}) and what is allowed there, found when it is
 * loaded, before any request.
 */
public final class Descriptions {
  private Descriptions() {}

  /**
   * The description at {@code resource} on the classpath (the context class loader's, else this
   * library's), e.g. {@code "asana.json"}.
   *
   * @throws IllegalArgumentException when there is none, or it is not a valid description
   */
  public static Description fromClasspath(String resource) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context.getResource(resource) != null) return fromClasspath(context, resource);
    return fromClasspath(Descriptions.class.getClassLoader(), resource);
  }

  /** The description at {@code resource} in {@code loader} (a connector module passes its own class's). */
  public static Description fromClasspath(ClassLoader loader, String resource) {
    Objects.requireNonNull(resource, "resource == null");
    try (InputStream in = Objects.requireNonNull(loader, "loader == null").getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no description " + resource + " on the classpath");
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the description " + resource, e);
    }
  }

  /**
   * The description in {@code file} (UTF-8 JSON).
   *
   * @throws IllegalArgumentException when it is not a valid description
   * @throws UncheckedIOException when it cannot be read
   */
  public static Description fromFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), String.valueOf(file.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the description " + file.getFileName(), e);
    }
  }

  /**
   * The description in {@code json}; {@code source} names it in messages (a file name, or
   * {@code "the description"} where the name is configuration that must not be quoted).
   */
  public static Description parse(String json, String source) {
    return new Description(Reader.read(Objects.requireNonNull(json, "json == null"), source));
  }

  /** A connector for one account, with the description's option defaults. */
  public static Connector connector(Description description, URI baseUri, Credentials credentials) {
    return connector(description, baseUri, credentials, Map.of());
  }

  /**
   * A connector for one account.
   *
   * @param baseUri the API root; null for the description's default
   * @param options values of the description's options by name; the others are refused
   * @throws IllegalArgumentException naming the problem (never quoting a value): no base URI, an
   *     unacceptable one ({@link BaseUris#require}), credentials of another scheme than the
   *     description's {@code auth}, an unknown option or one not matching its pattern
   */
  public static Connector connector(Description description, URI baseUri, Credentials credentials,
      Map<String, String> options) {
    Spec.Vendor spec = Objects.requireNonNull(description, "description == null").spec;
    Objects.requireNonNull(credentials, "credentials == null");
    URI base = baseUri != null ? baseUri : spec.baseUri();
    if (base == null) throw new IllegalArgumentException("baseUri is required: " + spec.name() + " has no default");
    base = BaseUris.require(base);
    if (!spec.auth().equals("any") && !spec.auth().equalsIgnoreCase(credentials.scheme())) {
      throw new IllegalArgumentException("credentials must be " + spec.auth() + " for " + spec.name());
    }
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, String> o : options.entrySet()) {
      Spec.Option option = spec.options().get(o.getKey());
      if (option == null) throw new IllegalArgumentException("unknown option " + o.getKey() + " for " + spec.name()
          + "; known: " + new java.util.TreeSet<>(spec.options().keySet()));
      if (o.getValue() == null || !option.pattern().matcher(o.getValue()).matches()) {
        throw new IllegalArgumentException(o.getKey() + ": must be " + option.describe());
      }
      config.put(o.getKey(), o.getValue());
    }
    spec.options().values().forEach(o -> {
      if (!config.containsKey(o.name()) && o.defaultValue() != null) config.put(o.name(), o.defaultValue());
    });
    return new DescribedConnector(spec, base, credentials, Map.copyOf(config));
  }

  /**
   * A {@link ConnectorProvider} for {@code description}: what a description-only connector module
   * registers, and what the CLI makes of a {@code <connection>.description} file.
   */
  public static ConnectorProvider provider(Description description) {
    Objects.requireNonNull(description, "description == null");
    return new ConnectorProvider() {
      @Override
      public String vendor() {
        return description.vendor();
      }

      @Override
      public URI defaultBaseUri() {
        return description.defaultBaseUri();
      }

      @Override
      public Set<String> options() {
        return description.options();
      }

      @Override
      public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
        return Descriptions.connector(description, baseUri, credentials, options);
      }

      @Override
      public String toString() {
        return "ConnectorProvider{" + description + "}";
      }
    };
  }
}
