package dev.actionlayer.testkit.fakes;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates the body of an insert or upsert as Salesforce does, one error at a time. Verbatim
 * (fact sheet): REQUIRED_FIELD_MISSING, the Id-in-body INVALID_FIELD and INVALID_EMAIL_ADDRESS.
 * Salesforce's usual wording, unverified here: unknown fields, STRING_TOO_LONG, MALFORMED_ID,
 * JSON_PARSER_ERROR (a date too), INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (Task Status) and the
 * external-id-field-in-body refusal.
 */
final class SalesforceSave {

  /** The outcome of validation. */
  sealed interface Outcome permits Accepted, Rejected {}

  /** Valid: the fields to write, by API name; empty strings are null, as Salesforce stores them. */
  record Accepted(Map<String, Object> fields) implements Outcome {}

  /** A 400 answer with its body. */
  record Rejected(String body) implements Outcome {}

  private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private SalesforceSave() {}

  /**
   * @param insert whether the save creates a record (then the required fields must be set)
   * @param urlField the external-id field an upsert names in its URL, which the body may not set;
   *     null for a plain insert
   */
  static Outcome validate(SalesforceSchema.Type type, String body, boolean insert, String urlField) {
    Object root;
    try {
      root = body.isBlank() ? null : Json.parse(body);
    } catch (IOException | JsonDataException e) {
      return parserError("Unexpected character in JSON input: " + e.getMessage());
    }
    if (root == null) {
      return parserError("No content to map due to end-of-input");
    }
    if (!(root instanceof Map<?, ?> object)) {
      return parserError("Cannot deserialize instance of `" + type.name() + "` out of non-object value");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (key.equals("attributes")) {
        continue;
      }
      if (key.equalsIgnoreCase("Id")) {
        return new Rejected(SalesforceResponses.ID_IN_BODY);
      }
      if (urlField != null && key.equalsIgnoreCase(urlField)) {
        return invalid("INVALID_FIELD", "The " + urlField + " field should not be specified in the sobject data.");
      }
      String name = type.canonical(key);
      if (name == null) {
        return invalid("INVALID_FIELD", "No such column '" + key + "' on sobject of type " + type.name());
      }
      Object value = entry.getValue();
      if (value instanceof Map || value instanceof List) {
        return parserError("Cannot deserialize instance of string from "
            + (value instanceof Map ? "START_OBJECT" : "START_ARRAY") + " value");
      }
      fields.put(name, text(value));
    }
    Rejected problem = checkValues(type, fields);
    if (problem != null) {
      return problem;
    }
    List<String> missing = new ArrayList<>();
    for (String required : type.required()) {
      boolean absent = !fields.containsKey(required);
      if ((insert && absent) || (!absent && fields.get(required) == null)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      return invalid("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
          missing.toArray(String[]::new));
    }
    return new Accepted(fields);
  }

  private static Rejected checkValues(SalesforceSchema.Type type, Map<String, Object> fields) {
    for (Map.Entry<String, Object> entry : fields.entrySet()) {
      if (!(entry.getValue() instanceof String value)) {
        continue;
      }
      SalesforceSchema.Field field = type.fields().get(entry.getKey());
      String name = field.name();
      if (field.kind() == SalesforceSchema.Kind.ID && !RECORD_ID.matcher(value).matches()) {
        return invalid("MALFORMED_ID", field.label() + ": id value of incorrect type: " + value, name);
      }
      if (value.length() > field.maxLength()) {
        return invalid("STRING_TOO_LONG", field.label() + ": data value too large: " + value
            + " (max length=" + field.maxLength() + ")", name);
      }
      if (field.kind() == SalesforceSchema.Kind.EMAIL && !EMAIL.matcher(value).matches()) {
        return invalid("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + value, name);
      }
      if (field.kind() == SalesforceSchema.Kind.DATE && !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return parserError("Cannot deserialize instance of date from VALUE_STRING value " + value
            + " or request may be missing a required field");
      }
      if (field.kind() == SalesforceSchema.Kind.PICKLIST && type.name().equals("Task")
          && !SalesforceSchema.TASK_STATUSES.contains(value)) {
        return invalid("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
            + ": bad value for restricted picklist field: " + value, name);
      }
    }
    return null;
  }

  /** Salesforce stores an empty or missing text as null, and numbers and booleans as their text. */
  private static String text(Object value) {
    if (value == null || "".equals(value)) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value);
  }

  private static Rejected invalid(String errorCode, String message, String... fields) {
    return new Rejected(SalesforceResponses.error(errorCode, message, fields));
  }

  private static Rejected parserError(String message) {
    return new Rejected(Json.write(List.of(Json.object("message", message, "errorCode", "JSON_PARSER_ERROR"))));
  }
}
