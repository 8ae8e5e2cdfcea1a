package dev.actionlayer.testkit.fakes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one JQL shape FakeJira understands: {@code labels = "x"} (quotes optional). */
final class JiraJql {

  private static final Pattern LABEL_QUERY = Pattern.compile(
      "\\s*labels\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s\"']+))"
          + "\\s*(?:order\\s+by\\s+.*)?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private JiraJql() {}

  /** Returns the label the query asks for, or null when the query has another shape. */
  static String label(String jql) {
    Matcher m = LABEL_QUERY.matcher(jql);
    if (!m.matches()) {
      return null;
    }
    if (m.group(1) != null) {
      return m.group(1).replaceAll("\\\\(.)", "$1");
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }
}
