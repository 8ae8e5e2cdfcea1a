package dev.actionlayer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The successful responses a document shows for an operation: its examples (Atlassian writes them as
 * JSON inside a string: decoded), and one instance generated from each JSON response schema —
 * every property, the schema's own example, enum or default where it has one, a plain value of the
 * type and format otherwise, cycles and depth cut. Generated instances are checked against the
 * document by the validator before use; this class only proposes them.
 */
final class ResponseSamples {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;
  private static final int OPTIONAL_DEPTH = 2;

  /** One response to serve: status, JSON media type, body, and where it came from. */
  record Sample(int status, String mediaType, String body, String origin, boolean generated) {}

  private ResponseSamples() {}

  static List<Sample> of(OpenAPI api, Operation operation, List<VendorDocument.SampleValue> values) {
    List<Sample> out = new ArrayList<>();
    if (operation.getResponses() == null) return out;
    for (Map.Entry<String, ApiResponse> e : operation.getResponses().entrySet()) {
      int status = status(e.getKey());
      if (status < 200 || status > 299) continue;
      ApiResponse response = resolve(api, e.getValue());
      if (response.getContent() == null) continue;
      for (Map.Entry<String, MediaType> c : response.getContent().entrySet()) {
        String mt = c.getKey();
        if (!mt.contains("json") && !mt.equals("*/*")) continue;
        String jsonType = mt.equals("*/*") ? "application/json" : mt;
        MediaType media = c.getValue();
        String where = e.getKey() + " " + mt;
        addExample(out, status, jsonType, media.getExample(), "the example of " + where);
        if (media.getExamples() != null) {
          for (Map.Entry<String, Example> x : media.getExamples().entrySet()) {
            Example example = x.getValue();
            if (example.get$ref() != null && api.getComponents() != null && api.getComponents().getExamples() != null) {
              example = api.getComponents().getExamples().get(refName(example.get$ref()));
            }
            if (example != null) addExample(out, status, jsonType, example.getValue(), "example '" + x.getKey() + "' of " + where);
          }
        }
        if (media.getSchema() != null) {
          Schema<?> schema = deref(api, media.getSchema());
          if (schema.getExample() != null) addExample(out, status, jsonType, schema.getExample(), "the schema example of " + where);
          JsonNode generated = new Generator(api, values).value(media.getSchema(), 0);
          if (generated != null) out.add(new Sample(status, jsonType, generated.toString(), "generated from the schema of " + where, true));
        }
      }
    }
    return out;
  }

  private static int status(String code) {
    if (code.equalsIgnoreCase("2XX")) return 200;
    try {
      return Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void addExample(List<Sample> out, int status, String mediaType, Object value, String origin) {
    if (value == null) return;
    JsonNode node = MAPPER.valueToTree(value);
    if (node.isTextual()) {
      try {
        node = MAPPER.readTree(node.asText());
      } catch (Exception notJson) {
        return;
      }
    }
    if (node != null && (node.isObject() || node.isArray())) out.add(new Sample(status, mediaType, node.toString(), origin, false));
  }

  private static ApiResponse resolve(OpenAPI api, ApiResponse r) {
    if (r.get$ref() != null && api.getComponents() != null && api.getComponents().getResponses() != null) {
      ApiResponse target = api.getComponents().getResponses().get(refName(r.get$ref()));
      if (target != null) return target;
    }
    return r;
  }

  static Schema<?> deref(OpenAPI api, Schema<?> s) {
    int hops = 0;
    while (s != null && s.get$ref() != null && hops++ < 20) {
      if (api.getComponents() == null || api.getComponents().getSchemas() == null) return s;
      Schema<?> next = api.getComponents().getSchemas().get(refName(s.get$ref()));
      if (next == null) return s;
      s = next;
    }
    return s;
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** One instance of a schema. */
  private static final class Generator {
    private final OpenAPI api;
    private final List<VendorDocument.SampleValue> values;
    private final Set<Schema<?>> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Generator(OpenAPI api, List<VendorDocument.SampleValue> values) {
      this.api = api;
      this.values = values;
    }

    JsonNode value(Schema<?> raw, int depth) {
      Schema<?> s = deref(api, raw);
      if (s == null || depth > MAX_DEPTH || !open.add(s)) return null;
      try {
        return valueOf(s, depth);
      } finally {
        open.remove(s);
      }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private JsonNode valueOf(Schema<?> s, int depth) {
      if (s.getExample() != null && !isObject(s)) return MAPPER.valueToTree(example(s));
      if (s.getEnum() != null && !s.getEnum().isEmpty()) return MAPPER.valueToTree(s.getEnum().get(0));
      if (s.getDefault() != null) return MAPPER.valueToTree(s.getDefault());
      if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
        ObjectNode merged = NODES.objectNode();
        for (Schema part : s.getAllOf()) {
          JsonNode v = value(part, depth);
          if (v instanceof ObjectNode o) merged.setAll(o);
        }
        if (s.getProperties() != null) merged.setAll(properties(s, depth));
        return merged;
      }
      if (s.getOneOf() != null && !s.getOneOf().isEmpty()) return value(simplest(s.getOneOf()), depth);
      if (s.getAnyOf() != null && !s.getAnyOf().isEmpty()) return value(simplest(s.getAnyOf()), depth);
      String type = type(s);
      if ("array".equals(type)) {
        ArrayNode array = NODES.arrayNode();
        JsonNode item = s.getItems() == null ? null : value(s.getItems(), depth + 1);
        if (item != null) array.add(item);
        return array;
      }
      if (isObject(s)) return properties(s, depth);
      if (type == null) return NODES.nullNode();
      switch (type) {
        case "integer":
          return NODES.numberNode(s.getMinimum() != null ? s.getMinimum().longValue() : 1L);
        case "number":
          return NODES.numberNode(s.getMinimum() != null ? s.getMinimum().doubleValue() : 1.5);
        case "boolean":
          return NODES.booleanNode(false);
        default:
          return NODES.textNode(string(s));
      }
    }

    /**
     * Every property near the top, the required ones below: a deep graph (Stripe's customer)
     * stays finite, and the instance still has what the schema demands.
     */
    private ObjectNode properties(Schema<?> s, int depth) {
      ObjectNode object = NODES.objectNode();
      if (s.getProperties() == null) return object;
      List<String> required = s.getRequired() == null ? List.of() : s.getRequired();
      for (Map.Entry<String, Schema> p : s.getProperties().entrySet()) {
        if (depth >= OPTIONAL_DEPTH && !required.contains(p.getKey())) continue;
        JsonNode v = value(p.getValue(), depth + 1);
        if (v == null && Boolean.TRUE.equals(deref(api, p.getValue()).getNullable())) v = NODES.nullNode();
        if (v != null) object.set(p.getKey(), v);
      }
      for (VendorDocument.SampleValue given : values) {
        if (s.getProperties().containsKey(given.property())) object.set(given.property(), MAPPER.valueToTree(given.value()));
      }
      return object;
    }

    /**
     * The schema's example. Resolving an {@code allOf} ({@code [{type: boolean, example: true},
     * {nullable: false}]}, Box's way of narrowing a property), the parser collects the parts'
     * examples into a set: a collection for a schema that is not an array is the first of them.
     */
    private static Object example(Schema<?> s) {
      Object example = s.getExample();
      if (example instanceof java.util.Collection<?> merged && !merged.isEmpty() && !"array".equals(type(s))) {
        return merged.iterator().next();
      }
      return example;
    }

    /** Of alternatives, a plain value over an object: Stripe's expandable ids ({@code anyOf: [string, Customer]}). */
    @SuppressWarnings("rawtypes")
    private Schema<?> simplest(List<Schema> alternatives) {
      for (Schema a : alternatives) {
        Schema<?> d = deref(api, a);
        if (d != null && d.get$ref() == null && !isObject(d) && d.getAnyOf() == null && d.getOneOf() == null
            && d.getAllOf() == null && !"array".equals(type(d))) {
          return a;
        }
      }
      return alternatives.get(0);
    }

    private static boolean isObject(Schema<?> s) {
      return "object".equals(type(s)) || (type(s) == null && s.getProperties() != null);
    }

    private static String type(Schema<?> s) {
      if (s.getType() != null) return s.getType();
      return s.getTypes() == null || s.getTypes().isEmpty() ? null : s.getTypes().iterator().next();
    }

    private static String string(Schema<?> s) {
      String format = s.getFormat() == null ? "" : s.getFormat();
      String v = switch (format) {
        case "date-time" -> "2026-11-25T10:00:00Z";
        case "date" -> "2026-11-25";
        case "email" -> "ada@example.com";
        case "uri", "url" -> "https://example.com/resource";
        case "uuid" -> "6f1c2b1e-5d4a-4c3b-9a8f-0e1d2c3b4a59";
        case "byte" -> "c2FtcGxl";
        default -> "sample";
      };
      int min = s.getMinLength() == null ? 0 : s.getMinLength();
      StringBuilder b = new StringBuilder(v);
      while (b.length() < min) b.append('x');
      return s.getMaxLength() != null && b.length() > s.getMaxLength() ? b.substring(0, s.getMaxLength()) : b.toString();
    }
  }
}
