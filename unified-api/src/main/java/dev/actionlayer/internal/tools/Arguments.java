package dev.actionlayer.internal.tools;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.ToolParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments checked against the tool's parameters — the same list its JSON Schema
 * is rendered from — before anything is sent: a JSON object, only known names, strings (or null
 * for an optional one), within {@code enum}, {@code maxLength} and {@code pattern}, booleans for
 * flags (kept as {@code "true"}/{@code "false"}), whole numbers within range, required ones present. Every problem is reported at once, as field errors.
 */
final class Arguments {
  private Arguments() {}

  static Map<String, String> parse(String json, List<ToolParameter> parameters) {
    Map<String, Object> raw;
    if (json == null || json.isBlank()) {
      raw = Map.of();
    } else {
      raw = Json.objectOrNull(json);
      if (raw == null) {
        throw new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST)
            .message("the arguments must be one JSON object, e.g. {\"connection\":\"...\"}")
            .fieldError("arguments", "not a JSON object").build());
      }
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
        errors.put(ToolTexts.clip(name), "unknown argument; expected one of "
            + parameters.stream().map(ToolParameter::name).toList());
      }
    }
    for (ToolParameter p : parameters) {
      Object v = raw.get(p.name());
      if (v == null) {
        if (p.required()) errors.put(p.name(), "is required");
        continue;
      }
      if (p.isBoolean()) {
        if (v instanceof Boolean b) values.put(p.name(), b.toString());
        else errors.put(p.name(), "must be true or false");
        continue;
      }
      if (p.isInteger()) {
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
            && num.doubleValue() >= 1 && num.doubleValue() <= p.maxLength()) {
          values.put(p.name(), Long.toString(num.longValue()));
        } else {
          errors.put(p.name(), "must be a whole number from 1 to " + p.maxLength());
        }
        continue;
      }
      if (!(v instanceof String s)) {
        errors.put(p.name(), "must be a string");
        continue;
      }
      if (!p.allowed().isEmpty() && !p.allowed().contains(s)) {
        errors.put(p.name(), "must be one of " + p.allowed());
      } else if (s.length() > p.maxLength()) {
        errors.put(p.name(), "is longer than " + p.maxLength() + " characters");
      } else if (p.pattern() != null && !s.matches(p.pattern())) {
        errors.put(p.name(), "must match " + p.pattern());
      } else {
        values.put(p.name(), s);
      }
    }
    if (!errors.isEmpty()) {
      throw new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST)
          .message("the arguments do not match the tool's schema; nothing was sent")
          .fieldErrors(errors).build());
    }
    return values;
  }
}
