package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** {@code actionlayer mcp --demo} in a child JVM, driven by the MCP SDK's own client over stdio. */
class McpCommandTest {
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
