package dev.actionlayer.cli;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolParameter;
import dev.actionlayer.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer call <connection> <operation> --json '{...}'}: one canonical operation on a
 * real vendor, through the tool catalog and so through the whole pipeline, with the connection
 * read from a {@link ConnectionsFile} and its credentials from the {@link Environment}. Prints
 * the tool's result JSON; exit code 1 when it is an error.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"One operation on a real vendor, configured in a file; prints the result JSON.", "",
        "Runs one canonical operation on a configured connection, through the whole pipeline"
            + " (retries, breaker, rate limit, audit), and prints the tool's result as JSON."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the operation succeeded", "1:it failed (the JSON says why and what to do)",
        "2:usage problem (arguments, configuration file, unset environment variable)"},
    footerHeading = "%nConfiguration file (properties, one block per connection):%n",
    footer = {
        "  jira.vendor=jira",
        "  jira.baseUri=https://acme.atlassian.net",
        "  jira.user.env=JIRA_EMAIL",
        "  jira.secret.env=JIRA_API_TOKEN",
        "  stripe.vendor=stripe",
        "  stripe.token.env=STRIPE_SECRET_KEY",
        "",
        "Settings: vendor (a connector on the classpath: asana, gdrive, jira, salesforce, stripe, todoist)"
            + " or description (a vendor described as data: a JSON file, its path relative to this file);"
            + " baseUri (required where the vendor has no default: jira, salesforce); auth: basic (the"
            + " default when user.env is set: user.env, secret.env), bearer (otherwise: token.env) or oauth"
            + " (tokenEndpoint, clientId.env, clientSecret.env, refreshToken.env); the vendor's options:"
            + " jira: issueType, dedupeLabels; salesforce: apiVersion, contactExternalIdField,"
            + " taskExternalIdField; gdrive: supportsAllDrives; stripe: apiVersion.",
        "A *.env setting names the environment variable holding a credential. A file holding a"
            + " credential in clear (token=..., secret=...) is refused before anything is sent.",
        "",
        "Example:",
        "  actionlayer call jira tasks.create --json '{\"project\":\"PROJ\",\"title\":\"Fix\"}'"})
final class CallCommand implements Callable<Integer> {
  private static final String OPERATIONS = "operations";
  private static final Pattern OPERATION = Pattern.compile("(tasks|contacts|folders)[._](create|get|update|delete|list)");

  private final Environment environment;

  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONNECTION", description = "A connection named in the configuration file.")
  private String connection;

  @Parameters(index = "1", paramLabel = "OPERATION",
      description = "tasks.create, tasks.get, tasks.update, tasks.delete, tasks.list, contacts.…, folders.…"
          + " (or tasks_create, …);"
          + " listed below with their arguments.")
  private String operation;

  @Option(names = "--json", paramLabel = "JSON", defaultValue = "{}",
      description = "The arguments as one JSON object, e.g. '{\"id\":\"10001\"}' (default: {}).")
  private String json;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "actionlayer.properties",
      description = "The connections (default: ${DEFAULT-VALUE}).")
  private Path config;

  @Option(names = "--audit-file", paramLabel = "FILE",
      description = "Also append the call's audit event to this file (read it with 'audit').")
  private Path auditFile;

  CallCommand(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  /**
   * Picocli's model of this command, given when the command line is built: the operations section
   * of the help is added here because its text comes from a tool catalog, at run time.
   */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    UsageMessageSpec usage = spec.usageMessage();
    usage.sectionMap().put(OPERATIONS, help -> operations());
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), OPERATIONS);
    usage.sectionKeys(keys);
  }

  /**
   * Each operation with the vendors offering it and its {@code --json} arguments, from the tool
   * catalog of a layer with one connection per vendor; the {@code connection} argument is left
   * out, being the CONNECTION parameter.
   */
  private static String operations() {
    ActionLayer.Builder builder = ActionLayer.builder();
    ConnectionsFile.placeholders().forEach(builder::connection);
    List<String[]> rows = new ArrayList<>();
    try (ActionLayer layer = builder.build()) {
      for (Tool t : layer.tools().tools()) {
        List<String> vendors = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (ToolParameter p : t.parameters()) {
          if (p.name().equals("connection")) vendors.addAll(p.allowed());
          else arguments.add(p.name() + (p.required() ? "*" : ""));
        }
        vendors.sort(null);
        rows.add(new String[] {t.name().replace('_', '.'), "(" + String.join(", ", vendors) + ")",
            String.join(", ", arguments)});
      }
    }
    int op = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int by = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    StringBuilder text = new StringBuilder(String.format("%nOperations (offered by) and their --json arguments,"
        + " * required:%n"));
    for (String[] r : rows) text.append(String.format("  %-" + op + "s  %-" + by + "s  %s%n", r[0], r[1], r[2]));
    return text.toString();
  }

  @Override
  public Integer call() throws IOException {
    if (auditFile != null) UserFiles.requireAppendable(auditFile, "--audit-file");
    Matcher op = OPERATION.matcher(operation);
    if (!op.matches()) {
      throw new UsageException("unknown operation '" + operation + "'; use <tasks|contacts|folders>.<create|get|update|delete|list>");
    }
    String tool = op.group(1) + "_" + op.group(2);
    Map<String, Object> arguments = Json.objectOrNull(json);
    if (arguments == null) throw new UsageException("--json must be one JSON object, e.g. '{\"id\":\"42\"}'");
    arguments = new LinkedHashMap<>(arguments);
    Object named = arguments.putIfAbsent("connection", connection);
    if (named != null && !named.equals(connection)) {
      throw new UsageException("--json names connection '" + named + "' but the command names '" + connection + "'");
    }
    ConnectionsFile connections = ConnectionsFile.load(config);
    Connector connector = connections.connector(connection, environment);
    JsonLinesAuditSink file = auditFile == null ? null : JsonLinesAuditSink.open(auditFile);
    try (ActionLayer layer = ActionLayer.builder()
        .connection(connection, connector, connections.policy(connection))
        .principal("cli")
        .auditSink(file == null ? AuditSink.NONE : file)
        .build()) {
      if (layer.tools().tool(tool).isEmpty()) {
        boolean hasResource = layer.tools().tools().stream().anyMatch(t -> t.name().startsWith(op.group(1) + "_"));
        throw new UsageException("connection '" + connection + "' (" + connector.vendor() + ") "
            + (hasResource ? "cannot " + op.group(2) + " " + op.group(1) : "has no " + op.group(1)) + "; it offers " + layer.tools().tools().stream().map(Tool::name)
            .map(n -> n.replace('_', '.')).toList());
      }
      ToolResult result = layer.tools().execute(tool, Json.write(arguments));
      spec.commandLine().getOut().println(result.json());
      return result.isError() ? 1 : 0;
    } finally {
      if (file != null) file.close();
    }
  }
}
