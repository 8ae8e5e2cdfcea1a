package dev.actionlayer.spi;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one Moshi instance connectors share, and lenient readers for vendor JSON of unknown shape
 * (error bodies). Thread-safe. Moshi reads records and classes reflectively only when they are
 * public: declare a connector's wire models as public nested records of a package-private class.
 */
public final class Json {
  /** The shared Moshi; build typed adapters from it once, in a static field. */
  public static final Moshi MOSHI = new Moshi.Builder().build();

  private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);
  private static final JsonAdapter<Map<String, Object>> OBJECT =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private Json() {}

  /** Parses any JSON value (maps, lists, strings, doubles, booleans), or null when unreadable. */
  public static Object parseOrNull(String json) {
    try {
      return ANY.fromJson(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Parses a JSON object, or null when the text is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> objectOrNull(String json) {
    Object value = parseOrNull(json);
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  /** Parses a JSON array, or null when the text is not one. */
  public static List<?> arrayOrNull(String json) {
    Object value = parseOrNull(json);
    return value instanceof List ? (List<?>) value : null;
  }

  /** Serializes a tree of maps, lists and scalars. */
  public static String write(Object value) {
    return ANY.toJson(value);
  }

  /** {@code map.get(key)} if it is a string, else null. */
  public static String string(Map<String, ?> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof String ? (String) v : null;
  }

  /** {@code map.get(key)} if it is an object, else null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, ?> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  /** {@code map.get(key)} if it is an array, else an empty list. */
  public static List<?> array(Map<String, ?> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof List ? (List<?>) v : List.of();
  }
}
