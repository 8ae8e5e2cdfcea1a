package dev.actionlayer.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain text to and from Atlassian Document Format, the only description format REST v3 takes:
 * blank-line-separated blocks are paragraphs, single newlines are hard breaks.
 */
final class Adf {
  private static final Pattern BLANK_LINE = Pattern.compile("\n\\s*\n");

  private Adf() {}

  /** The ADF document for {@code text}, or null when it is null or blank (Jira: no description). */
  static Map<String, Object> document(String text) {
    if (text == null || text.isBlank()) return null;
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
    List<Object> paragraphs = new ArrayList<>();
    for (String block : BLANK_LINE.split(normalized)) {
      String trimmed = stripNewlines(block);
      if (trimmed.isBlank()) continue;
      paragraphs.add(node("paragraph", inline(trimmed)));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "doc");
    doc.put("version", 1);
    doc.put("content", paragraphs);
    return doc;
  }

  /** The text of an ADF document: text nodes joined, hard breaks as newlines, blocks by a blank line. */
  static String text(Object document) {
    if (document instanceof String) return blankToNull((String) document); // a v2-style plain description
    if (!(document instanceof Map)) return null;
    Object content = ((Map<?, ?>) document).get("content");
    if (!(content instanceof List)) return null;
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object block : (List<?>) content) {
      if (!first) out.append("\n\n");
      first = false;
      collect(block, out, 0);
    }
    return blankToNull(out.toString());
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static List<Object> inline(String paragraph) {
    List<Object> nodes = new ArrayList<>();
    String[] lines = paragraph.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) nodes.add(Map.of("type", "hardBreak"));
      // ADF rejects empty text nodes.
      if (!lines[i].isEmpty()) nodes.add(textNode(lines[i]));
    }
    return nodes;
  }

  private static Map<String, Object> node(String type, List<Object> content) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("type", type);
    node.put("content", content);
    return node;
  }

  private static Map<String, Object> textNode(String text) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("type", "text");
    node.put("text", text);
    return node;
  }

  private static String stripNewlines(String block) {
    int start = 0;
    int end = block.length();
    while (start < end && block.charAt(start) == '\n') start++;
    while (end > start && block.charAt(end - 1) == '\n') end--;
    return block.substring(start, end);
  }

  private static void collect(Object node, StringBuilder out, int depth) {
    // Documents nest lists, tables and panels; a hostile one must not overflow the stack.
    if (!(node instanceof Map) || depth > 64) return;
    Map<?, ?> map = (Map<?, ?>) node;
    Object type = map.get("type");
    if ("text".equals(type) && map.get("text") instanceof String) {
      out.append((String) map.get("text"));
    } else if ("hardBreak".equals(type)) {
      out.append('\n');
    }
    Object children = map.get("content");
    if (children instanceof List) {
      for (Object child : (List<?>) children) collect(child, out, depth + 1);
    }
  }
}
