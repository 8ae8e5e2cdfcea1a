package dev.actionlayer.cli;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.mcp.ActionlayerMcpServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer mcp}: the tool catalog served to an MCP client over stdin/stdout, on the
 * connections of a configuration file (credentials from environment variables, as for
 * {@code call}) or, with {@code --demo}, on the embedded fake vendors. Returns 0 when the client
 * disconnects (closes stdin), 1 with one line on stderr when stdin or stdout fails.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve the tools (tasks_create, contacts_get, folders_delete, ...) to an MCP client over stdio.",
        "Stdout carries only the protocol; messages go to stderr."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the client disconnected (closed stdin)", "1:serving failed (stdin or stdout broke)",
        "2:usage problem (arguments, configuration file, unset environment variable)"},
    footerHeading = "%nMCP host configuration (a desktop assistant's mcpServers block):%n",
    footer = {
        "  {",
        "    \"mcpServers\": {",
        "      \"actionlayer\": {",
        "        \"command\": \"java\",",
        "        \"args\": [\"-jar\", \"/path/to/actionlayer.jar\",",
        "                 \"mcp\", \"-c\", \"/path/to/actionlayer.properties\"],",
        "        \"env\": {\"JIRA_EMAIL\": \"bot@example.com\", \"JIRA_API_TOKEN\": \"...\"}",
        "      }",
        "    }",
        "  }",
        "",
        "The file names the variables holding credentials (jira.user.env=JIRA_EMAIL,"
            + " jira.secret.env=JIRA_API_TOKEN: see 'actionlayer help call'); the host sets them in \"env\"."
            + " Use absolute paths: the host chooses the working directory.",
        "Without credentials, on the demo's fake vendors:",
        "  \"args\": [\"-jar\", \"/path/to/actionlayer.jar\", \"mcp\", \"--demo\"]"})
final class McpCommand implements Callable<Integer> {
  private final Environment environment;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "actionlayer.properties",
      description = "The connections, as for 'call' (default: ${DEFAULT-VALUE}).")
  private Path config;

  @Option(names = "--demo", description = "Serve the four embedded fake vendors (sf, drive, stripe, jira) instead.")
  private boolean demo;

  McpCommand(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (demo) {
      try (DemoVendors vendors = new DemoVendors();
           ActionLayer layer = vendors.layer(UnaryOperator.identity()).principal("mcp-client").build()) {
        err.println("actionlayer mcp: serving the demo's fake vendors: " + layer.connections());
        return serve(layer, err);
      }
    }
    ConnectionsFile file = ConnectionsFile.load(config);
    ActionLayer.Builder builder = ActionLayer.builder().principal("mcp-client");
    for (String name : file.names()) builder.connection(name, file.connector(name, environment), file.policy(name));
    try (ActionLayer layer = builder.build()) {
      err.println("actionlayer mcp: serving " + layer.connections() + " from " + config);
      return serve(layer, err);
    }
  }

  private static int serve(ActionLayer layer, PrintWriter err) {
    err.flush();
    try {
      ActionlayerMcpServer.serveStdio(layer.tools());
      return 0;
    } catch (UncheckedIOException e) {
      // The host can no longer be served; one line for its log says why (the message is ours).
      err.println("actionlayer mcp: stopped: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
