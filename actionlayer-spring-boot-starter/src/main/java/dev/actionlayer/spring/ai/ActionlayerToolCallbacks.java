package dev.actionlayer.spring.ai;

import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import java.util.Objects;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * The tool catalog as Spring AI tools: one {@link ToolCallback} per catalog tool, with the catalog's
 * name, description and JSON Schema, each running {@link ToolCatalog#execute}. A failure (an unknown
 * tool, bad arguments, a vendor's refusal) comes back as the tool's result, the catalog's
 * {@code {"error":{…}}} JSON, which the model can act on; nothing is thrown at Spring AI. The
 * starter registers one as a bean; {@code new ActionlayerToolCallbacks(layer.tools())} outside
 * Spring. Thread-safe.
 */
public final class ActionlayerToolCallbacks implements ToolCallbackProvider {
  private final ToolCallback[] callbacks;

  /** Callbacks for the catalog's tools as listed now. */
  public ActionlayerToolCallbacks(ToolCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog == null");
    this.callbacks = catalog.tools().stream()
        .map((Tool tool) -> new CatalogToolCallback(catalog, tool))
        .toArray(ToolCallback[]::new);
  }

  @Override
  public ToolCallback[] getToolCallbacks() {
    return callbacks.clone();
  }
}
