package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolParameter;
import dev.actionlayer.tools.ToolResult;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo's fake vendors accept what a model sends when it follows the tool schemas' own
 * examples, so that {@code mcp --demo} works without reading the source.
 */
class DemoVendorsTest {

  @Test
  void theDemosJiraCreatesATaskInTheProjectTheSchemaGivesAsItsExample() {
    try (DemoVendors vendors = new DemoVendors();
        ActionLayer layer = vendors.layer(UnaryOperator.identity()).build()) {
      Tool create = layer.tools().tool("tasks_create").orElseThrow();
      String project = create.parameters().stream().filter(p -> p.name().equals("project"))
          .map(ToolParameter::description).findFirst().orElseThrow();
      Matcher example = Pattern.compile("such as ([A-Z][A-Z0-9]+)").matcher(project);
      assertThat(example.find()).as(project).isTrue();

      ToolResult r = layer.tools().execute("tasks_create", Json.write(Map.of(
          "connection", "jira", "project", example.group(1), "title", "Fix login bug")));

      assertThat(r.isError()).as(r.json()).isFalse();
      assertThat(Json.objectOrNull(r.json())).containsKey("id").containsEntry("title", "Fix login bug");
      assertThat(vendors.jira.issues()).singleElement().satisfies(i -> assertThat(i.summary()).isEqualTo("Fix login bug"));
    }
  }
}
