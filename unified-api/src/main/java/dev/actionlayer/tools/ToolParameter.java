package dev.actionlayer.tools;

import java.util.List;
import java.util.Objects;

/**
 * One argument of a {@link Tool}: always a string.
 *
 * @param allowed the only values accepted (a JSON Schema {@code enum}), or empty for any
 * @param maxLength the longest value accepted, in characters
 * @param pattern a regular expression the whole value must match (JSON Schema {@code pattern}), or null
 */
public record ToolParameter(String name, String description, boolean required, List<String> allowed,
    int maxLength, String pattern) {
  public ToolParameter {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    allowed = List.copyOf(allowed);
    if (maxLength < 1) throw new IllegalArgumentException("maxLength < 1: " + maxLength);
  }
}
