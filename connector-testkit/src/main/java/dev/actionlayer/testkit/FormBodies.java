package dev.actionlayer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Form bodies whose keys use OpenAPI's {@code deepObject} style ({@code metadata[first_name]=Ada},
 * Stripe's encoding), which Atlassian's validator reads as flat, unknown properties. They are
 * decoded into the JSON object they encode — a leaf's text made an integer, number or boolean where
 * the document's schema types it so, as a form decoder would — and validated against the same
 * schema, offered by the document under {@link #MEDIA_TYPE} beside the form media type (added by
 * the kit, never under a media type a connector could send). Decoding only: validation stays the
 * validator's.
 */
final class FormBodies {
  static final String FORM = "application/x-www-form-urlencoded";
  /** The media type the kit adds to each form request body of the document, for decoded bodies. */
  static final String MEDIA_TYPE = "application/x-actionlayer-decoded-form+json";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FormBodies() {}

  /** Offers each form request body's schema under {@link #MEDIA_TYPE} too (on the JSON tree, before parsing). */
  static void offerDecoded(JsonNode document) {
    JsonNode paths = document.path("paths");
    for (Iterator<JsonNode> items = paths.elements(); items.hasNext(); ) {
      for (Iterator<JsonNode> ops = items.next().elements(); ops.hasNext(); ) {
        JsonNode content = ops.next().path("requestBody").path("content");
        if (content instanceof ObjectNode c && c.has(FORM) && !c.has(MEDIA_TYPE) && c.get(FORM).has("schema")) {
          c.putObject(MEDIA_TYPE).set("schema", c.get(FORM).get("schema").deepCopy());
        }
      }
    }
  }

  /** Whether {@code body} of {@code contentType} has a deepObject key. */
  static boolean isDeep(String contentType, String body) {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)
        && URLDecoder.decode(body, StandardCharsets.UTF_8).matches("(?s).*[^=&]\\[[^=&]*\\]=.*");
  }

  /** The JSON object {@code body} encodes, typed by {@code schema} (null: all text). */
  static ObjectNode decode(String body, OpenAPI api, Schema<?> schema) {
    ObjectNode root = NODES.objectNode();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      List<String> names = names(key);
      JsonNode node = root;
      Schema<?> at = schema;
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        at = child(api, at, name);
        boolean last = i == names.size() - 1;
        boolean nextIsIndex = !last && names.get(i + 1).matches("\\d*");
        if (last) {
          put(node, name, typed(api, at, value));
        } else {
          JsonNode next = get(node, name);
          if (next == null) next = put(node, name, nextIsIndex ? NODES.arrayNode() : NODES.objectNode());
          node = next;
        }
      }
    }
    return root;
  }

  private static List<String> names(String key) {
    List<String> out = new ArrayList<>();
    int open = key.indexOf('[');
    out.add(open < 0 ? key : key.substring(0, open));
    while (open >= 0) {
      int close = key.indexOf(']', open);
      if (close < 0) break;
      out.add(key.substring(open + 1, close));
      open = key.indexOf('[', close);
    }
    return out;
  }

  private static JsonNode get(JsonNode node, String name) {
    if (node instanceof ArrayNode a) return name.isEmpty() ? null : a.get(Integer.parseInt(name));
    return node.get(name);
  }

  private static JsonNode put(JsonNode node, String name, JsonNode value) {
    if (node instanceof ArrayNode a) {
      int index = name.isEmpty() ? a.size() : Integer.parseInt(name);
      while (a.size() <= index) a.addNull();
      a.set(index, value);
    } else {
      ((ObjectNode) node).set(name, value);
    }
    return value;
  }

  @SuppressWarnings("rawtypes")
  private static Schema<?> child(OpenAPI api, Schema<?> parent, String name) {
    Schema<?> s = ResponseSamples.deref(api, parent);
    if (s == null) return null;
    for (List<Schema> branches : java.util.Arrays.asList(s.getAnyOf(), s.getOneOf(), s.getAllOf())) {
      if (branches == null) continue;
      for (Schema b : branches) {
        Schema<?> found = child(api, b, name);
        if (found != null) return found;
      }
    }
    if (s.getProperties() != null && s.getProperties().containsKey(name)) return s.getProperties().get(name);
    if (s.getItems() != null && name.matches("\\d*")) return s.getItems();
    if (s.getAdditionalProperties() instanceof Schema<?> extra) return extra;
    return null;
  }

  @SuppressWarnings("rawtypes")
  private static JsonNode typed(OpenAPI api, Schema<?> schema, String text) {
    Schema<?> s = ResponseSamples.deref(api, schema);
    List<Schema<?>> candidates = new ArrayList<>();
    if (s != null) {
      candidates.add(s);
      for (List<Schema> branches : java.util.Arrays.asList(s.getAnyOf(), s.getOneOf())) {
        if (branches != null) for (Schema b : branches) candidates.add(ResponseSamples.deref(api, b));
      }
    }
    for (Schema<?> c : candidates) {
      String type = c == null ? null : c.getType();
      try {
        if ("integer".equals(type)) return NODES.numberNode(Long.parseLong(text));
        if ("number".equals(type)) return NODES.numberNode(new java.math.BigDecimal(text));
        if ("boolean".equals(type) && (text.equals("true") || text.equals("false"))) return NODES.booleanNode(Boolean.parseBoolean(text));
      } catch (NumberFormatException notThatType) {
        // try the next candidate; text stays text
      }
    }
    return NODES.textNode(text);
  }

  static Map.Entry<String, String> asJson(String body, OpenAPI api, Schema<?> schema) {
    return Map.entry(MEDIA_TYPE, decode(body, api, schema).toString());
  }
}
