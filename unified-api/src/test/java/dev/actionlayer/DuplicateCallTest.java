package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DuplicateCallTest extends PipelineTestSupport {
  static final NewTask TASK = new NewTask("P", "Fix login bug", "500s on /login");

  @Test
  void anIdenticalCreateWithinTheWindowReturnsTheFirstResult() {
    layer();
    server.enqueue(task("T-1"));
    server.enqueue(task("T-2"));

    Task first = tasks().create(TASK);
    Task again = tasks().create(new NewTask("P", "Fix login bug", "500s on /login"));

    assertThat(again).isEqualTo(first);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).deduplicated()).isTrue();
    assertThat(events.get(1).attempts()).isEmpty();
  }

  @Test
  void aCreateAfterTheWindowIsSentAgain() {
    layer(p -> p.duplicateWindow(Duration.ofSeconds(30)));
    server.enqueue(task("T-1"));
    server.enqueue(task("T-2"));

    assertThat(tasks().create(TASK).id()).isEqualTo("T-1");
    time.advance(Duration.ofSeconds(29));
    assertThat(tasks().create(TASK).id()).as("within the window").isEqualTo("T-1");
    time.advance(Duration.ofSeconds(2));

    // The window is measured on the layer's clock: no real time has to pass.
    assertThat(tasks().create(TASK).id()).isEqualTo("T-2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void differentPrincipalsAreNeverDeduplicatedAgainstEachOther() {
    layer();
    server.enqueue(task("T-1"));
    server.enqueue(task("T-2"));

    Task a = layer.forPrincipal("agent-a").tasks("svc").create(TASK);
    Task b = layer.forPrincipal("agent-b").tasks("svc").create(TASK);

    assertThat(a.id()).isEqualTo("T-1");
    assertThat(b.id()).isEqualTo("T-2");
    assertThat(events).extracting(e -> e.principal()).containsExactly("agent-a", "agent-b");
  }

  @Test
  void aFailedCreateIsNotRememberedSoTheAgentCanTryAgain() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(json(400, "{\"error\":\"bad\"}"));
    server.enqueue(task("T-1"));

    thrown(() -> tasks().create(TASK));

    assertThat(tasks().create(TASK).id()).isEqualTo("T-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void differentInputsAreDifferentCreates() {
    layer();
    server.enqueue(task("T-1"));
    server.enqueue(task("T-2"));

    tasks().create(TASK);
    tasks().create(new NewTask("P", "Another bug", null));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aToolCallServedFromTheDuplicateWindowSaysSoAndTheFirstDoesNot() {
    layer();
    server.enqueue(task("T-1"));
    server.enqueue(task("T-2"));
    String args = "{\"connection\":\"svc\",\"project\":\"P\",\"title\":\"Fix login bug\"}";

    dev.actionlayer.tools.ToolResult first = layer.tools().execute("tasks_create", args);
    dev.actionlayer.tools.ToolResult again = layer.tools().execute("tasks_create", args);

    assertThat(dev.actionlayer.spi.Json.objectOrNull(first.json())).containsEntry("id", "T-1")
        .doesNotContainKeys("deduplicated", "note");
    assertThat(dev.actionlayer.spi.Json.objectOrNull(again.json())).containsEntry("id", "T-1")
        .containsEntry("deduplicated", true)
        .hasEntrySatisfying("note", n -> assertThat((String) n).contains("Nothing was created now", "tasks_create"));
    assertThat(again.isError()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(events.get(0).deduplicated()).isFalse();
    assertThat(events.get(1).deduplicated()).isTrue();
  }

  @Test
  void theCreateToolsDescriptionExplainsTheDuplicateWindow() {
    layer(p -> p.duplicateWindow(Duration.ofSeconds(45)));

    assertThat(layer.tools().tool("tasks_create").orElseThrow().description())
        .contains("repeated within 45 seconds is not sent again", "\"deduplicated\":true");
  }

  @Test
  void withoutADuplicateWindowTheDescriptionPromisesNothing() {
    layer(p -> p.duplicateWindow(Duration.ZERO));

    assertThat(layer.tools().tool("tasks_create").orElseThrow().description()).doesNotContain("deduplicated");
  }
}
