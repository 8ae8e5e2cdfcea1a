package dev.actionlayer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code broker.*} settings of a configuration file ({@link ConnectionsFile}), which configure
 * {@code actionlayer serve}: {@code broker} is not a connection name. Checked line by line like the
 * connections' settings, never quoting a value; paths are relative to the file's directory; the
 * database's user and password come from environment variables, like every credential.
 */
final class BrokerSettings {
  /** The name whose settings configure the broker rather than a connection. */
  static final String NAME = "broker";
  /** Every setting: plain ones, paths, and two naming environment variables. */
  static final Set<String> SETTINGS = Set.of("host", "port", "principals", "policy", "allowedOrigins",
      "audit", "database.url", "database.user.env", "database.password.env");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");
  private static final Pattern ORIGIN = Pattern.compile("(?i)https?://[a-z0-9.\\-\\[\\]:]+(:\\d{1,5})?");

  private final Path file;
  private final Map<String, ConnectionsFile.Entry> settings;

  BrokerSettings(Path file, Map<String, ConnectionsFile.Entry> settings) {
    this.file = file;
    this.settings = Map.copyOf(settings);
  }

  /** Why {@code broker.setting=value} is refused, or null when it is fine. Never quotes the value. */
  static String check(String setting, String value) {
    boolean fromEnv = setting.endsWith(".env");
    if (!SETTINGS.contains(setting)) {
      if (!fromEnv && ConnectionsFile.CREDENTIAL_NAME.matcher(setting).matches()) {
        return "holds a credential in clear; put it in an environment variable and name that here instead,"
            + " e.g. broker.database.password.env=ACTIONLAYER_DB_PASSWORD";
      }
      return "unknown broker setting; known: "
          + ConnectionsFile.sorted(SETTINGS.stream().map(k -> NAME + "." + k).collect(Collectors.toSet()), "");
    }
    if (ConnectionsFile.CREDENTIAL_VALUE.matcher(value).matches()) {
      return "its value looks like a credential; credentials come from environment variables (<setting>.env)";
    }
    if (value.isEmpty()) return "is empty";
    return switch (setting) {
      case "host" -> HOST.matcher(value).matches() ? null : "must be a host name or an IP address to bind";
      case "port" -> value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535 ? null : "must be 0..65535";
      case "database.url" -> value.startsWith("jdbc:postgresql://") && !value.contains("@")
          && !value.toLowerCase(Locale.ROOT).contains("password") && !value.toLowerCase(Locale.ROOT).contains("user=")
          ? null : "must be jdbc:postgresql://host[:port]/database without user or password (those come from"
              + " broker.database.user.env and broker.database.password.env)";
      case "database.user.env", "database.password.env" -> ConnectionsFile.VARIABLE.matcher(value).matches() ? null
          : "must name an environment variable (upper-case letters, digits and _, e.g. ACTIONLAYER_DB_PASSWORD)";
      case "allowedOrigins" -> Arrays.stream(value.split(",")).map(String::strip).allMatch(o -> ORIGIN.matcher(o).matches())
          ? null : "must be a comma-separated list of scheme://host[:port] origins (no path, no trailing slash)";
      default -> value.indexOf('\0') >= 0 ? "must be a path" : null;
    };
  }

  /** Whether the file has {@code broker.setting}. */
  boolean has(String setting) {
    return settings.containsKey(setting);
  }

  /** The value of {@code broker.setting}, or {@code fallback}. */
  String value(String setting, String fallback) {
    ConnectionsFile.Entry e = settings.get(setting);
    return e == null ? fallback : e.value();
  }

  /** {@code broker.setting} as a path, relative to the file's directory when it is relative; null when absent. */
  Path path(String setting) {
    ConnectionsFile.Entry e = settings.get(setting);
    if (e == null) return null;
    Path p = Path.of(e.value());
    Path dir = file.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  /** The value of the environment variable that {@code broker.setting} names; neither is printed. */
  String secret(String setting, Environment env) {
    ConnectionsFile.Entry variable = settings.get(setting);
    if (variable == null) throw new UsageException(file + ": broker." + setting + " is required");
    return env.get(variable.value()).orElseThrow(() -> refused(setting,
        "the environment variable named there is not set (or is blank); set it, or name the one that holds it"));
  }

  /** The usage error about {@code broker.setting}: where it is and what is wrong, never its value. */
  UsageException refused(String setting, String problem) {
    ConnectionsFile.Entry e = settings.get(setting);
    if (e == null) return new UsageException(file + ": broker." + setting + ": " + problem);
    return new UsageException(file + ", line " + e.line() + ": " + e.key() + ": " + problem);
  }
}
