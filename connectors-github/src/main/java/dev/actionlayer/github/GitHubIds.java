package dev.actionlayer.github;

import dev.actionlayer.ActionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's names, checked before they reach the wire: {@code owner/repo} for a project,
 * {@code owner/repo#number} for a task, a login for an assignee, a page number for a cursor.
 */
final class GitHubIds {
  /** A repository: each part becomes one path segment. */
  record Repo(String owner, String name) {}

  /** An issue of a repository. */
  record IssueRef(Repo repo, String number) {}

  private static final String OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
  private static final String NAME = "[A-Za-z0-9._-]{1,100}";
  private static final Pattern REPO = Pattern.compile("(" + OWNER + ")/(" + NAME + ")");
  private static final Pattern ISSUE = Pattern.compile("(" + OWNER + ")/(" + NAME + ")#([1-9][0-9]{0,9})");
  private static final Pattern LOGIN = Pattern.compile(OWNER + "(?:\\[bot\\])?");
  private static final Pattern PAGE = Pattern.compile("[1-9][0-9]{0,5}");

  private GitHubIds() {}

  static Repo repo(String value, String field) {
    Matcher m = value == null ? null : REPO.matcher(value);
    if (m == null || !m.matches() || dots(m.group(2))) {
      throw ActionException.invalidField(field, "is not a GitHub repository (owner/repo)");
    }
    return new Repo(m.group(1), m.group(2));
  }

  static IssueRef issue(String id) {
    Matcher m = id == null ? null : ISSUE.matcher(id);
    if (m == null || !m.matches() || dots(m.group(2))) {
      throw ActionException.invalidField("id", "is not a GitHub issue id (owner/repo#number)");
    }
    return new IssueRef(new Repo(m.group(1), m.group(2)), m.group(3));
  }

  static String login(String value, String field) {
    if (!LOGIN.matcher(value).matches()) throw ActionException.invalidField(field, "is not a GitHub login");
    return value;
  }

  static String page(String cursor) {
    if (!PAGE.matcher(cursor).matches()) throw ActionException.invalidField("cursor", "is not a cursor this connector made");
    return cursor;
  }

  private static boolean dots(String name) {
    return name.equals(".") || name.equals("..");
  }
}
