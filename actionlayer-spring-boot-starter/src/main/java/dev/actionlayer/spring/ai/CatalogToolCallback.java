package dev.actionlayer.spring.ai;

import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * Runs one catalog tool for Spring AI. The catalog never throws for a model's mistake or a vendor's
 * refusal, so neither does this: a failed call returns the catalog's error JSON
 * ({@code {"error":{…}}}, the same text the LangChain4j adapter sends), which Spring AI hands to the
 * model as the tool's result.
 */
final class CatalogToolCallback implements ToolCallback {
  private static final ToolMetadata METADATA = ToolMetadata.builder().returnDirect(false).build();

  private final ToolCatalog catalog;
  private final ToolDefinition definition;

  CatalogToolCallback(ToolCatalog catalog, Tool tool) {
    this.catalog = catalog;
    this.definition = ToolDefinition.builder()
        .name(tool.name())
        .description(tool.description())
        .inputSchema(tool.inputSchema())
        .build();
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  @Override
  public ToolMetadata getToolMetadata() {
    return METADATA;
  }

  @Override
  public String call(String toolInput) {
    // The tool this callback was made for, whatever the model's call said: Spring AI has already
    // chosen the callback by name, and nothing here should run a different tool.
    return catalog.execute(definition.name(), toolInput == null ? "" : toolInput).json();
  }

  @Override
  public String call(String toolInput, ToolContext toolContext) {
    // The context carries application objects for method tools; the catalog needs none.
    return call(toolInput);
  }
}
