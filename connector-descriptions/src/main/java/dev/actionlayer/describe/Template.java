package dev.actionlayer.describe;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a described request with one call's values. A placeholder {@code {name|modifier…}} that
 * is a whole JSON string keeps its value's type (a list of labels, a boolean status); inside
 * longer text it is interpolated. A placeholder without a value leaves its member (or query
 * parameter, or array element) out, so an update sends only the fields given. In a path a
 * placeholder fills one whole segment through {@link VendorRequest.Builder#segment}: a value can
 * never add, remove or escape a segment. Modifiers: {@code |id} checks the value against the
 * resource's id shape, {@code |required} refuses a call without it, {@code |null} sends
 * {@code ""} (the canonical "clear") as JSON null.
 */
final class Template {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.-]*)((?:\\|[a-z]+)*)\\}");
  private static final JsonAdapter<Object> WRITER = Json.MOSHI.adapter(Object.class).serializeNulls();
  /** A placeholder without a value: its member is left out. */
  static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "(absent)";
    }
  };

  record Placeholder(String name, List<String> modifiers) {
    boolean has(String modifier) {
      return modifiers.contains(modifier);
    }
  }

  private Template() {}

  static Placeholder placeholder(Matcher m) {
    String mods = m.group(2);
    return new Placeholder(m.group(1), mods.isEmpty() ? List.of() : List.of(mods.substring(1).split("\\|")));
  }

  /** One call's values by canonical name, and which of them the request used. */
  static final class Values {
    private final Spec.Vendor vendor;
    private final Spec.Res res;
    private final Map<String, Object> values;
    private final Set<String> used = new HashSet<>();

    Values(Spec.Vendor vendor, Spec.Res res, Map<String, Object> values) {
      this.vendor = vendor;
      this.res = res;
      this.values = values;
    }

    /** The names given a value that no template used (an update or a filter the vendor cannot make). */
    List<String> unused() {
      List<String> out = new ArrayList<>();
      for (String name : values.keySet()) {
        if (!used.contains(name) && !name.startsWith("config.") && !Set.of("id", "key", "pageSize", "cursor").contains(name)) {
          out.add(name);
        }
      }
      return out;
    }

    Object resolve(Placeholder ph) {
      String name = ph.name();
      used.add(name);
      Object v = values.get(name);
      if (v instanceof TaskStatus status) v = vendorStatus(status, name);
      if (v == null) {
        if (ph.has("required")) throw ActionException.invalidField(name, "is required");
        return ABSENT;
      }
      if (v.equals("") && ph.has("null")) return null;
      if ((name.equals("id") || ph.has("id")) && !(v instanceof String s && res.idShape().matcher(s).matches())) {
        throw ActionException.invalidField(name, res.idMessage());
      }
      return v;
    }

    private Object vendorStatus(TaskStatus status, String field) {
      Object v = res.status() == null ? null : res.status().fromCanonical().get(status);
      if (v == null) throw unsupported(vendor, field, "cannot be " + status.wireName() + " on " + vendor.name());
      return v;
    }
  }

  static ActionException unsupported(Spec.Vendor vendor, String field, String problem) {
    return new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
        .message(vendor.name() + ": " + field + " " + problem).fieldError(field, problem).build());
  }

  /** The request {@code r} filled with {@code v}. */
  static VendorRequest.Builder build(Spec.Request r, Values v) {
    VendorRequest.Builder b = switch (r.method()) {
      case "GET" -> VendorRequest.get();
      case "POST" -> VendorRequest.post();
      case "PUT" -> VendorRequest.put();
      case "PATCH" -> VendorRequest.patch();
      default -> VendorRequest.delete();
    };
    StringBuilder literal = new StringBuilder();
    for (String segment : r.path()) {
      Matcher m = PLACEHOLDER.matcher(segment);
      if (!m.matches()) {
        literal.append(literal.length() == 0 ? "" : "/").append(segment);
        continue;
      }
      if (literal.length() > 0) b.path(literal.toString());
      literal.setLength(0);
      Placeholder ph = placeholder(m);
      Object value = v.resolve(ph);
      String text = Pointer.text(value);
      if (value == ABSENT || text == null || text.isEmpty()) throw ActionException.invalidField(ph.name(), "is required");
      b.segment(text);
    }
    if (literal.length() > 0) b.path(literal.toString());
    for (Map.Entry<String, String> q : r.query()) {
      Object value = fill(q.getValue(), v);
      if (value == ABSENT || value == null) continue;
      b.query(q.getKey(), value instanceof List<?> list ? String.join(",", strings(list)) : Pointer.text(value));
    }
    if (r.body() != null) b.json(WRITER.toJson(tree(r.body(), v)));
    return b;
  }

  private static List<String> strings(List<?> list) {
    List<String> out = new ArrayList<>();
    for (Object o : list) out.add(String.valueOf(o));
    return out;
  }

  private static Object tree(Object node, Values v) {
    if (node instanceof String s) return fill(s, v);
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, value) -> {
        Object filled = tree(value, v);
        if (filled != ABSENT) out.put((String) k, filled);
      });
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      boolean dropped = false;
      for (Object item : list) {
        Object filled = tree(item, v);
        if (filled == ABSENT) dropped = true;
        else out.add(filled);
      }
      return dropped && out.isEmpty() ? ABSENT : out;
    }
    return node;
  }

  /** A whole-string placeholder keeps its value's type; text around placeholders interpolates them. */
  static Object fill(String text, Values v) {
    Matcher m = PLACEHOLDER.matcher(text);
    if (m.matches()) return v.resolve(placeholder(m));
    StringBuilder out = new StringBuilder();
    int last = 0;
    m.reset();
    while (m.find()) {
      Object value = v.resolve(placeholder(m));
      if (value == ABSENT) return ABSENT;
      out.append(text, last, m.start()).append(value == null ? "" : value instanceof List<?> list
          ? String.join(",", strings(list)) : Pointer.text(value));
      last = m.end();
    }
    return out.append(text.substring(last)).toString();
  }
}
