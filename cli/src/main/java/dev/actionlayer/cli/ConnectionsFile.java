package dev.actionlayer.cli;

import dev.actionlayer.Credentials;
import dev.actionlayer.asana.Asana;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.stripe.Stripe;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The connections {@code call} may use, from a properties file ({@code actionlayer.properties}):
 * {@code <connection>.<setting>=<value>}. Credentials are never in the file: a setting ending in
 * {@code .env} names the environment variable that holds one, and a file that holds a credential
 * in clear is refused as a whole, before anything is sent, with a message that does not repeat it.
 *
 * <pre>
 * jira.vendor=jira
 * jira.baseUri=https://acme.atlassian.net
 * jira.user.env=JIRA_EMAIL
 * jira.secret.env=JIRA_API_TOKEN
 * stripe.vendor=stripe
 * stripe.token.env=STRIPE_SECRET_KEY
 * </pre>
 */
final class ConnectionsFile {
  static final Set<String> VENDORS = Set.of("jira", "salesforce", "gdrive", "stripe", "asana");

  /** Settings that hold plain configuration. */
  private static final Set<String> PLAIN = Set.of("vendor", "baseUri", "auth", "tokenEndpoint", "issueType",
      "dedupeLabels", "apiVersion", "contactExternalIdField", "taskExternalIdField", "supportsAllDrives");
  /** Settings naming the environment variable that holds a credential (each without its {@code .env}). */
  private static final Set<String> FROM_ENV = Set.of("user", "secret", "token", "clientId", "clientSecret",
      "refreshToken");
  /** Names that say "credential" whatever setting they are part of. */
  private static final Pattern CREDENTIAL_NAME = Pattern.compile(
      "(?i).*(secret|token|password|passwd|pwd|api[-_]?key|private[-_]?key|credential|user|email|client[-_]?id|auth[-_]?header).*");
  /** Values in the shapes of well-known secrets, under any setting. */
  private static final Pattern CREDENTIAL_VALUE = Pattern.compile(
      "(?i)^(sk|rk|pk)_(live|test)_.*|^(bearer|basic) .*|^xox[abprs]-.*|^gh[pousr]_.*|^github_pat_.*|^ya29\\..*"
          + "|^AKIA[0-9A-Z]{12,}.*|^eyJ[\\w-]+\\.[\\w-]+\\..*|.*://[^/@\\s]+:[^/@\\s]+@.*");
  private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  private final Path file;
  /** connection name -> setting -> value, as in the file. */
  private final Map<String, Map<String, String>> connections;

  private ConnectionsFile(Path file, Map<String, Map<String, String>> connections) {
    this.file = file;
    this.connections = connections;
  }

  /**
   * Reads and checks the whole file.
   *
   * @throws UsageException when it cannot be read, holds a credential in clear, or has an unknown
   *     or invalid setting
   */
  static ConnectionsFile load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new UsageException("no configuration file " + file + " (see --help for its format)");
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, String>> connections = new TreeMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).strip();
      int dot = key.indexOf('.');
      String name = dot < 0 ? "" : key.substring(0, dot);
      String setting = dot < 0 ? key : key.substring(dot + 1);
      String problem = check(name, setting, value);
      if (problem != null) problems.add(key + ": " + problem);
      else connections.computeIfAbsent(name, n -> new TreeMap<>()).put(setting, value);
    }
    connections.forEach((name, settings) -> {
      String vendor = settings.get("vendor");
      if (vendor == null) problems.add(name + ".vendor: missing (one of " + new TreeSet<>(VENDORS) + ")");
      else if (!VENDORS.contains(vendor)) problems.add(name + ".vendor: unknown vendor '" + vendor + "'");
    });
    if (!problems.isEmpty()) {
      throw new UsageException(file + " refused, nothing was sent:\n  " + String.join("\n  ", problems));
    }
    return new ConnectionsFile(file, connections);
  }

  /** Why {@code name.setting=value} is refused, or null when it is fine. Never quotes the value. */
  private static String check(String name, String setting, String value) {
    boolean fromEnv = setting.endsWith(".env");
    String base = fromEnv ? setting.substring(0, setting.length() - 4) : setting;
    if (!fromEnv && !PLAIN.contains(base) && (FROM_ENV.contains(base) || CREDENTIAL_NAME.matcher(base).matches())) {
      return "holds a credential in clear; put it in an environment variable and name that here instead,"
          + " e.g. " + (name.isEmpty() ? "" : name + ".") + (FROM_ENV.contains(base) ? base : "token")
          + ".env=" + (name.isEmpty() ? "" : name.toUpperCase(Locale.ROOT).replace('-', '_') + "_")
          + (FROM_ENV.contains(base) ? base : "token").toUpperCase(Locale.ROOT);
    }
    if (CREDENTIAL_VALUE.matcher(value).matches()) {
      return "its value looks like a credential; credentials come from environment variables (<setting>.env)";
    }
    if (!CONNECTION.matcher(name).matches()) return "not <connection>.<setting> with a connection name of letters, digits, _ or -";
    if (fromEnv) {
      if (!FROM_ENV.contains(base)) return "unknown credential setting; known: " + sorted(FROM_ENV, ".env");
      if (!VARIABLE.matcher(value).matches()) {
        return "must name an environment variable (upper-case letters, digits and _, e.g. JIRA_API_TOKEN)";
      }
      return null;
    }
    if (!PLAIN.contains(base)) return "unknown setting; known: " + sorted(PLAIN, "") + " and " + sorted(FROM_ENV, ".env");
    return null;
  }

  /** The connections in the file, by name. */
  Set<String> names() {
    return connections.keySet();
  }

  /**
   * The connector of connection {@code name}, its credentials read from {@code env}.
   *
   * @throws UsageException for an unknown connection, a missing setting or an unset variable
   */
  Connector connector(String name, Environment env) {
    Map<String, String> s = connections.get(name);
    if (s == null) throw new UsageException("no connection '" + name + "' in " + file + "; it has " + names());
    String vendor = s.get("vendor");
    try {
      return switch (vendor) {
        case "jira" -> {
          Jira.Builder b = Jira.builder(uri(name, s, null), credentials(name, s, env, "basic"));
          if (s.containsKey("issueType")) b.issueType(s.get("issueType"));
          if (s.containsKey("dedupeLabels")) b.dedupeLabels(bool(name, s, "dedupeLabels"));
          yield b.build();
        }
        case "salesforce" -> {
          Salesforce.Builder b = Salesforce.builder(uri(name, s, null), credentials(name, s, env, "bearer"));
          if (s.containsKey("apiVersion")) b.apiVersion(s.get("apiVersion"));
          if (s.containsKey("contactExternalIdField")) b.contactExternalIdField(s.get("contactExternalIdField"));
          if (s.containsKey("taskExternalIdField")) b.taskExternalIdField(s.get("taskExternalIdField"));
          yield b.build();
        }
        case "gdrive" -> {
          GoogleDrive.Builder b = GoogleDrive.builder(uri(name, s, GoogleDrive.DEFAULT_BASE_URI),
              credentials(name, s, env, "bearer"));
          if (s.containsKey("supportsAllDrives")) b.supportsAllDrives(bool(name, s, "supportsAllDrives"));
          yield b.build();
        }
        case "stripe" -> {
          Stripe.Builder b = Stripe.builder(uri(name, s, Stripe.DEFAULT_BASE_URI), credentials(name, s, env, "bearer"));
          if (s.containsKey("apiVersion")) b.apiVersion(s.get("apiVersion"));
          yield b.build();
        }
        default -> Asana.connector(uri(name, s, Asana.DEFAULT_BASE_URI), credentials(name, s, env, "bearer"));
      };
    } catch (IllegalArgumentException e) {
      // The connectors validate eagerly (base URI scheme, field names); their messages name the value.
      throw new UsageException(name + " in " + file + ": " + e.getMessage());
    }
  }

  private URI uri(String name, Map<String, String> s, URI fallback) {
    String value = s.get("baseUri");
    if (value == null) {
      if (fallback == null) throw new UsageException(name + ".baseUri is required for " + s.get("vendor"));
      return fallback;
    }
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ".baseUri is not a URI: " + e.getMessage());
    }
  }

  private Credentials credentials(String name, Map<String, String> s, Environment env, String defaultAuth) {
    String auth = s.getOrDefault("auth", defaultAuth);
    return switch (auth) {
      case "basic" -> Credentials.basic(secret(name, s, env, "user"), secret(name, s, env, "secret"));
      case "bearer" -> Credentials.bearer(secret(name, s, env, "token"));
      case "oauth" -> {
        String endpoint = s.get("tokenEndpoint");
        if (endpoint == null) throw new UsageException(name + ".tokenEndpoint is required with auth=oauth");
        String clientSecret = s.containsKey("clientSecret.env") ? secret(name, s, env, "clientSecret") : null;
        yield Credentials.oauth(URI.create(endpoint), secret(name, s, env, "clientId"), clientSecret,
            secret(name, s, env, "refreshToken"));
      }
      default -> throw new UsageException(name + ".auth must be basic, bearer or oauth, not '" + auth + "'");
    };
  }

  /** The value of the variable {@code name.setting.env} names; never printed. */
  private static String secret(String name, Map<String, String> s, Environment env, String setting) {
    String variable = s.get(setting + ".env");
    if (variable == null) throw new UsageException(name + "." + setting + ".env is required (the environment variable holding it)");
    return env.get(variable).orElseThrow(() -> new UsageException(
        "environment variable " + variable + " (named by " + name + "." + setting + ".env) is not set"));
  }

  private static boolean bool(String name, Map<String, String> s, String setting) {
    String v = s.get(setting);
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    throw new UsageException(name + "." + setting + " must be true or false");
  }

  private static String sorted(Set<String> names, String suffix) {
    return String.join(", ", new TreeSet<>(names).stream().map(n -> n + suffix).toList());
  }
}
