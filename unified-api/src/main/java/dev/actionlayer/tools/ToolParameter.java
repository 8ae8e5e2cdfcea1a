package dev.actionlayer.tools;

import java.util.List;
import java.util.Objects;

/**
 * One argument of a {@link Tool}: a string, a whole number (a page size) or (for flags such as
 * {@code dryRun}) a boolean.
 *
 * @param allowed the only values accepted (a JSON Schema {@code enum}), or empty for any
 * @param maxLength the longest value accepted, in characters; for an integer, the largest value
 *     (the smallest is 1)
 * @param pattern a regular expression the whole value must match (JSON Schema {@code pattern}), or null
 * @param type the JSON Schema type: {@code "string"}, {@code "integer"} or {@code "boolean"}
 *     (an integer or a boolean has no {@code allowed} values and no {@code pattern})
 */
public record ToolParameter(String name, String description, boolean required, List<String> allowed,
    int maxLength, String pattern, String type) {
  /** The JSON Schema type of a string argument. */
  public static final String STRING = "string";
  /** The JSON Schema type of a boolean argument. */
  public static final String BOOLEAN = "boolean";
  /** The JSON Schema type of a whole-number argument. */
  public static final String INTEGER = "integer";

  public ToolParameter {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    allowed = List.copyOf(allowed);
    if (maxLength < 1) throw new IllegalArgumentException("maxLength < 1: " + maxLength);
    Objects.requireNonNull(type, "type == null");
    if (!type.equals(STRING) && !type.equals(BOOLEAN) && !type.equals(INTEGER)) {
      throw new IllegalArgumentException("type must be \"string\", \"integer\" or \"boolean\": " + type);
    }
    if (!type.equals(STRING) && (!allowed.isEmpty() || pattern != null)) {
      throw new IllegalArgumentException("a " + type + " parameter has no allowed values or pattern");
    }
  }

  /** A string argument. */
  public ToolParameter(String name, String description, boolean required, List<String> allowed,
      int maxLength, String pattern) {
    this(name, description, required, allowed, maxLength, pattern, STRING);
  }

  /** An optional boolean argument (a flag), e.g. {@code dryRun}. */
  public static ToolParameter flag(String name, String description) {
    return new ToolParameter(name, description, false, List.of(), 5, null, BOOLEAN);
  }

  /** An optional whole-number argument from 1 to {@code max}, e.g. a page size. */
  public static ToolParameter integer(String name, String description, int max) {
    return new ToolParameter(name, description, false, List.of(), max, null, INTEGER);
  }

  /** Whether this is a whole-number argument. */
  public boolean isInteger() {
    return type.equals(INTEGER);
  }

  /** Whether this is a boolean argument. */
  public boolean isBoolean() {
    return type.equals(BOOLEAN);
  }
}
