package dev.actionlayer.jira;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Moshi shapes of the Jira success bodies the connector reads; unknown members are skipped. The
 * records are public only because Moshi's record adapter requires it; the enclosing class keeps
 * them out of the API.
 */
final class JiraJson {
  /** {@code CreatedIssue}: the answer to a create. */
  public record CreatedIssue(String id, String key, String self) {}

  /** {@code IssueBean}, reduced to what a task needs; {@code transitions} only with {@code expand=transitions}. */
  public record IssueBean(String id, String key, Fields fields, List<Transition> transitions) {}

  /** The requested {@code fields} of an issue; {@code description} is an ADF tree. */
  public record Fields(String summary, Object description, ProjectRef project, Status status, User assignee,
      String duedate, List<String> labels) {}

  /** The issue's project. */
  public record ProjectRef(String key) {}

  /** {@code StatusDetails}: a status and its category. */
  public record Status(String name, Category statusCategory) {}

  /** {@code StatusCategory}: {@code new}, {@code indeterminate} or {@code done}. */
  public record Category(String key) {}

  /** A user, known by account id. */
  public record User(String accountId) {}

  /** {@code IssueTransition}: its id and the status it leads to. */
  public record Transition(String id, String name, Status to) {}

  /** The answer to {@code GET /rest/api/3/search/jql}. */
  public record SearchResults(List<IssueBean> issues, String nextPageToken, Boolean isLast) {}

  static final JsonAdapter<CreatedIssue> CREATED = Json.MOSHI.adapter(CreatedIssue.class);
  static final JsonAdapter<IssueBean> ISSUE = Json.MOSHI.adapter(IssueBean.class);
  static final JsonAdapter<SearchResults> SEARCH = Json.MOSHI.adapter(SearchResults.class);
  /** Writes a tree of maps and lists keeping null members, which Jira's edit reads as "clear". */
  static final JsonAdapter<Object> WITH_NULLS = Json.MOSHI.adapter(Object.class).serializeNulls();

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}-\\d{1,19}");
  /** Jira Cloud's category keys, and the ones the document's own example uses. */
  private static final Map<String, TaskStatus> CATEGORIES = Map.of(
      "new", TaskStatus.OPEN, "indeterminate", TaskStatus.IN_PROGRESS, "in-flight", TaskStatus.IN_PROGRESS,
      "done", TaskStatus.DONE, "completed", TaskStatus.DONE);

  private JiraJson() {}

  /**
   * The task an issue describes; Jira may answer with another key than asked (a moved issue), and
   * the answer is what counts. {@code site} is where people browse issues, or null when unknown.
   *
   * @throws IOException when the issue has no id
   */
  static Task task(IssueBean issue, URI site) throws IOException {
    if (issue == null || issue.id() == null || issue.id().isBlank()) {
      throw new IOException("issue has no id");
    }
    String key = issue.key() != null && ISSUE_KEY.matcher(issue.key()).matches() ? issue.key() : null;
    String url = key == null || site == null ? null : site + "/browse/" + key;
    Fields f = issue.fields();
    if (f == null) return new Task(issue.id(), null, null, null, null, null, null, null, List.of(), key, url, Map.of());
    String project = f.project() == null ? null : f.project().key();
    String assignee = f.assignee() == null ? null : f.assignee().accountId();
    List<String> labels = f.labels() == null ? List.of() : withoutNulls(f.labels());
    return new Task(issue.id(), project, f.summary(), Adf.text(f.description()), status(f.status()),
        f.status() == null ? null : f.status().name(), assignee, date(f.duedate()), labels, key, url, Map.of());
  }

  /** Jira's {@code duedate} ({@code YYYY-MM-DD}), or null for anything else. */
  private static String date(String value) {
    return value != null && DATE.matcher(value).matches() ? value : null;
  }

  /** {@code values} without its nulls; Task copies the list, so one without nulls goes as is. */
  private static List<String> withoutNulls(List<String> values) {
    for (String value : values) {
      if (value == null) {
        List<String> kept = new java.util.ArrayList<>(values.size());
        for (String v : values) {
          if (v != null) kept.add(v);
        }
        return kept;
      }
    }
    return values;
  }

  /** The canonical status of a Jira status, by its category; null when it has none Jira defines. */
  static TaskStatus status(Status status) {
    if (status == null || status.statusCategory() == null || status.statusCategory().key() == null) return null;
    return CATEGORIES.get(status.statusCategory().key());
  }
}
