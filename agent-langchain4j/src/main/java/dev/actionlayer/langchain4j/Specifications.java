package dev.actionlayer.langchain4j;

import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolParameter;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog {@link Tool} as a LangChain4j {@link ToolSpecification}, built natively from {@link
 * Tool#parameters()} so that every provider module renders it in its own dialect.
 *
 * <p>LangChain4j 1.19's string schema has no {@code maxLength} or {@code pattern}: those bounds are
 * not in the specification, but the catalog checks them before anything is sent and names the
 * field in {@code fieldErrors}, and the descriptions say what a key looks like. {@code strict} is
 * left to the model's setting: strict mode (OpenAI) demands every property be required, which would
 * make the optional arguments mandatory.
 */
final class Specifications {
  private Specifications() {}

  static ToolSpecification of(Tool tool) {
    JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
    List<String> required = new ArrayList<>();
    for (ToolParameter p : tool.parameters()) {
      if (p.isBoolean()) {
        schema.addBooleanProperty(p.name(), p.description());
      } else if (p.isInteger()) {
        schema.addIntegerProperty(p.name(), p.description());
      } else if (p.allowed().isEmpty()) {
        schema.addStringProperty(p.name(), p.description());
      } else {
        schema.addEnumProperty(p.name(), p.allowed(), p.description());
      }
      if (p.required()) required.add(p.name());
    }
    schema.required(required).additionalProperties(false);
    return ToolSpecification.builder()
        .name(tool.name())
        .description(tool.description())
        .parameters(schema.build())
        .build();
  }
}
