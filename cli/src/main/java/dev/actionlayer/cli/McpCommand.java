package dev.actionlayer.cli;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.mcp.ActionlayerMcpServer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actionlayer mcp}: the tool catalog served to an MCP client over stdin/stdout, on the
 * connections of a configuration file (credentials from environment variables, as for
 * {@code call}) or, with {@code --demo}, on the embedded fake vendors. Returns when the client
 * disconnects.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve the tools (tasks_create, contacts_get, folders_delete, ...) to an MCP client over stdio.",
        "Stdout carries only the protocol; messages go to stderr."})
final class McpCommand implements Callable<Integer> {
  private final Environment environment;

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
    if (demo) {
      try (DemoVendors vendors = new DemoVendors();
           ActionLayer layer = vendors.layer(UnaryOperator.identity()).principal("mcp-client").build()) {
        System.err.println("actionlayer mcp: serving the demo's fake vendors: " + layer.connections());
        ActionlayerMcpServer.serveStdio(layer.tools());
      }
      return 0;
    }
    ConnectionsFile file = ConnectionsFile.load(config);
    ActionLayer.Builder builder = ActionLayer.builder().principal("mcp-client");
    for (String name : file.names()) builder.connection(name, file.connector(name, environment));
    try (ActionLayer layer = builder.build()) {
      System.err.println("actionlayer mcp: serving " + layer.connections() + " from " + config);
      ActionlayerMcpServer.serveStdio(layer.tools());
    }
    return 0;
  }
}
