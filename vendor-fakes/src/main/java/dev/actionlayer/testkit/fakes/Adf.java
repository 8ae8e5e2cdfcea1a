package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Atlassian Document Format trees the way a test wants to assert on them: as plain text. */
final class Adf {

  private Adf() {}

  /** Whether {@code value} is an ADF document root ({@code {"type":"doc", ...}}). */
  static boolean isDocument(Object value) {
    return value instanceof Map<?, ?> map && "doc".equals(map.get("type"));
  }

  /** The document's text: each top-level block's text nodes joined, blocks separated by a blank line. */
  static String text(Object document) {
    if (!(document instanceof Map<?, ?> map)) {
      return null;
    }
    List<String> blocks = new ArrayList<>();
    if (map.get("content") instanceof List<?> content) {
      for (Object block : content) {
        StringBuilder text = new StringBuilder();
        collect(block, text);
        blocks.add(text.toString());
      }
    }
    return String.join("\n\n", blocks);
  }

  private static void collect(Object node, StringBuilder out) {
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    Object type = map.get("type");
    if ("text".equals(type) && map.get("text") instanceof String text) {
      out.append(text);
    } else if ("hardBreak".equals(type)) {
      out.append('\n');
    }
    if (map.get("content") instanceof List<?> children) {
      for (Object child : children) {
        collect(child, out);
      }
    }
  }
}
