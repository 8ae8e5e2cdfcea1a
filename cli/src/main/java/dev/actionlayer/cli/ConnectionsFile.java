package dev.actionlayer.cli;

import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.describe.Description;
import dev.actionlayer.describe.Descriptions;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
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
 * # a vendor described as data, loaded at start-up (path relative to this file)
 * todoist.description=vendors/todoist.json
 * todoist.token.env=TODOIST_API_TOKEN
 * </pre>
 *
 * <p>Vendors are found through {@link ServiceLoader} ({@link ConnectorProvider}s registered by
 * the connector jars on the classpath), so a deployment gains a vendor by adding its jar, or its
 * description file and a {@code <connection>.description} line; the vendor-specific options
 * ({@code jira.dedupeLabels}, {@code gdrive.supportsAllDrives}, …) are the providers'. The
 * credentials default to HTTP Basic when {@code <connection>.user.env} is set, else a bearer token
 * ({@code <connection>.auth} says otherwise).
 *
 * <p>{@code broker} is not a connection name: {@code broker.*} settings configure
 * {@code actionlayer serve} (see {@link BrokerSettings}); other commands ignore them. Paths in
 * them are relative to the file's directory; the database's user and password come from
 * environment variables like every credential.
 */
final class ConnectionsFile {
  /** The vendors on the classpath, by name (the first provider of a name wins). */
  static final Map<String, ConnectorProvider> PROVIDERS = providers();
  static final Set<String> VENDORS = PROVIDERS.keySet();
  private static final String VENDOR_FORM = "one of " + sorted(VENDORS, "");

  /** Settings of every connection. */
  private static final Set<String> GENERAL = Set.of("vendor", "baseUri", "account", "auth", "tokenEndpoint", "description");
  /** Settings that hold plain configuration: the general ones and every provider's options. */
  private static final Set<String> PLAIN = plain();
  /** A setting that may be an option of a description. */
  private static final Pattern OPTION_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
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
  /** connection name -> the provider its description makes, for connections with {@code .description}. */
  private final Map<String, ConnectorProvider> described;

  private ConnectionsFile(Path file, Map<String, Map<String, Entry>> connections) {
    this(file, connections, Map.of(), Map.of());
  }

  private ConnectionsFile(Path file, Map<String, Map<String, Entry>> connections, Map<String, Entry> broker,
      Map<String, ConnectorProvider> described) {
    this.file = file;
    this.connections = connections;
    this.broker = new BrokerSettings(file, broker);
    this.described = described;
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
    Map<String, ConnectorProvider> described = new TreeMap<>();
    connections.forEach((name, settings) -> {
      Entry description = settings.get("description");
      Entry vendor = settings.get("vendor");
      ConnectorProvider provider = null;
      if (description != null) {
        provider = describedBy(file, description, problems);
        if (provider != null && vendor != null && !vendor.value().equals(provider.vendor())) {
          problems.add("line " + vendor.line() + ": " + vendor.key() + ": does not name the vendor its description describes");
        }
        if (provider != null) described.put(name, provider);
      } else if (vendor == null) {
        int line = settings.values().stream().mapToInt(Entry::line).min().orElse(0);
        problems.add("line " + line + ": " + name + ": no " + name + ".vendor (" + VENDOR_FORM + ") nor "
            + name + ".description (a vendor described as data)");
      } else {
        provider = PROVIDERS.get(vendor.value());
      }
      if (provider == null) return;
      for (Entry e : settings.values()) {
        String setting = e.key().substring(name.length() + 1);
        if (!GENERAL.contains(setting) && !setting.endsWith(".env") && !provider.options().contains(setting)) {
          problems.add("line " + e.line() + (isKnown(name, setting) ? ": " + e.key() : "") + ": unknown setting for "
              + provider.vendor() + (provider.options().isEmpty() ? ", which takes no options"
              : "; its options: " + sorted(provider.options(), "")));
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new UsageException(file + " refused, nothing was sent:\n  " + String.join("\n  ", problems));
    }
    return new ConnectionsFile(file, connections, broker, described);
  }

  private static Map<String, ConnectorProvider> providers() {
    Map<String, ConnectorProvider> out = new TreeMap<>();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, ConnectionsFile.class.getClassLoader())) {
      out.putIfAbsent(p.vendor(), p);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Set<String> plain() {
    Set<String> plain = new HashSet<>(GENERAL);
    PROVIDERS.values().forEach(p -> plain.addAll(p.options()));
    return Set.copyOf(plain);
  }

  /**
   * The provider of the description {@code e} names (a path relative to the file's directory),
   * loaded now, at start-up; or null with the problem added. Neither the path nor the text of the
   * description is quoted: a problem names the JSON path inside the description.
   */
  private static ConnectorProvider describedBy(Path file, Entry e, List<String> problems) {
    Path dir = file.toAbsolutePath().getParent();
    Path path = dir == null ? Path.of(e.value()) : dir.resolve(e.value());
    String where = "line " + e.line() + ": " + e.key() + ": ";
    try {
      Description d = Descriptions.parse(Files.readString(path, StandardCharsets.UTF_8), "the description");
      return Descriptions.provider(d);
    } catch (IOException | java.nio.file.InvalidPathException | java.io.UncheckedIOException ex) {
      problems.add(where + "cannot be read (no such file, or not UTF-8 text); the path is relative to this file");
    } catch (IllegalArgumentException ex) {
      problems.add(where + "is not a valid description: " + oneLine(ex.getMessage()).replaceFirst("^the description: ", ""));
    }
    return null;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ");
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
    // A lone backslash continued onto a blank line sets nothing (found by fuzzing: it threw).
    if (p.isEmpty()) return;
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
    if (!PLAIN.contains(base) && !OPTION_NAME.matcher(base).matches()) {
      return "unknown setting; known: " + sorted(GENERAL, "") + ", " + sorted(FROM_ENV, ".env")
          + " and the vendor's options";
    }
    return switch (setting) {
      case "vendor" -> VENDORS.contains(value) ? null : "must be " + VENDOR_FORM
          + " (or give <connection>.description, a vendor described as data)";
      case "auth" -> Set.of("basic", "bearer", "oauth").contains(value) ? null : "must be basic, bearer or oauth";
      case "description" -> value.isBlank() || value.chars().anyMatch(Character::isISOControl)
          ? "must be the path of a description file (JSON), relative to this file" : null;
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
    Map<String, Connector> connectors = new TreeMap<>();
    PROVIDERS.forEach((vendor, provider) -> {
      try {
        connectors.put(vendor, provider.connector(URI.create("https://placeholder.invalid"),
            dev.actionlayer.Credentials.bearer("placeholder"), Map.of()));
      } catch (RuntimeException e) {
        // A provider that wants more than a base URI and a token is left out of the help listing.
      }
    });
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
    ConnectorProvider provider = described.containsKey(name) ? described.get(name) : PROVIDERS.get(s.get("vendor").value());
    String vendor = provider.vendor();
    URI baseUri = uri(name, s, provider);
    Credentials credentials = credentials(name, s, env, s.containsKey("user.env") ? "basic" : "bearer");
    Map<String, String> options = new LinkedHashMap<>();
    for (String option : provider.options()) {
      Entry e = s.get(option);
      if (e != null) options.put(option, e.value());
    }
    try {
      return provider.connector(baseUri, credentials, options);
    } catch (IllegalArgumentException e) {
      throw refusedByConnector(name, vendor, s, e.getMessage());
    }
  }

  /**
   * The usage error for a connector that refused the settings. A provider names the setting at the
   * start of its message ({@code "apiVersion: must be …"}); that message is shown, by key and line,
   * only when it quotes none of the connection's values; anything else is reported without it.
   */
  private UsageException refusedByConnector(String name, String vendor, Map<String, Entry> s, String message) {
    Matcher m = message == null ? null : Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63}): (.+)", Pattern.DOTALL).matcher(message);
    if (m != null && m.matches() && s.containsKey(m.group(1)) && !m.group(2).contains("\n")
        && s.values().stream().map(Entry::value).noneMatch(v -> v.length() >= 3 && m.group(2).contains(v))) {
      return refused(s.get(m.group(1)), oneLine(m.group(2)));
    }
    return new UsageException(file + ": the " + vendor + " connector refused the settings of connection " + name
        + " (see --help for what each setting takes)");
  }

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

  /** The usage error about entry {@code e}: where it is and what is wrong, never its value. */
  UsageException refused(Entry e, String problem) {
    return new UsageException(file + ", line " + e.line() + ": " + e.key() + ": " + problem);
  }

  private URI uri(String name, Map<String, Entry> s, ConnectorProvider provider) {
    Entry e = s.get("baseUri");
    if (e != null) return URI.create(e.value()); // load() checked it
    if (provider.defaultBaseUri() == null) {
      throw new UsageException(file + ": " + name + ".baseUri is required for " + provider.vendor());
    }
    return provider.defaultBaseUri();
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
