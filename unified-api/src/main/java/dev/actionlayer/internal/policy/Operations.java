package dev.actionlayer.internal.policy;

import dev.actionlayer.internal.Canonical;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The canonical operations a policy can name ({@code tasks.create}, {@code folders.delete}, …) and
 * the argument fields each one carries, which a rule's {@code where} may constrain. Adding an
 * operation to the policy language is one line in {@link #VERBS}.
 */
public final class Operations {
  /**
   * Each verb and the argument fields of its call on a resource: a create carries its input
   * record's components ({@code project}, {@code title}, …), a get or delete the record's id, an
   * update the id and its changes' components, a list its query's components.
   */
  private static final Map<String, Function<Canonical<?, ?>, List<String>>> VERBS = verbTable();

  private static Map<String, Function<Canonical<?, ?>, List<String>>> verbTable() {
    Map<String, Function<Canonical<?, ?>, List<String>>> verbs = new LinkedHashMap<>();
    verbs.put("create", kind -> components(kind.inputType()));
    verbs.put("get", kind -> List.of("id"));
    verbs.put("update", kind -> {
      List<String> fields = new java.util.ArrayList<>(List.of("id"));
      fields.addAll(components(kind.changesType()));
      return fields;
    });
    verbs.put("delete", kind -> List.of("id"));
    verbs.put("list", kind -> components(kind.queryType()));
    return Collections.unmodifiableMap(verbs);
  }

  private static final Map<String, List<String>> FIELDS = fields();

  private Operations() {}

  private static Map<String, List<String>> fields() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (Canonical<?, ?> kind : Canonical.all()) {
      VERBS.forEach((verb, fields) -> all.put(kind.noun() + "." + verb, List.copyOf(fields.apply(kind))));
    }
    return Collections.unmodifiableMap(all);
  }

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /** Every operation, resource by resource: {@code tasks.create}, {@code tasks.get}, … */
  public static List<String> all() {
    return List.copyOf(FIELDS.keySet());
  }

  /** The verbs, in order: {@code create}, {@code get}, {@code update}, {@code delete}, {@code list}. */
  public static List<String> verbs() {
    return List.copyOf(VERBS.keySet());
  }

  /** The argument fields of {@code operation}, or an empty list for an unknown one. */
  public static List<String> fields(String operation) {
    return FIELDS.getOrDefault(operation, List.of());
  }

  /**
   * Whether {@code pattern} has the shape of an operation pattern: {@code *},
   * {@code <resource>.<verb>}, {@code <resource>.*} or {@code *.<verb>}, with known resources and
   * verbs.
   */
  public static boolean isPattern(String pattern) {
    if (pattern.equals("*")) return true;
    int dot = pattern.indexOf('.');
    if (dot < 0 || pattern.indexOf('.', dot + 1) >= 0) return false;
    String noun = pattern.substring(0, dot);
    String verb = pattern.substring(dot + 1);
    if (noun.equals("*") && verb.equals("*")) return true;
    return (noun.equals("*") || Canonical.of(noun) != null) && (verb.equals("*") || VERBS.containsKey(verb));
  }

  /** Whether {@code pattern} (any shape {@link #isPattern} accepts) matches {@code operation}. */
  public static boolean matches(String pattern, String operation) {
    if (pattern.equals("*")) return true;
    int dot = pattern.indexOf('.');
    int opDot = operation.indexOf('.');
    if (dot < 0 || opDot < 0) return false;
    String noun = pattern.substring(0, dot);
    String verb = pattern.substring(dot + 1);
    return (noun.equals("*") || noun.equals(operation.substring(0, opDot)))
        && (verb.equals("*") || verb.equals(operation.substring(opDot + 1)));
  }

  /** The known operations {@code pattern} matches, in order. */
  public static List<String> matching(String pattern) {
    List<String> out = new ArrayList<>();
    for (String op : FIELDS.keySet()) if (matches(pattern, op)) out.add(op);
    return out;
  }
}
