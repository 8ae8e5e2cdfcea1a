package dev.actionlayer.testkit.fakes;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Validates a {@code POST /rest/api/3/issue} body as Jira Cloud does: every field error at once,
 * in an {@code ErrorCollection}. Messages marked in the fact sheet as corroborated are verbatim;
 * those for issue type, description and labels are Jira's usual wording but unverified.
 */
final class JiraCreate {

  /** The outcome of validation. */
  sealed interface Outcome permits Draft, Rejected {}

  /** A valid create, ready to store. */
  record Draft(String projectKey, String summary, Object description, List<String> labels,
      String issueType) implements Outcome {}

  /** A 400 answer with its body. */
  record Rejected(String body) implements Outcome {}

  static final String SUMMARY_REQUIRED = "You must specify a summary of the issue.";

  private JiraCreate() {}

  /**
   * Validates {@code body}; {@code projects} maps the request's {@code project} object to the
   * canonical project key, or null when the project is unknown.
   */
  static Outcome validate(String body, Function<Map<?, ?>, String> projects) {
    Object root;
    try {
      root = Json.parse(body);
    } catch (IOException | JsonDataException e) {
      return unreadable(body, e);
    }
    if (!(root instanceof Map<?, ?> request)) {
      return new Rejected(Json.errorCollection(List.of("Cannot deserialize value of type "
          + "`IssueUpdateBean` from non-object value"), Map.of()));
    }
    Map<?, ?> fields = request.get("fields") instanceof Map<?, ?> f ? f : Map.of();
    Map<String, String> errors = new LinkedHashMap<>();

    String projectKey = null;
    if (!(fields.get("project") instanceof Map<?, ?> project) || project.isEmpty()) {
      errors.put("project", "project is required");
    } else if ((projectKey = projects.apply(project)) == null) {
      errors.put("project", "valid project is required");
    }

    Object summary = fields.get("summary");
    if (summary != null && !(summary instanceof String)) {
      errors.put("summary", "Operation value must be a string");
    } else if (summary == null || ((String) summary).isBlank()) {
      errors.put("summary", SUMMARY_REQUIRED);
    } else if (((String) summary).length() > 255) {
      errors.put("summary", "Summary must be less than 255 characters.");
    }

    String issueType = issueType(fields.get("issuetype"));
    if (issueType == null) {
      errors.put("issuetype", "Specify an issue type");
    }

    Object description = fields.get("description");
    if (description != null && !Adf.isDocument(description)) {
      errors.put("description",
          "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
    }

    List<String> labels = new ArrayList<>();
    Object rawLabels = fields.get("labels");
    if (rawLabels != null && !(rawLabels instanceof List<?>)) {
      errors.put("labels", "data was not an array");
    } else if (rawLabels != null) {
      for (Object label : (List<?>) rawLabels) {
        String text = String.valueOf(label);
        if (text.chars().anyMatch(Character::isWhitespace)) {
          errors.put("labels", "The label '" + text + "' contains spaces which is invalid.");
        }
        labels.add(text);
      }
    }

    if (!errors.isEmpty()) {
      return new Rejected(Json.errorCollection(List.of(), errors));
    }
    return new Draft(projectKey, (String) summary, description, List.copyOf(labels), issueType);
  }

  private static String issueType(Object value) {
    if (!(value instanceof Map<?, ?> type)) {
      return null;
    }
    if (type.get("name") instanceof String name && !name.isBlank()) {
      return name;
    }
    // Types chosen by id get a plausible name: the fake has no issue type scheme.
    return type.get("id") != null ? "Task" : null;
  }

  /** Jira answers unreadable JSON with its (Jackson) parser message. */
  private static Rejected unreadable(String body, Exception cause) {
    String trimmed = body.strip();
    String message;
    if (trimmed.isEmpty()) {
      message = "No content to map due to end-of-input";
    } else if (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[') {
      char c = trimmed.charAt(0);
      message = "Unexpected character ('" + c + "' (code " + (int) c + ")): expected a valid value"
          + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
    } else {
      message = "Unexpected character in JSON input: " + cause.getMessage();
    }
    return new Rejected(Json.errorCollection(List.of(message), Map.of()));
  }
}
