package dev.actionlayer.jira;

import dev.actionlayer.ActionException;
import dev.actionlayer.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@link TaskQuery} as JQL for {@code GET /rest/api/3/search/jql}. Every agent value is a JQL
 * string literal ({@link JiraIds#jqlString}: quotes and backslashes escaped), so it can never add a
 * clause; the free text is reduced to plain words first, because inside a literal Jira still reads
 * Lucene's operators ({@code AND}, {@code -}, {@code *}, {@code [} ...).
 */
final class JiraSearch {
  /** Characters with a meaning to Jira's text search, and quotes: they become spaces. */
  private static final Pattern TEXT_SYNTAX = Pattern.compile("[+\\-&|!(){}\\[\\]^~*?\\\\:\"'/]+");
  /** Jira's {@code nextPageToken}s are URL-safe text; anything else was not made by Jira. */
  private static final Pattern PAGE_TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,2048}");

  private JiraSearch() {}

  /**
   * The JQL for {@code query}, newest first.
   *
   * @throws ActionException {@code INVALID_REQUEST} when it has no filter (Jira refuses unbounded
   *     searches) or its text has no word to search for
   */
  static String jql(TaskQuery query) {
    List<String> clauses = new ArrayList<>();
    if (query.project() != null) clauses.add("project = " + JiraIds.jqlString(query.project()));
    if (query.status() != null) {
      clauses.add("statusCategory = " + JiraIds.jqlString(JiraTransitions.categoryName(query.status())));
    }
    if (query.assignee() != null) clauses.add("assignee = " + JiraIds.jqlString(query.assignee()));
    if (query.text() != null) clauses.add("text ~ " + JiraIds.jqlString(words(query.text())));
    if (clauses.isEmpty()) {
      throw ActionException.invalidField("project",
          "is required when no other filter is given: Jira refuses a search without a restriction");
    }
    return String.join(" AND ", clauses) + " ORDER BY created DESC";
  }

  /** The words of {@code text}, lower case (so that AND, OR and NOT are words, not operators). */
  static String words(String text) {
    String words = TEXT_SYNTAX.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip()
        .replaceAll("\\s+", " ");
    if (words.isEmpty()) throw ActionException.invalidField("text", "has no word Jira's text search can match");
    return words;
  }

  /**
   * @throws ActionException {@code INVALID_REQUEST} for a cursor that is not a Jira page token
   */
  static String requirePageToken(String cursor) {
    if (!PAGE_TOKEN.matcher(cursor).matches()) {
      throw ActionException.invalidField("cursor", "is not a cursor this Jira connection returned");
    }
    return cursor;
  }
}
