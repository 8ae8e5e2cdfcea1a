package dev.actionlayer.jira;

import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Jira error body says, read best-effort: the {@code ErrorCollection} ({@code
 * errorMessages}, {@code errors}), the older {@code {"message", "status-code"}} shape, or a short
 * plain-text line. HTML pages, truncated JSON and other bodies say nothing.
 */
final class JiraErrorBody {
  private final boolean jiraJson;
  private final List<String> messages;
  private final Map<String, String> fieldErrors;

  private JiraErrorBody(boolean jiraJson, List<String> messages, Map<String, String> fieldErrors) {
    this.jiraJson = jiraJson;
    this.messages = messages;
    this.fieldErrors = fieldErrors;
  }

  static JiraErrorBody parse(VendorResponse response) {
    List<String> messages = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    if (!response.hasBody() || response.isHtml()) return new JiraErrorBody(false, messages, fields);
    Map<String, Object> json = response.isTruncated() ? null : Json.objectOrNull(response.bodyString());
    if (json != null) {
      for (Object m : Json.array(json, "errorMessages")) addText(messages, m);
      addText(messages, json.get("message"));
      addText(messages, json.get("errorMessage"));
      Map<String, Object> errors = Json.object(json, "errors");
      if (errors != null) {
        for (Map.Entry<String, Object> e : errors.entrySet()) {
          if (e.getValue() instanceof String && !((String) e.getValue()).isBlank()) {
            fields.put(canonicalField(e.getKey()), ((String) e.getValue()).strip());
          }
        }
      }
      return new JiraErrorBody(true, messages, fields);
    }
    // Jira's plain-text 401 is not known to always carry a Content-Type; a bare line counts too.
    String type = response.mediaType();
    if ((type.equals("text/plain") || type.isEmpty()) && !response.isJson() && !response.isTruncated()) {
      addText(messages, response.bodyString());
    }
    return new JiraErrorBody(false, messages, fields);
  }

  /** Whether the body is JSON from Jira's REST API (not a proxy page or a wrong path). */
  boolean isJiraJson() {
    return jiraJson;
  }

  /** Per-field messages keyed by canonical field names where one exists. */
  Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** Jira's own short explanation, or null: its messages, else its field errors summarized. */
  String text() {
    if (!messages.isEmpty()) return String.join("; ", messages);
    if (!fieldErrors.isEmpty()) {
      List<String> parts = new ArrayList<>();
      fieldErrors.forEach((field, problem) -> parts.add(field + ": " + problem));
      return String.join("; ", parts);
    }
    return null;
  }

  /** Jira's field ids mapped to the canonical task fields; others stay as Jira names them. */
  static String canonicalField(String jiraField) {
    // description and project already carry their canonical names.
    return jiraField.equals("summary") ? "title" : jiraField;
  }

  private static void addText(List<String> out, Object value) {
    if (value instanceof String && !((String) value).isBlank()) out.add(((String) value).strip());
  }
}
