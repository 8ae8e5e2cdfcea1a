package dev.actionlayer.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON-pointer-ish path into a parsed JSON tree: {@code /data/projects/0/gid}; {@code *} stands
 * for every element of an array (or every value of an object), so {@code /errors/*}{@code /message}
 * collects each error's message. {@code ""} is the whole document. Only {@code /}-separated names,
 * array indexes and {@code *}: no escapes (names with {@code /} or {@code ~} are not supported).
 */
final class Pointer {
  private static final Pattern SYNTAX = Pattern.compile("(/[A-Za-z0-9_.$@*-]+)*");
  static final Pointer ROOT = new Pointer("", List.of());

  private final String text;
  private final List<String> steps;

  private Pointer(String text, List<String> steps) {
    this.text = text;
    this.steps = steps;
  }

  /** The pointer {@code text}, or null when it is not one (the reader reports where). */
  static Pointer parseOrNull(String text) {
    if (text == null || !SYNTAX.matcher(text).matches()) return null;
    if (text.isEmpty()) return ROOT;
    return new Pointer(text, List.of(text.substring(1).split("/")));
  }

  /** The first value at this pointer, or null. */
  Object first(Object tree) {
    List<Object> all = new ArrayList<>(1);
    collect(tree, 0, all, true);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every value at this pointer (more than one only through {@code *}), nulls left out. */
  List<Object> all(Object tree) {
    List<Object> all = new ArrayList<>();
    collect(tree, 0, all, false);
    return all;
  }

  /** The first value as text ({@link #text(Object)}), or null. */
  String string(Object tree) {
    return text(first(tree));
  }

  /** Whether anything is at this pointer (a JSON null counts as absent). */
  boolean present(Object tree) {
    return first(tree) != null;
  }

  private void collect(Object node, int step, List<Object> out, boolean firstOnly) {
    if (node == null || firstOnly && !out.isEmpty()) return;
    if (step == steps.size()) {
      out.add(node);
      return;
    }
    String name = steps.get(step);
    if (name.equals("*")) {
      Iterable<?> children = node instanceof List<?> list ? list
          : node instanceof Map<?, ?> map ? map.values() : List.of();
      for (Object child : children) collect(child, step + 1, out, firstOnly);
    } else if (node instanceof Map<?, ?> map) {
      collect(map.get(name), step + 1, out, firstOnly);
    } else if (node instanceof List<?> list && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
      int i = Integer.parseInt(name);
      if (i < list.size()) collect(list.get(i), step + 1, out, firstOnly);
    }
  }

  /**
   * A scalar as text: strings as they are, whole numbers without {@code .0}, booleans as
   * {@code true}/{@code false}; objects and arrays are null (not a field's value).
   */
  static String text(Object value) {
    if (value instanceof String s) return s;
    if (value instanceof Boolean b) return b.toString();
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
      return n.toString();
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
