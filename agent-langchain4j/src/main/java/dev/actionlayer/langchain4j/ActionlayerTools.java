package dev.actionlayer.langchain4j;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The layer's {@link ToolCatalog} as a LangChain4j {@link ToolProvider}: one tool per canonical
 * operation ({@code tasks_create}, {@code contacts_get}, {@code folders_delete}, …), each with a
 * {@link ToolSpecification} built from the catalog's parameters (string properties with their
 * descriptions, the {@code connection} as an enum of the layer's connections, required names, no
 * additional properties) and an executor that runs it through the layer's pipeline.
 *
 * <pre>{@code
 * interface Assistant {
 *   String chat(String request);
 * }
 *
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .toolProvider(ActionlayerTools.from(layer))   // or layer.forPrincipal("agent-7")
 *     .build();
 * }</pre>
 *
 * <p>A tool call never throws into the AI service for what a model can get wrong or a vendor can
 * refuse: the result is the catalog's JSON, marked {@link
 * dev.langchain4j.service.tool.ToolExecutionResult#isError() isError} on failure, so the model reads
 * {@code {"error":{"code":…,"retryable":…,"retryAfterSeconds":…,"fieldErrors":{…},"hint":…}}} and
 * can fix its arguments, wait and repeat, or tell the user. The catalog's {@link
 * dev.actionlayer.tools.ToolResult} also travels as the execution's result object (LangChain4j's
 * {@code ToolExecution.resultObject()}; never sent to the model). Credentials never appear in
 * either.
 *
 * <p>The tools are fixed when the provider is made (the layer's connections do not change), so
 * the provider is not {@linkplain #isDynamic() dynamic}. Immutable and thread-safe.
 */
public final class ActionlayerTools implements ToolProvider {
  private record Entry(ToolSpecification specification, ToolExecutor executor) {}

  private final List<Entry> entries;

  private ActionlayerTools(ToolCatalog catalog) {
    List<Entry> list = new ArrayList<>();
    for (Tool tool : catalog.tools()) {
      list.add(new Entry(Specifications.of(tool), new CatalogToolExecutor(catalog, tool.name())));
    }
    this.entries = List.copyOf(list);
  }

  /**
   * The tools of {@code layer.tools()}, acting as the layer's principal.
   *
   * @throws NullPointerException if {@code layer} is null
   */
  public static ActionlayerTools from(ActionLayer layer) {
    Objects.requireNonNull(layer, "layer == null");
    return new ActionlayerTools(layer.tools());
  }

  /**
   * The tools of {@code catalog}.
   *
   * @throws NullPointerException if {@code catalog} is null
   */
  public static ActionlayerTools from(ToolCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog == null");
    return new ActionlayerTools(catalog);
  }

  /** Every tool with its executor, in the catalog's order; the same tools for every request. */
  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    ToolProviderResult.Builder result = ToolProviderResult.builder();
    for (Entry e : entries) result.add(e.specification(), e.executor());
    return result.build();
  }

  /**
   * The tools' specifications in the catalog's order, for code that calls a {@code ChatModel}
   * directly ({@code ChatRequest.builder().toolSpecifications(...)}) rather than through an AI
   * service.
   */
  public List<ToolSpecification> toolSpecifications() {
    return entries.stream().map(Entry::specification).toList();
  }

  @Override
  public String toString() {
    return "ActionlayerTools" + entries.stream().map(e -> e.specification().name()).toList();
  }
}
