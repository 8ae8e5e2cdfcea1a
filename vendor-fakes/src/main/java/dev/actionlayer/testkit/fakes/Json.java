package dev.actionlayer.testkit.fakes;

import static dev.actionlayer.spi.Json.MOSHI;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fakes' JSON on the SPI's shared {@link dev.actionlayer.spi.Json#MOSHI}: strict parsing that
 * says what is wrong (a fake answers malformed input with the vendor's parser message), writing
 * that keeps null members, and ordered map literals. Lenient reads belong to the SPI's {@code Json}.
 */
final class Json {

  private static final JsonAdapter<Object> ADAPTER = MOSHI.adapter(Object.class);
  private static final JsonAdapter<Object> WRITER = ADAPTER.serializeNulls();

  private Json() {}

  /** Parses strict JSON into maps, lists, strings, doubles, booleans and nulls. */
  static Object parse(String json) throws IOException {
    return ADAPTER.fromJson(json);
  }

  /** Writes a tree of maps, lists and scalars, keeping null members (Jira sends them). */
  static String write(Object tree) {
    return WRITER.toJson(tree);
  }

  /** An ordered map literal, because JSON member order matters to people reading captures. */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keysAndValues must come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A Jira/Atlassian {@code ErrorCollection}. */
  static String errorCollection(List<String> errorMessages, Map<String, String> errors) {
    return write(object("errorMessages", errorMessages, "errors", errors));
  }
}
