package dev.actionlayer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.box.Box;
import dev.actionlayer.hubspot.HubSpot;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.spi.Json;
import dev.actionlayer.todoist.Todoist;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ToolCatalog#execute} on any arguments a model can send: the schema check, then the call.
 * Property: a {@link ToolResult} every time, never an exception, and its JSON one object — an
 * error's under {@code "error"} with a {@code code}.
 *
 * <p>The cheapest honest path: a real layer with real connectors (a described one among them),
 * whose base URIs are a loopback port where nothing listens, so that arguments the check lets
 * through fail at once with {@code UNAVAILABLE} (then {@code CIRCUIT_OPEN}) and nothing waits. An
 * input is the tool's name on the first line and the arguments after it (so seeds are readable);
 * a name that is no tool's is used as it is.
 */
class ToolArgumentsFuzzTest {
  static final int PORT = closedPort();

  static final ActionLayer LAYER = layer();
  static final ToolCatalog TOOLS = LAYER.tools();

  private static ActionLayer layer() {
    URI nowhere = URI.create("http://127.0.0.1:" + PORT + "/");
    Credentials token = Credentials.bearer("fuzz-token-0123456789");
    return ActionLayer.builder()
        .connection("jira", Jira.connector(nowhere, Credentials.basic("me@example.com", "api-token-0123")),
            p -> p.noRateLimit().maxAttempts(1))
        .connection("crm", HubSpot.connector(nowhere, token), p -> p.noRateLimit().maxAttempts(1))
        .connection("files", Box.connector(nowhere, token), p -> p.noRateLimit().maxAttempts(1))
        .connection("todo", Todoist.connector(nowhere, token), p -> p.noRateLimit().maxAttempts(1))
        .build();
  }

  /** A loopback port nothing listens on: bound, then released. */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void close() {
    LAYER.close();
  }

  @Test
  void theToolsOfEveryResourceAreListed() {
    List<String> names = TOOLS.tools().stream().map(Tool::name).toList();

    assertThat(names).contains("tasks_create", "contacts_create", "folders_create", "tasks_delete");
  }

  @Test
  void argumentsTheCheckLetsThroughFailAtTheClosedPort() {
    ToolResult r = TOOLS.execute("tasks_get", "{\"connection\":\"todo\",\"id\":\"123\"}");

    assertThat(r.isError()).isTrue();
    assertThat(r.json()).contains("UNAVAILABLE");
  }

  @FuzzTest
  void anyArgumentsGiveAResult(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    int newline = input.indexOf('\n');
    String name = newline < 0 ? input : input.substring(0, newline);
    String arguments = newline < 0 ? "" : input.substring(newline + 1);

    ToolResult result;
    // Jazzer's SSRF detector fails any connection by default, and resets what a test allowed
    // before fuzzing it: this one connects to PORT only, allowed for each input.
    try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) -> port == PORT
        && (host.equals("127.0.0.1") || host.equals("localhost")))) {
      result = TOOLS.execute(name, arguments);
    }

    assertThat(result).isNotNull();
    Map<String, Object> json = Json.objectOrNull(result.json());
    assertThat(json).as("the result's JSON is one object: %s", result.json()).isNotNull();
    if (result.isError()) {
      assertThat(Json.object(json, "error")).as(result.json()).isNotNull().containsKey("code");
    }
  }
}
