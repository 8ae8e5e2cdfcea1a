package dev.actionlayer.describe;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okio.Buffer;

/**
 * Reads and checks a description: every problem is an {@link IllegalArgumentException} naming the
 * JSON path ({@code $.resources.tasks.get.path}) and what is allowed there, never Moshi's stack
 * trace. Unknown members are refused, so a misspelt one never silently does nothing.
 */
final class Reader {
  private static final JsonAdapter<Object> TREE = Json.MOSHI.adapter(Object.class);
  private static final Pattern VENDOR = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern LITERAL_SEGMENT = Pattern.compile("[A-Za-z0-9_.~:@!$&'()*+,;=-]+");
  private static final Pattern OPTION = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
  private static final Pattern EXTRA = Pattern.compile("extra\\.[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> MODIFIERS = Set.of("id", "required", "null");

  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
  private static final int MAX_PATH = 200;

  private final String source;
  private final Map<String, Spec.Option> options = new LinkedHashMap<>();

  private Reader(String source) {
    this.source = source;
  }

  static Spec.Vendor read(String json, String source) {
    return new Reader(source).vendor(parse(json, source));
  }

  private static Object parse(String json, String source) {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
    try {
      Object tree = TREE.fromJson(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException(source + ": $: more than one JSON value");
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(source)) throw iae;
      throw new IllegalArgumentException(source + ": " + printable(reader.getPath())
          + ": not valid JSON there (a syntax error, or a member given twice)");
    }
  }

  private IllegalArgumentException bad(String path, String problem) {
    return new IllegalArgumentException(source + ": " + printable(path) + ": " + problem);
  }

  /**
   * A path as a message may show it: on one line, without control characters, of bounded length —
   * its member names are the author's, any text at all (found by fuzzing: a name holding a line
   * break broke the message over lines).
   */
  static String printable(String path) {
    String line = UNPRINTABLE.matcher(path).replaceAll("?");
    if (line.length() <= MAX_PATH) return line;
    int end = MAX_PATH - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) end--; // never half a character
    return line.substring(0, end) + "\u2026";
  }

  // ---- the document --------------------------------------------------------------------------

  private Spec.Vendor vendor(Object tree) {
    Map<String, Object> root = object(tree, "$");
    members(root, "$", Set.of("vendor", "name", "baseUri", "auth", "options", "requestIdHeader", "usage",
        "errors", "resources"));
    String vendor = string(root, "$", "vendor", true);
    if (!VENDOR.matcher(vendor).matches()) throw bad("$.vendor", "must be lower-case letters, digits and '-' (1 to 32), starting with a letter");
    String name = string(root, "$", "name", false);
    URI baseUri = baseUri(string(root, "$", "baseUri", false));
    String auth = oneOf(root, "$", "auth", Set.of("bearer", "basic", "any"), "bearer");
    Map<String, Object> opts = optionalObject(root, "$", "options");
    for (String o : opts.keySet()) options.put(o, option(opts.get(o), "$.options." + o, o));
    String requestIdHeader = header(root, "$", "requestIdHeader");
    Spec.Usage usage = root.get("usage") == null ? null : usage(object(root.get("usage"), "$.usage"));
    Spec.Errors errors = errors(object(root.get("errors"), "$.errors"));
    Map<String, Object> res = object(root.get("resources"), "$.resources");
    if (res.isEmpty()) throw bad("$.resources", "must describe at least one of tasks, contacts, folders");
    Map<String, Spec.Res> resources = new LinkedHashMap<>();
    for (String noun : res.keySet()) {
      Kind kind = Kind.of(noun);
      if (kind == null) throw bad("$.resources." + noun, "unknown resource; known: contacts, folders, tasks");
      resources.put(noun, resource(kind, object(res.get(noun), "$.resources." + noun), "$.resources." + noun));
    }
    return new Spec.Vendor(vendor, name == null ? vendor : name, baseUri, auth, Map.copyOf(options),
        requestIdHeader, usage, errors, Map.copyOf(resources));
  }

  private URI baseUri(String text) {
    if (text == null) return null;
    try {
      return BaseUris.require(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw bad("$.baseUri", "must be an https:// URI with a host and no user info, query or fragment");
    }
  }

  private Spec.Option option(Object node, String path, String name) {
    if (!OPTION.matcher(name).matches()) throw bad(path, "an option name is a letter then letters or digits (at most 64)");
    Map<String, Object> o = object(node, path);
    members(o, path, Set.of("pattern", "describe", "default"));
    Pattern pattern = regex(o, path, "pattern", true);
    String describe = string(o, path, "describe", false);
    String dflt = string(o, path, "default", false);
    if (dflt != null && !pattern.matcher(dflt).matches()) throw bad(path + ".default", "does not match the option's pattern");
    return new Spec.Option(name, pattern, describe == null ? "a value matching " + pattern.pattern() : describe, dflt);
  }

  private Spec.Usage usage(Map<String, Object> u) {
    members(u, "$.usage", Set.of("remaining", "used", "limit", "reset", "resetIn"));
    String remaining = header(u, "$.usage", "remaining");
    String used = header(u, "$.usage", "used");
    String limit = header(u, "$.usage", "limit");
    if (limit == null) throw bad("$.usage.limit", "is required: the header holding the allowance");
    if ((remaining == null) == (used == null)) throw bad("$.usage", "give one of remaining or used");
    String reset = header(u, "$.usage", "reset");
    String resetIn = oneOf(u, "$.usage", "resetIn", Set.of("epochSeconds", "seconds"), "epochSeconds");
    return new Spec.Usage(remaining, used, limit, reset, resetIn);
  }

  // ---- errors ----------------------------------------------------------------------------------

  private Spec.Errors errors(Map<String, Object> e) {
    String p = "$.errors";
    members(e, p, Set.of("recognizedBy", "message", "messagePrefix", "vendorCode", "requestId", "retryAfter",
        "fieldErrors", "byStatus", "byBody"));
    Spec.FieldErrors fieldErrors = e.get("fieldErrors") == null ? null
        : fieldErrors(object(e.get("fieldErrors"), p + ".fieldErrors"), p + ".fieldErrors");
    Map<Integer, Spec.Rule> byStatus = new LinkedHashMap<>();
    Map<String, Object> statuses = optionalObject(e, p, "byStatus");
    for (String s : statuses.keySet()) {
      String at = p + ".byStatus." + s;
      if (!s.matches("[1-5]\\d\\d")) throw bad(at, "the key must be an HTTP status, e.g. \"402\"");
      byStatus.put(Integer.parseInt(s), rule(object(statuses.get(s), at), at, false));
    }
    List<Spec.Rule> byBody = new ArrayList<>();
    List<Object> rules = optionalArray(e, p, "byBody");
    for (int i = 0; i < rules.size(); i++) byBody.add(rule(object(rules.get(i), p + ".byBody[" + i + "]"), p + ".byBody[" + i + "]", true));
    String prefix = string(e, p, "messagePrefix", false);
    return new Spec.Errors(pointer(e, p, "recognizedBy"), pointer(e, p, "message"), prefix == null ? "" : prefix,
        pointer(e, p, "vendorCode"), pointer(e, p, "requestId"), pointer(e, p, "retryAfter"), fieldErrors,
        Map.copyOf(byStatus), List.copyOf(byBody));
  }

  private Spec.FieldErrors fieldErrors(Map<String, Object> f, String p) {
    members(f, p, Set.of("messages", "pattern", "field", "problem", "map", "statuses", "names"));
    Pointer messages = pointer(f, p, "messages");
    Pattern pattern = regex(f, p, "pattern", false);
    Pointer field = pointer(f, p, "field");
    Pointer map = pointer(f, p, "map");
    int forms = (messages != null ? 1 : 0) + (field != null ? 1 : 0) + (map != null ? 1 : 0);
    if (forms != 1) throw bad(p, "give exactly one of messages (with pattern), field (with problem) or map");
    if ((messages != null) != (pattern != null)) throw bad(p + ".pattern", "goes with messages, and messages with it");
    if (pattern != null && pattern.matcher("").groupCount() < 2) {
      throw bad(p + ".pattern", "needs two groups: the field, then the problem");
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Object> n = optionalObject(f, p, "names");
    for (String vendorName : n.keySet()) names.put(vendorName, string(n, p + ".names", vendorName, true));
    return new Spec.FieldErrors(messages, pattern, field, pointer(f, p, "problem"), map, statuses(f, p),
        Map.copyOf(names));
  }

  private Spec.Rule rule(Map<String, Object> r, String p, boolean byBody) {
    members(r, p, byBody ? Set.of("pointer", "equals", "statuses", "code", "retryable", "message")
        : Set.of("code", "retryable", "message"));
    Pointer pointer = byBody ? pointer(r, p, "pointer") : null;
    String equals = byBody ? string(r, p, "equals", true) : null;
    if (byBody && pointer == null) throw bad(p + ".pointer", "is required: where the body says what happened");
    String code = string(r, p, "code", false);
    ErrorCode errorCode = null;
    if (code != null) {
      try {
        errorCode = ErrorCode.valueOf(code);
      } catch (IllegalArgumentException e) {
        throw bad(p + ".code", "unknown error code; known: " + new TreeSet<>(List.of(names(ErrorCode.values()))));
      }
    }
    Object retryable = r.get("retryable");
    if (retryable != null && !(retryable instanceof Boolean)) throw bad(p + ".retryable", "must be true or false");
    String message = string(r, p, "message", false);
    if (errorCode == null && retryable == null && message == null) throw bad(p, "says nothing: give code, retryable or message");
    return new Spec.Rule(pointer, equals, byBody ? statuses(r, p) : Set.of(), errorCode, (Boolean) retryable, message);
  }

  private Set<Integer> statuses(Map<String, Object> m, String p) {
    Set<Integer> out = new HashSet<>();
    List<Object> list = optionalArray(m, p, "statuses");
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.intValue() < 100 || n.intValue() > 599) {
        throw bad(p + ".statuses[" + i + "]", "must be an HTTP status number");
      }
      out.add(n.intValue());
    }
    return Set.copyOf(out);
  }

  // ---- resources -------------------------------------------------------------------------------

  private Spec.Res resource(Kind kind, Map<String, Object> r, String p) {
    members(r, p, Set.of("idShape", "record", "fields", "url", "status", "create", "find", "get", "update",
        "delete", "list"));
    Map<String, Object> shape = object(r.get("idShape"), p + ".idShape");
    members(shape, p + ".idShape", Set.of("pattern", "message"));
    Pattern idShape = regex(shape, p + ".idShape", "pattern", true);
    String idMessage = string(shape, p + ".idShape", "message", false);
    Pointer record = pointer(r, p, "record");
    Map<String, Pointer> fields = new LinkedHashMap<>();
    Map<String, Object> f = object(r.get("fields"), p + ".fields");
    for (String name : f.keySet()) {
      if (!kind.fields.contains(name) && !EXTRA.matcher(name).matches()) {
        throw bad(p + ".fields." + name, "unknown field; known: " + new TreeSet<>(kind.fields) + " and extra.<name>");
      }
      fields.put(name, pointer(f, p + ".fields", name));
    }
    if (!fields.containsKey("id")) throw bad(p + ".fields.id", "is required: where the record's id is");
    String url = string(r, p, "url", false);
    if (url != null) placeholders(url, p + ".url", kind.fields);
    Spec.Status status = r.get("status") == null ? null : status(kind, object(r.get("status"), p + ".status"), p + ".status");

    Set<String> createNames = new HashSet<>(kind.inputs);
    createNames.add("key");
    Spec.Request create = request(r, p, "create", createNames, true);
    Spec.Request find = r.get("find") == null ? null : request(r, p, "find", createNames, true);
    if (create.idempotencyHeader() != null && find != null) {
      throw bad(p + ".find", "a create keyed by " + create.idempotencyHeader() + " needs no find; give one of them");
    }
    if (find != null && find.items() == null) throw bad(p + ".find.items", "is required: where the found records are");
    Spec.Request get = request(r, p, "get", Set.of("id"), true);
    Set<String> changeNames = new HashSet<>(kind.changes);
    changeNames.add("id");
    changeNames.add("extra.*");
    Spec.Request update = r.get("update") == null ? null : request(r, p, "update", changeNames, true);
    Map<TaskStatus, Spec.Request> statusRequests = new EnumMap<>(TaskStatus.class);
    Object sr = update == null ? null : object(r.get("update"), p + ".update").get("statusRequests");
    if (sr != null) {
      String at = p + ".update.statusRequests";
      Map<String, Object> s = object(sr, at);
      if (kind != Kind.TASKS) throw bad(at, "only tasks have a status");
      for (String canonical : s.keySet()) {
        TaskStatus ts = canonical(canonical, at + "." + canonical);
        statusRequests.put(ts, request(object(s.get(canonical), at + "." + canonical), at + "." + canonical,
            Set.of("id"), false, "status"));
      }
    }
    if (statusRequests.isEmpty() && update != null && status == null && uses(update, "status")) {
      throw bad(p + ".status", "is required when the update sends {status}");
    }
    Spec.Request delete = request(r, p, "delete", Set.of("id"), true);
    Set<String> listNames = new HashSet<>(kind.filters);
    listNames.add("pageSize");
    listNames.add("cursor");
    Spec.Request list = r.get("list") == null ? null : request(r, p, "list", listNames, true);
    if (list != null) {
      if (list.items() == null) throw bad(p + ".list.items", "is required: where the page's records are");
      if (list.cursor() == null && !list.offsetCursor()) throw bad(p + ".list.cursor", "is required: a body pointer, or \"offset\"");
      if (!uses(list, "cursor")) throw bad(p + ".list", "must send {cursor} (in its query or body)");
    }
    return new Spec.Res(kind, idShape, idMessage == null ? "is not an id of this vendor" : idMessage, record == null
        ? Pointer.ROOT : record, Map.copyOf(fields), url, status, create, find, get, update,
        Map.copyOf(statusRequests), delete, list);
  }

  private Spec.Status status(Kind kind, Map<String, Object> s, String p) {
    if (kind != Kind.TASKS) throw bad(p, "only tasks have a status");
    members(s, p, Set.of("field", "toCanonical", "fromCanonical"));
    Pointer field = pointer(s, p, "field");
    if (field == null) throw bad(p + ".field", "is required: where the vendor's status is");
    Map<String, TaskStatus> to = new LinkedHashMap<>();
    Map<String, Object> t = object(s.get("toCanonical"), p + ".toCanonical");
    for (String vendorValue : t.keySet()) to.put(vendorValue, canonical(string(t, p + ".toCanonical", vendorValue, true), p + ".toCanonical." + vendorValue));
    Map<TaskStatus, Object> from = new EnumMap<>(TaskStatus.class);
    Map<String, Object> fc = optionalObject(s, p, "fromCanonical");
    for (String canonical : fc.keySet()) {
      Object v = fc.get(canonical);
      if (Pointer.text(v) == null) throw bad(p + ".fromCanonical." + canonical, "must be a string, number or boolean");
      from.put(canonical(canonical, p + ".fromCanonical." + canonical), v);
    }
    return new Spec.Status(field, Map.copyOf(to), from.isEmpty() ? Map.of() : Map.copyOf(from));
  }

  private TaskStatus canonical(String name, String p) {
    for (TaskStatus s : TaskStatus.values()) if (s.wireName().equals(name)) return s;
    throw bad(p, "a canonical status is one of open, in_progress, done");
  }

  private Spec.Request request(Map<String, Object> r, String p, String verb, Set<String> names, boolean top) {
    if (r.get(verb) == null) throw bad(p + "." + verb, "is required");
    Map<String, Object> m = object(r.get(verb), p + "." + verb);
    return request(m, p + "." + verb, names, top && verb.equals("update"), verb);
  }

  private Spec.Request request(Map<String, Object> m, String p, Set<String> names, boolean update, String verb) {
    Set<String> allowed = new HashSet<>(Set.of("method", "path", "query", "body"));
    if (verb.equals("create")) allowed.addAll(Set.of("idempotencyHeader", "keyMaxLength"));
    if (verb.equals("list") || verb.equals("find")) allowed.add("items");
    if (verb.equals("list")) allowed.add("cursor");
    if (verb.equals("find")) allowed.add("match");
    if (update) allowed.add("statusRequests");
    members(m, p, allowed);
    String method = string(m, p, "method", true).toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) throw bad(p + ".method", "must be one of DELETE, GET, PATCH, POST, PUT");
    String path = string(m, p, "path", true);
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        if (segments.isEmpty() && path.startsWith("/")) continue;
        throw bad(p + ".path", "has an empty segment");
      }
      if (segment.contains("{") || segment.contains("}")) {
        Matcher one = Template.PLACEHOLDER.matcher(segment);
        if (!one.matches()) throw bad(p + ".path", "a placeholder fills a whole segment: {name}, with nothing around it");
        placeholders(segment, p + ".path", names);
      } else if (!LITERAL_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
          || segment.contains("{") || segment.contains("}")) {
        throw bad(p + ".path", "a literal segment is letters, digits and URL-safe punctuation, never . or ..");
      }
      segments.add(segment);
    }
    if (segments.isEmpty()) throw bad(p + ".path", "is empty");
    List<Map.Entry<String, String>> query = new ArrayList<>();
    Map<String, Object> q = optionalObject(m, p, "query");
    for (String name : q.keySet()) {
      String value = string(q, p + ".query", name, true);
      placeholders(value, p + ".query." + name, names);
      query.add(Map.entry(name, value));
    }
    Object body = m.get("body");
    if (body != null) body(body, p + ".body", names);
    if (body != null && (method.equals("GET") || method.equals("DELETE"))) throw bad(p + ".body", "a " + method + " has no body");
    String header = verb.equals("create") ? header(m, p, "idempotencyHeader") : null;
    int keyMax = 255;
    if (m.get("keyMaxLength") != null) {
      if (!(m.get("keyMaxLength") instanceof Number n) || n.intValue() < 16 || n.intValue() > 255 || n.doubleValue() != n.intValue()) {
        throw bad(p + ".keyMaxLength", "must be a whole number from 16 to 255");
      }
      keyMax = ((Number) m.get("keyMaxLength")).intValue();
    }
    Pointer cursor = null;
    boolean offset = false;
    if (verb.equals("list") && m.get("cursor") != null) {
      if ("offset".equals(m.get("cursor"))) offset = true;
      else cursor = pointer(m, p, "cursor");
    }
    return new Spec.Request(method, List.copyOf(segments), List.copyOf(query), body, header, keyMax,
        pointer(m, p, "items"), cursor, offset, pointer(m, p, "match"));
  }

  private void body(Object node, String p, Set<String> names) {
    if (node instanceof String s) placeholders(s, p, names);
    else if (node instanceof Map<?, ?> map) map.forEach((k, v) -> body(v, p + "." + k, names));
    else if (node instanceof List<?> list) for (int i = 0; i < list.size(); i++) body(list.get(i), p + "[" + i + "]", names);
  }

  /** Checks every placeholder in {@code text}: a known name for this verb, known modifiers. */
  private void placeholders(String text, String p, Set<String> names) {
    Matcher m = Template.PLACEHOLDER.matcher(text);
    while (m.find()) {
      Template.Placeholder ph = Template.placeholder(m);
      String name = ph.name();
      boolean known = names.contains(name) || name.startsWith("config.") && options.containsKey(name.substring(7))
          || names.contains("extra.*") && EXTRA.matcher(name).matches();
      if (!known) {
        throw bad(p, "unknown placeholder {" + name + "}; here: " + new TreeSet<>(names).toString().replace("extra.*", "extra.<name>")
            + (options.isEmpty() ? "" : " and config." + new TreeSet<>(options.keySet())));
      }
      for (String mod : ph.modifiers()) {
        if (!MODIFIERS.contains(mod)) throw bad(p, "unknown modifier |" + mod + "; known: |id, |null, |required");
      }
    }
    if (Template.PLACEHOLDER.matcher(text).replaceAll("").matches("(?s).*\\{[A-Za-z|].*")) {
      throw bad(p, "holds a malformed placeholder; write {name} or {name|modifier}");
    }
  }

  private static boolean uses(Spec.Request r, String name) {
    StringBuilder all = new StringBuilder(String.join("/", r.path()));
    r.query().forEach(e -> all.append(' ').append(e.getValue()));
    if (r.body() != null) all.append(' ').append(Json.write(r.body()));
    Matcher m = Template.PLACEHOLDER.matcher(all);
    while (m.find()) if (Template.placeholder(m).name().equals(name)) return true;
    return false;
  }

  // ---- small readers ---------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object node, String path) {
    if (node == null) throw bad(path, "is required (an object)");
    if (!(node instanceof Map<?, ?>)) throw bad(path, "must be an object");
    return (Map<String, Object>) node;
  }

  private Map<String, Object> optionalObject(Map<String, Object> m, String path, String name) {
    return m.get(name) == null ? Map.of() : object(m.get(name), path + "." + name);
  }

  @SuppressWarnings("unchecked")
  private List<Object> optionalArray(Map<String, Object> m, String path, String name) {
    Object v = m.get(name);
    if (v == null) return List.of();
    if (!(v instanceof List<?>)) throw bad(path + "." + name, "must be an array");
    return (List<Object>) v;
  }

  private void members(Map<String, Object> m, String path, Set<String> known) {
    for (String name : m.keySet()) {
      if (!known.contains(name)) throw bad(path + "." + name, "unknown member; known here: " + new TreeSet<>(known));
    }
  }

  private String string(Map<String, Object> m, String path, String name, boolean required) {
    Object v = m.get(name);
    if (v == null) {
      if (required) throw bad(path + "." + name, "is required (a string)");
      return null;
    }
    if (!(v instanceof String s)) throw bad(path + "." + name, "must be a string");
    if (s.chars().anyMatch(Character::isISOControl)) throw bad(path + "." + name, "must not hold control characters");
    return s;
  }

  private String oneOf(Map<String, Object> m, String path, String name, Set<String> allowed, String dflt) {
    String v = string(m, path, name, false);
    if (v == null) return dflt;
    if (!allowed.contains(v)) throw bad(path + "." + name, "must be one of " + new TreeSet<>(allowed));
    return v;
  }

  private String header(Map<String, Object> m, String path, String name) {
    String v = string(m, path, name, false);
    if (v != null && (!HEADER.matcher(v).matches() || v.equalsIgnoreCase("authorization"))) {
      throw bad(path + "." + name, "must be a header name (letters, digits, '-'), never Authorization");
    }
    return v;
  }

  private Pointer pointer(Map<String, Object> m, String path, String name) {
    String v = string(m, path, name, false);
    if (v == null) return null;
    Pointer p = Pointer.parseOrNull(v);
    if (p == null) throw bad(path + "." + name, "must be a pointer such as /data/gid or /errors/*/message");
    return p;
  }

  private Pattern regex(Map<String, Object> m, String path, String name, boolean required) {
    String v = string(m, path, name, required);
    if (v == null) return null;
    try {
      return Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw bad(path + "." + name, "is not a regular expression (" + e.getDescription() + ")");
    }
  }

  private static String[] names(Enum<?>[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) out[i] = values[i].name();
    return out;
  }
}
