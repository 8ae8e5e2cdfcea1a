package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code actionlayer mcp --demo} in a child JVM, driven by the MCP SDK's own client or by raw lines
 * over stdio: what it serves, how it exits, and what its help tells a host's operator.
 */
class McpCommandTest {
  static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
      + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  static Process startDemoServer() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "mcp", "--demo")
        .start();
  }

  static int exitCode(Process child) throws InterruptedException {
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the server exited").isTrue();
    return child.exitValue();
  }

  @Test
  void aBadLineIsAnsweredAndServingGoesOn_closingStdinExitsZero() throws Exception {
    Process child = startDemoServer();
    try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
         BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(INITIALIZE + "\n");
      in.flush();
      assertThat(out.readLine()).contains("\"serverInfo\"");
      in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\nnot json\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");
      in.flush();
      assertThat(Json.object(Json.objectOrNull(out.readLine()), "error")).containsEntry("code", -32700.0);
      assertThat(Json.array(Json.object(Json.objectOrNull(out.readLine()), "result"), "tools")).isNotEmpty();
      in.close();
      assertThat(exitCode(child)).isZero();
      String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(stderr).contains("serving the demo's fake vendors").doesNotContain("stopped");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aBrokenStdoutEndsServingWithExitCodeOneAndOneLineOnStderr() throws Exception {
    Process child = startDemoServer();
    try {
      // The host stops reading: the server's next answer cannot be written.
      child.getInputStream().close();
      try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
        in.write(INITIALIZE + "\n");
      }
      assertThat(exitCode(child)).isEqualTo(1);
      List<String> stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.contains("serving the demo's fake vendors")).toList();
      assertThat(stderr).singleElement().asString()
          .startsWith("actionlayer mcp: stopped: writing to the client failed");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aFailingStdinEndsServingWithExitCodeOneAndOneLine() {
    InputStream stdin = System.in;
    System.setIn(new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("stdin is gone");
      }
    });
    try {
      Cli result = Cli.run("mcp", "--demo");
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err().lines().toList()).hasSize(2).last().asString()
          .isEqualTo("actionlayer mcp: stopped: reading from the client failed: stdin is gone");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void helpShowsAnMcpHostConfigurationThatIsValidJson() {
    Cli help = Cli.run("mcp", "--help");
    assertThat(help.exitCode()).isZero();
    String out = help.out();
    String block = out.substring(out.indexOf("  {\n"), out.indexOf("\n  }\n") + 4);
    Map<String, Object> server = Json.object(Json.object(Json.objectOrNull(block), "mcpServers"), "actionlayer");
    assertThat(server).as(block).containsEntry("command", "java");
    assertThat((List<Object>) Json.array(server, "args")).containsExactly("-jar", "/path/to/actionlayer.jar", "mcp", "-c",
        "/path/to/actionlayer.properties");
    assertThat(Json.object(server, "env")).containsKeys("JIRA_EMAIL", "JIRA_API_TOKEN");
    assertThat(out).contains("jira.secret.env=JIRA_API_TOKEN").contains("\"mcp\", \"--demo\"")
        .contains("Exit codes:");
  }

  @Test
  void theDemoServerListsToolsAndCreatesAcrossVendors() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters child = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), Main.class.getName(), "mcp", "--demo")
        .build();
    StdioClientTransport transport = new StdioClientTransport(child, McpJsonDefaults.getMapper());
    ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport).initializationTimeout(Duration.ofSeconds(60))
        .requestTimeout(Duration.ofSeconds(30)).build();
    try {
      client.initialize();
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(names).contains("contacts_create", "folders_create", "tasks_create", "tasks_delete");

      CallToolResult contact = client.callTool(McpSchema.CallToolRequest.builder("contacts_create")
          .arguments(Map.of("connection", "stripe", "lastName", "Lovelace", "email", "ada@example.com")).build());
      assertThat(contact.isError()).isFalse();
      assertThat(text(contact)).startsWith("{\"id\":\"cus_");

      CallToolResult folder = client.callTool(McpSchema.CallToolRequest.builder("folders_create")
          .arguments(Map.of("connection", "drive", "name", "Ada Lovelace")).build());
      assertThat(folder.isError()).isFalse();

      CallToolResult bad = client.callTool(McpSchema.CallToolRequest.builder("tasks_create")
          .arguments(Map.of("connection", "jira")).build());
      assertThat(bad.isError()).isTrue();
      assertThat(text(bad)).contains("INVALID_REQUEST").contains("\"title\":\"is required\"");
      assertThat(stderr).anySatisfy(l -> assertThat(l).contains("serving the demo's fake vendors"));
      assertThat(String.join("\n", stderr)).doesNotContain("demo-token").doesNotContain("sk_test_demo");
    } finally {
      client.closeGracefully();
    }
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }
}
