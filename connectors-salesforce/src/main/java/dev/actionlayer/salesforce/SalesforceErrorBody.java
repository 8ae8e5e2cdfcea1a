package dev.actionlayer.salesforce;

import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Salesforce error body says, read best-effort: the JSON array of {@code {message,
 * errorCode, fields}} (key order varies; a lone object is accepted too), the XML {@code
 * <Errors><Error>} form, or the OAuth {@code {error, error_description}} object. HTML pages,
 * truncated JSON and other bodies say nothing.
 */
final class SalesforceErrorBody {
  private static final int MAX_ERRORS = 20;
  private static final int MAX_DUPLICATES = 10;
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}|[a-z][a-z0-9_]{0,99}");

  /**
   * One element of the error array.
   *
   * @param code the {@code errorCode} when it has the shape of one, else empty; never null
   * @param message the message, stripped; may be empty
   * @param fields the field API names the error names
   * @param duplicateIds the ids of the records a duplicate rule matched
   */
  record Error(String code, String message, List<String> fields, List<String> duplicateIds) {}

  private final boolean html;
  private final List<Error> errors;

  private SalesforceErrorBody(boolean html, List<Error> errors) {
    this.html = html;
    this.errors = errors;
  }

  static SalesforceErrorBody parse(VendorResponse response) {
    List<Error> errors = new ArrayList<>();
    if (!response.hasBody()) return new SalesforceErrorBody(false, errors);
    if (response.isHtml()) return new SalesforceErrorBody(true, errors);
    String text = response.bodyString();
    if (text.stripLeading().startsWith("<")) {
      SalesforceXmlErrors.parse(text, MAX_ERRORS).forEach(e -> errors.add(error(e.get("errorCode"),
          e.get("message"), e.containsKey("fields") ? List.of(e.get("fields").split("\n")) : List.of(), null)));
      return new SalesforceErrorBody(false, errors);
    }
    Object root = response.isTruncated() ? null : Json.parseOrNull(text);
    List<?> elements = root instanceof List ? (List<?>) root : root instanceof Map ? List.of(root) : List.of();
    for (Object element : elements) {
      if (!(element instanceof Map) || errors.size() >= MAX_ERRORS) continue;
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) element;
      if (map.get("errorCode") instanceof String) {
        errors.add(error(Json.string(map, "errorCode"), Json.string(map, "message"),
            Json.array(map, "fields"), duplicateIds(map)));
      } else if (map.get("error") instanceof String) {
        errors.add(error(Json.string(map, "error"), Json.string(map, "error_description"), List.of(), null));
      }
    }
    return new SalesforceErrorBody(false, errors);
  }

  /** Whether the body is an HTML page (an org that cannot be reached, a proxy). */
  boolean isHtml() {
    return html;
  }

  /** The first error, or null when the body holds none. */
  Error first() {
    return errors.isEmpty() ? null : errors.get(0);
  }

  /** Salesforce's own short explanation: the distinct messages, joined; null when there are none. */
  String text() {
    List<String> messages = new ArrayList<>();
    for (Error e : errors) {
      if (!e.message().isEmpty() && !messages.contains(e.message())) messages.add(e.message());
    }
    return messages.isEmpty() ? null : String.join("; ", messages);
  }

  /** Per-field messages keyed by canonical field names; a {@code MALFORMED_ID} without fields is on {@code id}. */
  Map<String, String> fieldErrors() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Error e : errors) {
      String problem = e.message().isEmpty() ? e.code() : e.message();
      List<String> fields = e.fields().isEmpty() && e.code().equals("MALFORMED_ID") ? List.of("Id") : e.fields();
      for (String field : fields) {
        out.putIfAbsent(canonicalField(field), problem);
      }
    }
    return out;
  }

  /** Salesforce's field API names mapped to the canonical contact and task fields; others stay as they are. */
  static String canonicalField(String field) {
    switch (field) {
      case "FirstName": return "firstName";
      case "LastName": return "lastName";
      case "Email": return "email";
      case "Subject": return "title";
      case "Description": return "description";
      case "WhatId": return "project";
      case "Phone": return "phone";
      case "Status": return "status";
      case "ActivityDate": return "dueDate";
      case "OwnerId": return "assignee";
      case "Id": return "id";
      default: return field;
    }
  }

  private static Error error(String code, String message, List<?> fields, List<String> duplicateIds) {
    // Salesforce's codes are one-case words (the API's StatusCode enum, OAuth's invalid_grant):
    // anything else is not a code but maybe an echoed token, so it is dropped whole (and never
    // matched against the codes that decide the meaning) rather than trimmed into something
    // still secret.
    String safeCode = code != null && CODE.matcher(code).matches() ? code : "";
    List<String> names = new ArrayList<>();
    for (Object f : fields) {
      // Field API names only: anything else is not a field and not safe to echo as a key.
      if (f instanceof String && ((String) f).matches("[A-Za-z][A-Za-z0-9_]{0,99}")) names.add((String) f);
    }
    return new Error(safeCode,
        message == null ? "" : message.strip(), names, duplicateIds == null ? List.of() : duplicateIds);
  }

  /** The matched record ids under {@code duplicateResut} (sic, as sent) or {@code duplicateResult}. */
  private static List<String> duplicateIds(Map<String, Object> element) {
    Map<String, Object> result = Json.object(element, "duplicateResut");
    if (result == null) result = Json.object(element, "duplicateResult");
    List<String> ids = new ArrayList<>();
    for (Object match : Json.array(result, "matchResults")) {
      if (!(match instanceof Map)) continue;
      for (Object found : Json.array(asMap(match), "matchRecords")) {
        String id = Json.string(Json.object(asMap(found), "record"), "Id");
        if (id != null && SalesforceIds.isRecordId(id) && !ids.contains(id) && ids.size() < MAX_DUPLICATES) ids.add(id);
      }
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }
}
