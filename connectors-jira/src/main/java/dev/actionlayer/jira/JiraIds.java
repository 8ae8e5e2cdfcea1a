package dev.actionlayer.jira;

import dev.actionlayer.ActionException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** What Jira accepts as project keys, issue ids and keys, and labels; everything else is refused. */
final class JiraIds {
  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
  private static final Pattern ISSUE_ID_OR_KEY = Pattern.compile("\\d{1,19}|[A-Z][A-Z0-9_]{0,254}-\\d{1,19}");
  private static final Pattern LABEL_SAFE = Pattern.compile("[A-Za-z0-9-]{1,200}");

  private JiraIds() {}

  /**
   * @throws ActionException {@code INVALID_REQUEST} when {@code project} is missing or not a key
   */
  static String requireProjectKey(String project) {
    if (project == null || project.isBlank()) {
      throw ActionException.invalidField("project", "is required for Jira (the project key)");
    }
    if (!PROJECT_KEY.matcher(project).matches()) {
      throw ActionException.invalidField("project",
          "is not a Jira project key (an upper-case letter, then upper-case letters, digits or '_')");
    }
    return project;
  }

  /**
   * Only the two shapes Jira issues are addressed by may reach the wire, so that no value from
   * the agent ({@code ..}, {@code /}, {@code ?}, {@code %2e}, CR/LF) can address another endpoint.
   *
   * @throws ActionException {@code INVALID_REQUEST} for anything else
   */
  static String requireIssueIdOrKey(String id) {
    if (id == null || !ISSUE_ID_OR_KEY.matcher(id).matches()) {
      throw ActionException.invalidField("id", "is not a Jira issue id or key");
    }
    return id;
  }

  /** The idempotency key is documented as letters, digits and dashes; Jira labels forbid spaces. */
  static String requireLabelSafe(String key) {
    if (!LABEL_SAFE.matcher(key).matches()) {
      throw new IllegalArgumentException("idempotency key cannot be a Jira label: " + key.length() + " chars");
    }
    return key;
  }

  /** {@code value} as a JQL string literal. */
  static String jqlString(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Whether numeric issue id {@code a} is older (smaller) than {@code b}; non-numeric ids never are. */
  static boolean olderThan(String a, String b) {
    if (a == null || !a.matches("\\d+")) return false;
    if (b == null || !b.matches("\\d+")) return true;
    return new BigInteger(a).compareTo(new BigInteger(b)) < 0;
  }
}
