package dev.actionlayer.policy;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * Reads the JSON form of a {@link Policy}: the document as a tree (duplicate keys refused), then
 * each level checked against what it may hold, every error naming its location and what is
 * allowed there, never a value from the document.
 */
final class PolicyReader {
  private static final Set<String> ROOT_KEYS = Set.of("version", "principals");
  private static final Set<String> PRINCIPAL_KEYS = Set.of("allow", "quotas");
  private static final Set<String> RULE_KEYS = Set.of("id", "operations", "connections", "where", "approval");
  private static final Set<String> QUOTA_KEYS = Set.of("id", "operations", "connections", "limit", "per");
  private static final int MAX_DEPTH = 16;

  /** A JSON number kept as its literal text, so that {@code 1.0} is not mistaken for {@code 1}. */
  private record Number(String text) {}

  private PolicyReader() {}

  static Policy read(String json) {
    Object root;
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
    try {
      root = value(reader, 0);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("policy: more than one JSON value; expected one object");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("policy: ")) throw iae;
      // Moshi's own words name what it expected; the path is ours, so that no odd key is repeated.
      String reason = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?s) at path .*$", "")
          .replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?"); // "Invalid escape sequence: \\<CR>" (fuzzing)
      throw new IllegalArgumentException("policy: not valid JSON at " + safePath(reader) + " ("
          + (reason.length() > 120 ? reason.substring(0, 120) : reason) + ")");
    }
    Map<String, Object> doc = object(root, "policy", "an object with \"version\" and \"principals\"");
    keys(doc, ROOT_KEYS, "policy");
    Object version = doc.get("version");
    if (version == null) throw new IllegalArgumentException("version: is required; supported: " + Policy.VERSION);
    if (!(version instanceof Number n) || !n.text().equals(Integer.toString(Policy.VERSION))) {
      throw new IllegalArgumentException("version: unsupported; supported: " + Policy.VERSION);
    }
    Object principalsValue = doc.get("principals");
    if (principalsValue == null) {
      throw new IllegalArgumentException("principals: is required: an object of principal name -> {\"allow\": [...], \"quotas\": [...]}");
    }
    Map<String, Object> principals = object(principalsValue, "principals",
        "an object of principal name -> {\"allow\": [...], \"quotas\": [...]}");
    Map<String, List<Policy.Rule>> rules = new LinkedHashMap<>();
    Map<String, List<Policy.Quota>> quotas = new LinkedHashMap<>();
    int index = 0;
    for (Map.Entry<String, Object> e : principals.entrySet()) {
      String name = e.getKey();
      if (!name.matches(Policy.NAME)) {
        throw new IllegalArgumentException("principals: the " + Policy.ordinal(index) + " principal's name must be"
            + " 1..64 letters, digits, '_', '.', '@', ':' or '-'");
      }
      String at = "principals." + name;
      Map<String, Object> p = object(e.getValue(), at, "an object with \"allow\" and \"quotas\"");
      keys(p, PRINCIPAL_KEYS, at);
      List<Policy.Rule> rs = new ArrayList<>();
      List<Object> allow = array(p.get("allow"), at + ".allow", "an array of rules");
      for (int i = 0; i < allow.size(); i++) rs.add(rule(allow.get(i), at + ".allow[" + i + "]"));
      List<Policy.Quota> qs = new ArrayList<>();
      List<Object> qList = array(p.get("quotas"), at + ".quotas", "an array of quotas");
      for (int i = 0; i < qList.size(); i++) qs.add(quota(qList.get(i), at + ".quotas[" + i + "]"));
      rules.put(name, rs);
      quotas.put(name, qs);
      index++;
    }
    return Policy.of(rules, quotas);
  }

  private static Policy.Rule rule(Object value, String at) {
    Map<String, Object> r = object(value, at, "a rule object with \"operations\" and \"connections\"");
    keys(r, RULE_KEYS, at);
    String id = optionalString(r.get("id"), at + ".id");
    List<String> operations = strings(required(r, "operations", at), at + ".operations");
    List<String> connections = strings(required(r, "connections", at), at + ".connections");
    Map<String, List<String>> where = new LinkedHashMap<>();
    if (r.get("where") != null) {
      Map<String, Object> w = object(r.get("where"), at + ".where", "an object of argument field -> [allowed values]");
      for (Map.Entry<String, Object> e : w.entrySet()) {
        String field = e.getKey();
        // A field name is checked against the rule's operations by Rule itself; until then only
        // a name that looks like a field is repeated in a message.
        String fieldAt = field.matches("[A-Za-z][A-Za-z0-9_]{0,63}") ? at + ".where." + field : at + ".where";
        where.put(field, strings(e.getValue(), fieldAt));
      }
    }
    boolean approval = false;
    if (r.get("approval") != null) {
      String a = r.get("approval") instanceof String s ? s : null;
      if (!"required".equals(a) && !"none".equals(a)) {
        throw new IllegalArgumentException(at + ".approval: must be \"required\" or \"none\"");
      }
      approval = a.equals("required");
    }
    try {
      return new Policy.Rule(id, operations, connections, where, approval);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + "." + e.getMessage(), e);
    }
  }

  private static Policy.Quota quota(Object value, String at) {
    Map<String, Object> q = object(value, at, "a quota object with \"operations\", \"limit\" and \"per\"");
    keys(q, QUOTA_KEYS, at);
    String id = optionalString(q.get("id"), at + ".id");
    List<String> operations = strings(required(q, "operations", at), at + ".operations");
    List<String> connections = q.get("connections") == null ? List.of("*")
        : strings(q.get("connections"), at + ".connections");
    Object limitValue = required(q, "limit", at);
    if (!(limitValue instanceof Number n) || !n.text().matches("[1-9][0-9]{0,9}")) {
      throw new IllegalArgumentException(at + ".limit: must be a whole number from 1 to 1000000000");
    }
    long limit = Long.parseLong(n.text());
    Object perValue = required(q, "per", at);
    Duration per;
    try {
      if (!(perValue instanceof String s)) throw new DateTimeParseException("not a string", "", 0);
      per = Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(at + ".per: must be an ISO-8601 duration such as PT1M, PT1H or P1D");
    }
    try {
      return new Policy.Quota(id, operations, connections, limit, per);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + "." + e.getMessage(), e);
    }
  }

  private static Object required(Map<String, Object> map, String key, String at) {
    Object v = map.get(key);
    if (v == null) throw new IllegalArgumentException(at + "." + key + ": is required");
    return v;
  }

  private static String optionalString(Object value, String at) {
    if (value == null) return null;
    if (!(value instanceof String s) || !s.matches(Policy.NAME)) {
      throw new IllegalArgumentException(at + ": must be 1..64 letters, digits, '_', '.', '@', ':' or '-'");
    }
    return s;
  }

  private static List<String> strings(Object value, String at) {
    List<Object> list = array(value, at, "an array of strings");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) throw new IllegalArgumentException(at + "[" + i + "]: must be a string");
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String at, String expected) {
    if (!(value instanceof Map)) throw new IllegalArgumentException(at + ": must be " + expected);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> array(Object value, String at, String expected) {
    if (value == null) return List.of();
    if (!(value instanceof List)) throw new IllegalArgumentException(at + ": must be " + expected);
    return (List<Object>) value;
  }

  private static void keys(Map<String, Object> map, Set<String> allowed, String at) {
    int i = 0;
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(at + ": the " + Policy.ordinal(i) + " key is not allowed here;"
            + " allowed keys: " + allowed.stream().sorted().toList());
      }
      i++;
    }
  }

  /** The document as maps, lists, strings, {@link Number}s, booleans and nulls. */
  private static Object value(JsonReader reader, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("policy: nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        int i = 0;
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (map.containsKey(name)) {
            throw new IllegalArgumentException("policy: the " + Policy.ordinal(i) + " key of an object at "
                + safePath(reader) + " repeats an earlier key; each key may appear once");
          }
          map.put(name, value(reader, depth + 1));
          i++;
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) list.add(value(reader, depth + 1));
        reader.endArray();
        return list;
      }
      case STRING -> {
        return reader.nextString();
      }
      case NUMBER -> {
        return new Number(reader.nextString());
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw new IOException("unexpected " + reader.peek() + " at path " + safePath(reader));
    }
  }

  /** The reader's path with each key that does not look like a name replaced by {@code ?}. */
  private static String safePath(JsonReader reader) {
    StringBuilder out = new StringBuilder();
    for (String part : reader.getPath().split("(?=[.\\[])")) {
      if (part.startsWith(".") && !part.substring(1).matches("[A-Za-z0-9_@:-]{1,64}")) out.append(".?");
      else if (part.startsWith("[") && !part.matches("\\[\\d{1,9}]")) out.append("?"); // a key holding '['
      else out.append(part);
    }
    return out.toString();
  }
}
