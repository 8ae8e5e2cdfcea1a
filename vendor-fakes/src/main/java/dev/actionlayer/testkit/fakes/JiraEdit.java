package dev.actionlayer.testkit.fakes;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@code PUT /rest/api/3/issue/{id}} body ({@code IssueUpdateDetails}) the way Jira
 * Cloud answers it: every field error at once in an {@code ErrorCollection}. The fake edits
 * summary, description (ADF, or null to clear), assignee ({@code {"accountId"}}, or null to
 * unassign), duedate ({@code YYYY-MM-DD}, or null) and labels (the whole new set); any other field
 * gets Jira's "not on the appropriate screen, or unknown" error. The status is not a field: it
 * changes only through a transition. Messages are Jira's usual wording, unverified except the
 * summary's.
 */
final class JiraEdit {

  /** The outcome of validation. */
  sealed interface Outcome permits Edit, Rejected {}

  /** A valid edit: the fields to set, by Jira name; a null value clears the field. */
  record Edit(Map<String, Object> fields) implements Outcome {}

  /** A 400 answer with its body. */
  record Rejected(String body) implements Outcome {}

  private JiraEdit() {}

  static Outcome validate(String body) {
    Object root;
    try {
      root = body.isBlank() ? null : Json.parse(body);
    } catch (IOException | JsonDataException e) {
      return new Rejected(Json.errorCollection(List.of("Unexpected character in JSON input: " + e.getMessage()),
          Map.of()));
    }
    if (!(root instanceof Map<?, ?> request) || !(request.get("fields") instanceof Map<?, ?> fields)) {
      return new Rejected(Json.errorCollection(List.of("Issue update requires the 'fields' or 'update' "
          + "parameter (FakeJira edits through 'fields' only)."), Map.of()));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> edit = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : fields.entrySet()) {
      String name = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      switch (name) {
        case "summary" -> {
          if (!(value instanceof String s) || s.isBlank()) {
            errors.put(name, JiraCreate.SUMMARY_REQUIRED);
          } else if (s.length() > 255) {
            errors.put(name, "Summary must be less than 255 characters.");
          } else {
            edit.put(name, s);
          }
        }
        case "description" -> {
          if (value != null && !Adf.isDocument(value)) {
            errors.put(name, "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
          } else {
            edit.put(name, value);
          }
        }
        case "assignee" -> {
          if (value == null) {
            edit.put(name, null);
          } else if (value instanceof Map<?, ?> user && user.get("accountId") instanceof String id
              && id.matches("[A-Za-z0-9:_-]{1,128}")) {
            edit.put(name, id);
          } else {
            errors.put(name, "Specified user does not exist or you do not have required permissions");
          }
        }
        case "duedate" -> {
          if (value == null) {
            edit.put(name, null);
          } else if (value instanceof String date && date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            edit.put(name, date);
          } else {
            errors.put(name, "Error parsing date string: " + value);
          }
        }
        case "labels" -> {
          List<String> labels = labels(value, errors);
          if (labels != null) edit.put(name, labels);
        }
        default -> errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen,"
            + " or unknown.");
      }
    }
    return errors.isEmpty() ? new Edit(edit) : new Rejected(Json.errorCollection(List.of(), errors));
  }

  private static List<String> labels(Object value, Map<String, String> errors) {
    if (!(value instanceof List<?> list)) {
      errors.put("labels", "data was not an array");
      return null;
    }
    List<String> labels = new ArrayList<>();
    for (Object label : list) {
      String text = String.valueOf(label);
      if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
        errors.put("labels", "The label '" + text + "' contains spaces which is invalid.");
        return null;
      }
      if (!labels.contains(text)) labels.add(text);
    }
    return labels;
  }
}
