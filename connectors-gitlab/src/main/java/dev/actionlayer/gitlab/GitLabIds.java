package dev.actionlayer.gitlab;

import dev.actionlayer.ActionException;
import java.util.regex.Pattern;

/**
 * GitLab's references, checked before they reach the wire: a project is its numeric id or its full
 * path (one URL-encoded segment), a task is {@code <project>#<iid>}.
 */
final class GitLabIds {
  /** An issue: its project (id or path) and its iid. */
  record IssueRef(String project, String iid) {}

  private static final Pattern NUMERIC = Pattern.compile("[1-9][0-9]{0,18}");
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
  private static final Pattern IID = Pattern.compile("[1-9][0-9]{0,9}");

  private GitLabIds() {}

  static String project(String value, String field) {
    if (value == null || value.length() > 1000) throw ActionException.invalidField(field, "is not a GitLab project id or path");
    if (NUMERIC.matcher(value).matches()) return value;
    for (String part : value.split("/", -1)) {
      if (!PART.matcher(part).matches() || part.endsWith(".") || part.endsWith(".git") || part.endsWith(".atom")) {
        throw ActionException.invalidField(field, "is not a GitLab project id or path (group/project)");
      }
    }
    return value;
  }

  static IssueRef issue(String id) {
    int hash = id == null ? -1 : id.lastIndexOf('#');
    if (hash <= 0 || !IID.matcher(id.substring(hash + 1)).matches()) {
      throw ActionException.invalidField("id", "is not a GitLab issue id (<project>#<iid>)");
    }
    return new IssueRef(project(id.substring(0, hash), "id"), id.substring(hash + 1));
  }
}
