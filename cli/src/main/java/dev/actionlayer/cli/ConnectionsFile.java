package dev.actionlayer.cli;

import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.asana.Asana;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.stripe.Stripe;
import dev.actionlayer.spi.BaseUris;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
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
 * # optional: the vendor account, shared by every process on one shared state (default: vendor + base URI)
 * jira.account=acme-jira
 * </pre>
 *
 * <p>{@code broker} is not a connection name: {@code broker.*} settings configure
 * {@code actionlayer serve} (see {@link BrokerSettings}); other commands ignore them. Paths in
 * them are relative to the file's directory; the database's user and password come from
 * environment variables like every credential.
 */
final class ConnectionsFile {
  static final Set<String> VENDORS = Set.of("jira", "salesforce", "gdrive", "stripe", "asana");
  private static final String VENDOR_FORM = "one of " + sorted(VENDORS, "");

  /** Settings that hold plain configuration. */
  private static final Set<String> PLAIN = Set.of("vendor", "baseUri", "account", "auth", "tokenEndpoint", "issueType",
      "dedupeLabels", "apiVersion", "contactExternalIdField", "taskExternalIdField", "supportsAllDrives");
  /** Settings naming the environment variable that holds a credential (each without its {@code .env}). */
  private static final Set<String> FROM_ENV = Set.of("user", "secret", "token", "clientId", "clientSecret",
      "refreshToken");
  /** Names that say "credential" whatever setting they are part of. */
  static final Pattern CREDENTIAL_NAME = Pattern.compile(
      "(?i).*(secret|token|password|passwd|pwd|api[-_]?key|private[-_]?key|credential|user|email|client[-_]?id|auth[-_]?header).*");
  /** Values in the shapes of well-known secrets, under any setting. */
  static final Pattern CREDENTIAL_VALUE = Pattern.compile(
      "(?i)^(sk|rk|pk)_(live|test)_.*|^(bearer|basic) .*|^xox[abprs]-.*|^gh[pousr]_.*|^github_pat_.*|^ya29\\..*"
          + "|^AKIA[0-9A-Z]{12,}.*|^eyJ[\\w-]+\\.[\\w-]+\\..*|.*://[^/@\\s]+:[^/@\\s]+@.*");
  private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  /** Settings whose value is a URI that credentials are sent to. */
  private static final Set<String> URIS = Set.of("baseUri", "tokenEndpoint");
  private static final String URI_FORM = "must be an https:// URI with a host and no user info, query or fragment"
      + " (http:// only to a loopback test server)";
  private static final String LINE_FORM = "not a <connection>.<setting>=<value> line";

  /** One setting as the file holds it; {@code line} is where it starts. */
  record Entry(String key, int line, String value) {}

  private final Path file;
  /** connection name -> setting -> entry, as in the file. */
  private final Map<String, Map<String, Entry>> connections;
  private final BrokerSettings broker;

  private ConnectionsFile(Path file, Map<String, Map<String, Entry>> connections) {
    this(file, connections, Map.of());
  }

  private ConnectionsFile(Path file, Map<String, Map<String, Entry>> connections, Map<String, Entry> broker) {
    this.file = file;
    this.connections = connections;
    this.broker = new BrokerSettings(file, broker);
  }

  /**
   * Reads and checks the whole file. No message quotes a value (any of them may be a pasted
   * credential), nor a key that is not {@code <connection>.<known setting>} (a credential alone on
   * a line is read as a key): each problem names the line, the key when it is a known one, and
   * what is allowed.
   *
   * @throws UsageException when it cannot be read, holds a credential in clear, or has an unknown
   *     or invalid setting
   */
  static ConnectionsFile load(Path file) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Entry>> connections = new TreeMap<>();
    Map<String, Entry> broker = new TreeMap<>();
    for (Entry e : entries(file, problems)) {
      int dot = e.key().indexOf('.');
      String name = dot < 0 ? "" : e.key().substring(0, dot);
      String setting = dot < 0 ? e.key() : e.key().substring(dot + 1);
      if (name.equals(BrokerSettings.NAME)) {
        boolean known = BrokerSettings.SETTINGS.contains(setting);
        String problem = BrokerSettings.check(setting, e.value());
        Entry before = problem == null ? broker.get(setting) : null;
        if (before != null) problem = "already set on line " + before.line() + "; set each setting once";
        if (problem != null) problems.add("line " + e.line() + (known ? ": " + e.key() : "") + ": " + problem);
        else broker.put(setting, e);
        continue;
      }
      boolean known = isKnown(name, setting);
      String where = "line " + e.line() + (known ? ": " + e.key() : "");
      String problem = check(name, setting, e.value(), known);
      Entry before = problem == null ? connections.getOrDefault(name, Map.of()).get(setting) : null;
      if (before != null) problem = "already set on line " + before.line() + "; set each setting once";
      if (problem != null) problems.add(where + ": " + problem);
      else connections.computeIfAbsent(name, n -> new TreeMap<>()).put(setting, e);
    }
    connections.forEach((name, settings) -> {
      if (!settings.containsKey("vendor")) {
        int line = settings.values().stream().mapToInt(Entry::line).min().orElse(0);
        problems.add("line " + line + ": " + name + ": no " + name + ".vendor (" + VENDOR_FORM + ")");
      } else if (settings.get("vendor").value().equals("salesforce") && settings.containsKey("auth")
          && settings.get("auth").value().equals("basic")) {
        problems.add("line " + settings.get("auth").line() + ": " + name + ".auth: must be bearer or oauth for"
            + " salesforce, which refuses HTTP Basic");
      }
    });
    if (!problems.isEmpty()) {
      throw new UsageException(file + " refused, nothing was sent:\n  " + String.join("\n  ", problems));
    }
    return new ConnectionsFile(file, connections, broker);
  }

  /** The {@code broker.*} settings, for {@code serve}. */
  BrokerSettings broker() {
    return broker;
  }

  /**
   * The file's settings, each with the line it starts on. Lines are split as {@link
   * Properties#load(Reader)} splits them (comments, blank lines, a trailing backslash continuing a
   * line), and each logical line is handed to it alone, so that escapes mean what they always do.
   */
  private static List<Entry> entries(Path file, List<String> problems) {
    List<Entry> entries = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    int[] start = {0};
    try {
      UserFiles.readLines(file, "a configuration file is <connection>.<setting>=<value> lines (see --help)",
          (number, line) -> {
            if (logical.length() == 0) {
              String lead = line.stripLeading();
              if (lead.isEmpty() || lead.startsWith("#") || lead.startsWith("!")) return;
              start[0] = number;
            }
            logical.append(line).append('\n');
            if (!continues(line)) {
              entry(logical.toString(), start[0], entries, problems);
              logical.setLength(0);
            }
          });
    } catch (NoSuchFileException e) {
      throw new UsageException("no configuration file " + file + " (see --help for its format)");
    }
    if (logical.length() > 0) entry(logical.toString(), start[0], entries, problems);
    return entries;
  }

  /** Whether {@code line} ends in an odd number of backslashes: the next line continues it. */
  private static boolean continues(String line) {
    int n = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) n++;
    return n % 2 == 1;
  }

  /** Adds the setting on {@code logicalLine} to {@code entries}, or why it cannot be read to {@code problems}. */
  private static void entry(String logicalLine, int line, List<Entry> entries, List<String> problems) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(logicalLine));
    } catch (IOException | IllegalArgumentException e) {
      // Only a malformed \\uXXXX escape gets here: a StringReader does not fail.
      problems.add("line " + line + ": malformed \\uXXXX escape");
      return;
    }
    String key = p.stringPropertyNames().iterator().next();
    entries.add(new Entry(key, line, p.getProperty(key).strip()));
  }

  /** Whether {@code name.setting} is a key this file may hold, and so may be quoted: it is no credential. */
  private static boolean isKnown(String name, String setting) {
    String base = setting.endsWith(".env") ? setting.substring(0, setting.length() - 4) : null;
    return CONNECTION.matcher(name).matches()
        && (PLAIN.contains(setting) || FROM_ENV.contains(setting) || base != null && FROM_ENV.contains(base));
  }

  /** Why {@code name.setting=value} is refused, or null when it is fine. Never quotes the value. */
  private static String check(String name, String setting, String value, boolean known) {
    boolean fromEnv = setting.endsWith(".env");
    String base = fromEnv ? setting.substring(0, setting.length() - 4) : setting;
    if (!fromEnv && !PLAIN.contains(base) && (FROM_ENV.contains(base) || CREDENTIAL_NAME.matcher(base).matches())) {
      String variable = FROM_ENV.contains(base) ? base : "token";
      return "holds a credential in clear; put it in an environment variable and name that here instead, e.g. "
          + (known ? name + "." + variable + ".env=" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_"
              + variable.toUpperCase(Locale.ROOT) : "<connection>." + variable + ".env=<VARIABLE>");
    }
    if (CREDENTIAL_VALUE.matcher(value).matches()) {
      return "its value looks like a credential; credentials come from environment variables (<setting>.env)";
    }
    if (!CONNECTION.matcher(name).matches()) {
      return LINE_FORM + ", with a connection name of letters, digits, _ or -";
    }
    if (fromEnv) {
      if (!FROM_ENV.contains(base)) return "unknown credential setting; known: " + sorted(FROM_ENV, ".env");
      if (!VARIABLE.matcher(value).matches()) {
        return "must name an environment variable (upper-case letters, digits and _, e.g. JIRA_API_TOKEN)";
      }
      return null;
    }
    if (!PLAIN.contains(base)) return "unknown setting; known: " + sorted(PLAIN, "") + " and " + sorted(FROM_ENV, ".env");
    return switch (setting) {
      case "vendor" -> VENDORS.contains(value) ? null : "must be " + VENDOR_FORM;
      case "auth" -> Set.of("basic", "bearer", "oauth").contains(value) ? null : "must be basic, bearer or oauth";
      case "dedupeLabels", "supportsAllDrives" -> value.equals("true") || value.equals("false")
          ? null : "must be true or false";
      default -> URIS.contains(setting) && !isBaseUri(value) ? URI_FORM : null;
    };
  }

  /** Whether {@link BaseUris#require} accepts {@code value}; its message quotes the URI, so it is dropped. */
  private static boolean isBaseUri(String value) {
    try {
      BaseUris.require(new URI(value));
      return true;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * One connector per vendor, by vendor name, on a placeholder base URI with placeholder
   * credentials: to learn what each vendor offers. Built the way a file's connections are; a
   * connector sends nothing until it is called, and these never are.
   */
  static Map<String, Connector> placeholders() {
    Map<String, Map<String, Entry>> connections = new TreeMap<>();
    for (String vendor : VENDORS) {
      Map<String, Entry> settings = new TreeMap<>();
      settings.put("vendor", new Entry(vendor + ".vendor", 0, vendor));
      settings.put("baseUri", new Entry(vendor + ".baseUri", 0, "https://placeholder.invalid"));
      for (String credential : List.of("user", "secret", "token")) {
        settings.put(credential + ".env", new Entry(vendor + "." + credential + ".env", 0, "PLACEHOLDER"));
      }
      connections.put(vendor, settings);
    }
    ConnectionsFile all = new ConnectionsFile(Path.of("(placeholders)"), connections);
    Environment env = new Environment(Map.of("PLACEHOLDER", "placeholder"));
    Map<String, Connector> connectors = new TreeMap<>();
    for (String vendor : all.names()) connectors.put(vendor, all.connector(vendor, env));
    return connectors;
  }

  /** The connections in the file, by name. */
  Set<String> names() {
    return connections.keySet();
  }

  /**
   * The connector of connection {@code name}, its credentials read from {@code env}.
   *
   * @throws UsageException for an unknown connection, a missing setting, an unset variable or a
   *     value its connector refuses
   */
  Connector connector(String name, Environment env) {
    Map<String, Entry> s = connections.get(name);
    if (s == null) throw new UsageException("no connection '" + name + "' in " + file + "; it has " + names());
    String vendor = s.get("vendor").value();
    try {
      return switch (vendor) {
        case "jira" -> {
          Jira.Builder b = Jira.builder(uri(name, s, null), credentials(name, s, env, "basic"));
          set(s, "issueType", "a Jira issue type name: 1 to 255 characters, no control characters", b::issueType);
          set(s, "dedupeLabels", "true or false", v -> b.dedupeLabels(Boolean.parseBoolean(v)));
          yield b.build();
        }
        case "salesforce" -> {
          Salesforce.Builder b = Salesforce.builder(uri(name, s, null), credentials(name, s, env, "bearer"));
          set(s, "apiVersion", "v<major>.<minor>, e.g. v63.0", b::apiVersion);
          set(s, "contactExternalIdField", SF_FIELD_FORM, b::contactExternalIdField);
          set(s, "taskExternalIdField", SF_FIELD_FORM, b::taskExternalIdField);
          yield b.build();
        }
        case "gdrive" -> {
          GoogleDrive.Builder b = GoogleDrive.builder(uri(name, s, GoogleDrive.DEFAULT_BASE_URI),
              credentials(name, s, env, "bearer"));
          set(s, "supportsAllDrives", "true or false", v -> b.supportsAllDrives(Boolean.parseBoolean(v)));
          yield b.build();
        }
        case "stripe" -> {
          Stripe.Builder b = Stripe.builder(uri(name, s, Stripe.DEFAULT_BASE_URI), credentials(name, s, env, "bearer"));
          set(s, "apiVersion", "a Stripe API version such as 2024-06-20 or 2024-09-30.acacia", b::apiVersion);
          yield b.build();
        }
        default -> Asana.connector(uri(name, s, Asana.DEFAULT_BASE_URI), credentials(name, s, env, "bearer"));
      };
    } catch (IllegalArgumentException e) {
      // What load() and set() did not attribute to one setting; the connectors' messages may quote values.
      throw new UsageException(file + ": the " + vendor + " connector refused the settings of connection " + name
          + " (see --help for what each setting takes)");
    }
  }

  private static final String SF_FIELD_FORM = "the API name of a custom field marked External ID, e.g."
      + " Actionlayer_Key__c";

  /**
   * The policy settings of connection {@code name} from the file: its vendor account
   * ({@code <name>.account}, see {@link ConnectionPolicy#account()}), which brokers and processes
   * on one shared state must name alike to share the account's rate limit and pause.
   *
   * @throws UsageException when the account is not one the layer accepts (by key and line)
   */
  UnaryOperator<ConnectionPolicy.Builder> policy(String name) {
    Map<String, Entry> s = connections.get(name);
    Entry account = s == null ? null : s.get("account");
    if (account == null) return UnaryOperator.identity();
    try {
      ConnectionPolicy.builder().account(account.value());
    } catch (IllegalArgumentException e) {
      throw refused(account, "must be 1 to 200 characters without control characters");
    }
    return p -> p.account(account.value());
  }

  /** Applies setting {@code setting} when present; a value the connector refuses is reported by key and line. */
  private void set(Map<String, Entry> s, String setting, String allowed, Consumer<String> setter) {
    Entry e = s.get(setting);
    if (e == null) return;
    try {
      setter.accept(e.value());
    } catch (IllegalArgumentException refused) {
      throw refused(e, "must be " + allowed);
    }
  }

  /** The usage error about entry {@code e}: where it is and what is wrong, never its value. */
  UsageException refused(Entry e, String problem) {
    return new UsageException(file + ", line " + e.line() + ": " + e.key() + ": " + problem);
  }

  private URI uri(String name, Map<String, Entry> s, URI fallback) {
    Entry e = s.get("baseUri");
    if (e != null) return URI.create(e.value()); // load() checked it
    if (fallback == null) {
      throw new UsageException(file + ": " + name + ".baseUri is required for " + s.get("vendor").value());
    }
    return fallback;
  }

  private Credentials credentials(String name, Map<String, Entry> s, Environment env, String defaultAuth) {
    Entry auth = s.get("auth");
    try {
      return switch (auth == null ? defaultAuth : auth.value()) {
        case "basic" -> Credentials.basic(secret(name, s, env, "user"), secret(name, s, env, "secret"));
        case "bearer" -> Credentials.bearer(secret(name, s, env, "token"));
        default -> {
          Entry endpoint = s.get("tokenEndpoint");
          if (endpoint == null) {
            throw new UsageException(file + ": " + name + ".tokenEndpoint is required with auth=oauth");
          }
          String clientSecret = s.containsKey("clientSecret.env") ? secret(name, s, env, "clientSecret") : null;
          yield Credentials.oauth(URI.create(endpoint.value()), secret(name, s, env, "clientId"), clientSecret,
              secret(name, s, env, "refreshToken"));
        }
      };
    } catch (IllegalArgumentException e) {
      // Every variable was set and non-blank, so a variable holds a control character; which one is not said.
      throw new UsageException(file + ": a credential of connection " + name + " holds a control character;"
          + " check the environment variables its *.env settings name");
    }
  }

  /** The value of the variable {@code name.setting.env} names; neither it nor the name is printed. */
  private String secret(String name, Map<String, Entry> s, Environment env, String setting) {
    Entry variable = s.get(setting + ".env");
    if (variable == null) {
      throw new UsageException(file + ": " + name + "." + setting
          + ".env is required (the environment variable holding it)");
    }
    // Not even the name: a token pasted here can look like one, and then it is not set.
    return env.get(variable.value()).orElseThrow(() -> refused(variable,
        "the environment variable named there is not set (or is blank); set it, or name the one that holds it"));
  }

  static String sorted(Set<String> names, String suffix) {
    return String.join(", ", new TreeSet<>(names).stream().map(n -> n + suffix).toList());
  }
}
