package dev.actionlayer.spring;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Builds each configured connection's {@link Connector}: the vendor's {@link ConnectorProvider}
 * (found with {@link ServiceLoader}, or made from a description), its base URL, credentials and
 * options. Every problem is an {@link ActionLayerConfigurationException} naming the key; no message
 * quotes a value.
 */
final class ConnectionFactory {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String DESCRIPTIONS = "dev.actionlayer.describe.Descriptions";

  private final ResourceLoader resources;
  /** The vendors on the class path, by name (the first provider of a name wins). */
  private final Map<String, ConnectorProvider> providers = new TreeMap<>();

  ConnectionFactory(ResourceLoader resources) {
    this.resources = resources;
    ClassLoader loader = resources.getClassLoader() != null ? resources.getClassLoader()
        : ConnectionFactory.class.getClassLoader();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, loader)) {
      providers.putIfAbsent(p.vendor(), p);
    }
  }

  /** The connector of connection {@code name}. */
  Connector connector(String name, ActionLayerProperties.Connection c) {
    String key = "actionlayer.connections." + name;
    if (!NAME.matcher(name).matches()) {
      throw new ActionLayerConfigurationException("actionlayer.connections",
          "a connection name must be 1 to 64 letters, digits, '_' or '-'");
    }
    if (c == null) throw new ActionLayerConfigurationException(key, "has no settings; give at least its vendor");
    ConnectorProvider provider = provider(key, c);
    URI baseUri = baseUri(key, c, provider);
    Credentials credentials = credentials(key + ".credentials", c.getCredentials());
    Map<String, String> options = options(key + ".options", c.getOptions(), provider);
    try {
      return provider.connector(baseUri, credentials, options);
    } catch (IllegalArgumentException e) {
      throw refused(key, provider.vendor(), c, e.getMessage());
    }
  }

  private ConnectorProvider provider(String key, ActionLayerProperties.Connection c) {
    String vendor = blankToNull(c.getVendor());
    String description = blankToNull(c.getDescription());
    if (description != null) {
      ConnectorProvider described = described(key + ".description", description);
      if (vendor != null && !vendor.equals(described.vendor())) {
        throw new ActionLayerConfigurationException(key + ".vendor",
            "does not name the vendor its description describes; leave it out or make them agree");
      }
      return described;
    }
    if (vendor == null) {
      throw new ActionLayerConfigurationException(key + ".vendor",
          "is required: one of " + vendors() + " (or give " + key + ".description, a vendor described as data)");
    }
    ConnectorProvider provider = providers.get(vendor);
    if (provider == null) {
      throw new ActionLayerConfigurationException(key + ".vendor", "must be one of " + vendors()
          + " (the connector jars on the class path; add the vendor's connectors-* module for another)");
    }
    return provider;
  }

  private String vendors() {
    return providers.isEmpty() ? "(none: no connector module is on the class path)" : String.join(", ", providers.keySet());
  }

  /** The provider {@code location}'s description makes; loaded now, at start-up. */
  private ConnectorProvider described(String key, String location) {
    if (!ClassUtils.isPresent(DESCRIPTIONS, resources.getClassLoader())) {
      throw new ActionLayerConfigurationException(key,
          "needs dev.actionlayer:connector-descriptions on the class path");
    }
    String json;
    try {
      Resource resource = resources.getResource(location);
      try (InputStream in = resource.getInputStream()) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      throw new ActionLayerConfigurationException(key,
          "cannot be read; give a resource location such as classpath:vendors/x.json or file:/path/x.json");
    }
    try {
      return DescribedVendors.provider(json);
    } catch (IllegalArgumentException e) {
      throw new ActionLayerConfigurationException(key,
          "is not a valid description: " + oneLine(e.getMessage()).replaceFirst("^the description: ", ""));
    }
  }

  private static URI baseUri(String key, ActionLayerProperties.Connection c, ConnectorProvider provider) {
    String text = blankToNull(c.getBaseUrl());
    if (text == null) {
      if (provider.defaultBaseUri() == null) {
        throw new ActionLayerConfigurationException(key + ".base-url",
            "is required for " + provider.vendor() + " (every account has its own, e.g. https://acme.example.com)");
      }
      return provider.defaultBaseUri();
    }
    try {
      return BaseUris.require(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      // BaseUris' messages never quote the URI; URISyntaxException's does, so it is dropped.
      String why = e instanceof IllegalArgumentException ? e.getMessage().replaceFirst("^baseUri ", "")
          : "is not a URI (https://host[/path]; plain http only to a loopback test server)";
      throw new ActionLayerConfigurationException(key + ".base-url", why);
    }
  }

  /** The credentials the keys under {@code key} describe: exactly one of token, user + secret, OAuth. */
  static Credentials credentials(String key, ActionLayerProperties.Credentials c) {
    boolean bearer = present(c.getToken());
    boolean basic = present(c.getUser()) || present(c.getSecret());
    boolean oauth = present(c.getTokenEndpoint()) || present(c.getClientId()) || present(c.getClientSecret())
        || present(c.getRefreshToken());
    int kinds = (bearer ? 1 : 0) + (basic ? 1 : 0) + (oauth ? 1 : 0);
    String forms = "token (bearer), user and secret (basic), or token-endpoint, client-id, refresh-token"
        + " and optionally client-secret (OAuth)";
    if (kinds == 0) throw new ActionLayerConfigurationException(key, "are required: " + forms);
    if (kinds > 1) throw new ActionLayerConfigurationException(key, "mix several kinds; give one of: " + forms);
    try {
      if (bearer) return Credentials.bearer(c.getToken());
      if (basic) {
        require(key + ".user", c.getUser());
        require(key + ".secret", c.getSecret());
        return Credentials.basic(c.getUser(), c.getSecret());
      }
      require(key + ".token-endpoint", c.getTokenEndpoint());
      require(key + ".client-id", c.getClientId());
      require(key + ".refresh-token", c.getRefreshToken());
      URI endpoint = tokenEndpoint(key + ".token-endpoint", c.getTokenEndpoint());
      return Credentials.oauth(endpoint, c.getClientId(), blankToNull(c.getClientSecret()), c.getRefreshToken());
    } catch (IllegalArgumentException e) {
      // Credentials' messages name the part ("token is blank", "secret holds a control character"),
      // never the value; they are still not repeated: which part is wrong is enough.
      throw new ActionLayerConfigurationException(key,
          "a value is blank or holds a control character; check the variables they are read from");
    }
  }

  private static URI tokenEndpoint(String key, String text) {
    try {
      return BaseUris.require(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ActionLayerConfigurationException(key,
          "must be an https:// URI with a host and no user info, query or fragment");
    }
  }

  /**
   * The options as the provider names them. Keys are matched ignoring case, {@code -} and {@code _},
   * so that {@code dedupe-labels} in YAML is {@code dedupeLabels}.
   */
  private static Map<String, String> options(String key, Map<String, String> given, ConnectorProvider provider) {
    Map<String, String> byForm = new TreeMap<>();
    provider.options().forEach(o -> byForm.put(form(o), o));
    Map<String, String> out = new LinkedHashMap<>();
    if (given == null) return out;
    for (Map.Entry<String, String> e : given.entrySet()) {
      String option = byForm.get(form(e.getKey()));
      if (option == null) {
        // The key is not quoted: a credential pasted as a key is a key here.
        throw new ActionLayerConfigurationException(key, "holds an option " + provider.vendor() + " does not take; "
            + (provider.options().isEmpty() ? "it takes none" : "its options: " + new TreeSet<>(provider.options())));
      }
      if (out.put(option, e.getValue() == null ? "" : e.getValue().strip()) != null) {
        throw new ActionLayerConfigurationException(key + "." + option, "is set twice (in different spellings)");
      }
    }
    return out;
  }

  private static String form(String option) {
    return option.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The error for a connector that refused the settings. A provider names the setting at the start
   * of its message ({@code "apiVersion: must be …"}); that message is shown under the option's key
   * only when it quotes none of the connection's values; anything else is reported without it.
   */
  private static ActionLayerConfigurationException refused(String key, String vendor,
      ActionLayerProperties.Connection c, String message) {
    Matcher m = message == null ? null
        : Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63}): (.+)", Pattern.DOTALL).matcher(message);
    if (m != null && m.matches() && c.getOptions() != null && !m.group(2).contains("\n")
        && c.getOptions().keySet().stream().anyMatch(k -> form(k).equals(form(m.group(1))))
        && c.getOptions().values().stream().noneMatch(v -> v != null && v.length() >= 3 && m.group(2).contains(v))) {
      return new ActionLayerConfigurationException(key + ".options." + m.group(1), oneLine(m.group(2)));
    }
    return new ActionLayerConfigurationException(key, "the " + vendor + " connector refused these settings"
        + " (check base-url, the kind of credentials it takes and its options)");
  }

  private static void require(String key, String value) {
    if (!present(value)) throw new ActionLayerConfigurationException(key, "is required with the others of its kind");
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String blankToNull(String value) {
    return present(value) ? value.strip() : null;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ");
  }
}
