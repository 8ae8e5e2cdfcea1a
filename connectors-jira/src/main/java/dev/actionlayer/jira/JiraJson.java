package dev.actionlayer.jira;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.util.List;

/**
 * Moshi shapes of the Jira success bodies the connector reads; unknown members are skipped. The
 * records are public only because Moshi's record adapter requires it; the enclosing class keeps
 * them out of the API.
 */
final class JiraJson {
  /** {@code CreatedIssue}: the answer to a create. */
  public record CreatedIssue(String id, String key, String self) {}

  /** {@code IssueBean}, reduced to what a task needs. */
  public record IssueBean(String id, String key, Fields fields) {}

  /** The requested {@code fields} of an issue; {@code description} is an ADF tree. */
  public record Fields(String summary, Object description, ProjectRef project) {}

  /** The issue's project. */
  public record ProjectRef(String key) {}

  /** The answer to {@code GET /rest/api/3/search/jql}. */
  public record SearchResults(List<IssueBean> issues) {}

  static final JsonAdapter<CreatedIssue> CREATED = Json.MOSHI.adapter(CreatedIssue.class);
  static final JsonAdapter<IssueBean> ISSUE = Json.MOSHI.adapter(IssueBean.class);
  static final JsonAdapter<SearchResults> SEARCH = Json.MOSHI.adapter(SearchResults.class);

  private JiraJson() {}

  /**
   * The task an issue describes; Jira may answer with another key than asked (a moved issue), and
   * the answer is what counts.
   *
   * @throws IOException when the issue has no id
   */
  static Task task(IssueBean issue) throws IOException {
    if (issue == null || issue.id() == null || issue.id().isBlank()) {
      throw new IOException("issue has no id");
    }
    Fields fields = issue.fields();
    if (fields == null) return new Task(issue.id(), null, null, null);
    String project = fields.project() == null ? null : fields.project().key();
    return new Task(issue.id(), project, fields.summary(), Adf.text(fields.description()));
  }
}
