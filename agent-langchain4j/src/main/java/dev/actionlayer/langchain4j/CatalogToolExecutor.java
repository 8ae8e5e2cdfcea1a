package dev.actionlayer.langchain4j;

import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.Objects;

/**
 * Runs one catalog tool for LangChain4j. The catalog never throws for a model's mistake or a
 * vendor's refusal, so neither does this: a failure is a result marked {@code isError}, carrying
 * the error JSON, which LangChain4j sends to the model as the tool's result.
 */
final class CatalogToolExecutor implements ToolExecutor {
  private final ToolCatalog catalog;
  private final String tool;

  CatalogToolExecutor(ToolCatalog catalog, String tool) {
    this.catalog = catalog;
    this.tool = tool;
  }

  /** For callers of the plain method: the JSON alone (an error is {@code {"error":{…}}}). */
  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return run(request).json();
  }

  /** What AI services call: the same JSON, with the error flag set so the model sees a failed call. */
  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    ToolResult result = run(request);
    return ToolExecutionResult.builder()
        .isError(result.isError())
        .result(result)
        .resultText(result.json())
        .build();
  }

  private ToolResult run(ToolExecutionRequest request) {
    Objects.requireNonNull(request, "request == null");
    // The tool this executor was registered for, not request.name(): LangChain4j has already
    // chosen the executor by that name, and nothing here should run a different tool.
    return catalog.execute(tool, request.arguments(), request.id());
  }
}
