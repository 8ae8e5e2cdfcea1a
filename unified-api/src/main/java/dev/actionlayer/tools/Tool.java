package dev.actionlayer.tools;

import java.util.List;
import java.util.Objects;

/**
 * One tool of the {@link ToolCatalog}: what a model sees.
 *
 * @param name e.g. {@code tasks_create}: letters, digits and underscores, as every model API accepts
 * @param description what the tool does and how to react to its errors, written for a model
 * @param inputSchema the JSON Schema (draft 2020-12 subset: object, string, enum, maxLength,
 *     required, no additional properties) of the arguments, as JSON text
 * @param parameters the same schema as data, for adapters that build schemas natively
 */
public record Tool(String name, String description, String inputSchema, List<ToolParameter> parameters,
    ToolHints hints) {
  public Tool {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(inputSchema, "inputSchema == null");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(hints, "hints == null");
  }
}
