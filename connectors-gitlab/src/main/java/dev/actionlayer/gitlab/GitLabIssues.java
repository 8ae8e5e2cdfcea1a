package dev.actionlayer.gitlab;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tasks as GitLab issues: {@code POST /projects/:id/issues}, {@code GET}, {@code PUT} and {@code
 * DELETE /projects/:id/issues/:iid}, the project's issue list (also the lookup by key marker).
 */
final class GitLabIssues implements Resource<NewTask, Task>, Updatable<TaskChanges, Task>,
    Listable<TaskQuery, Task> {
  /** The issue members this connector reads; public only because Moshi requires it. */
  public record Issue(Long iid, Long project_id, String title, String description, String state,
      List<String> labels, List<User> assignees, String due_date, String web_url, References references) {}

  /** An assignee. */
  public record User(Long id, String username) {}

  /** The issue's human-facing references. */
  public record References(String full) {}

  private static final JsonAdapter<Issue> ISSUE = Json.MOSHI.adapter(Issue.class);
  private static final JsonAdapter<List<Issue>> ISSUES =
      Json.MOSHI.adapter(Types.newParameterizedType(List.class, Issue.class));
  /** The marker's prefix: {@code <!-- actionlayer-<key> -->} ends the description of every create. */
  static final String MARKER = "actionlayer-";
  private static final Pattern MARKER_TAIL = Pattern.compile("(?:\\n\\n)?<!-- actionlayer-[A-Za-z0-9-]{1,128} -->\\z");
  private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");
  private static final Pattern PAGE = Pattern.compile("[1-9][0-9]{0,5}");

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    String project = GitLabIds.project(input.project(), "project");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", input.title());
    String marker = "<!-- " + marker(context) + " -->";
    body.put("description", input.description() == null ? marker : input.description() + "\n\n" + marker);
    return issues(VendorRequest.post(), project).json(Json.write(body)).build();
  }

  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return issue(VendorRequest.get(), GitLabIds.issue(id)).build();
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return task(ISSUE.fromJson(response.bodySource()));
  }

  @Override
  public VendorRequest delete(String id) {
    return issue(VendorRequest.delete(), GitLabIds.issue(id)).build();
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.FINDABLE;
  }

  /** The project's issues whose description holds this call's marker, in any state. */
  @Override
  public VendorRequest find(NewTask input, CallContext context) {
    return issues(VendorRequest.get(), GitLabIds.project(input.project(), "project"))
        .query("search", marker(context)).query("in", "description").query("per_page", "20").build();
  }

  /** The oldest issue carrying the exact marker (two mean an earlier duplicate), or null. */
  @Override
  public Task readFound(VendorResponse response, NewTask input, CallContext context) throws IOException {
    List<Issue> found = ISSUES.fromJson(response.bodySource());
    if (found == null) throw new IOException("GitLab answered the issue search without an array");
    String marker = "<!-- " + marker(context) + " -->";
    Issue oldest = null;
    for (Issue issue : found) {
      if (issue != null && issue.iid() != null && issue.description() != null && issue.description().contains(marker)
          && (oldest == null || issue.iid() < oldest.iid())) oldest = issue;
    }
    return oldest == null ? null : task(oldest);
  }

  @Override
  public VendorRequest update(String id, TaskChanges changes, CallContext context) {
    GitLabIds.IssueRef ref = GitLabIds.issue(id);
    if (!changes.extra().isEmpty()) throw unsupported("extra", "the connector changes no GitLab-specific field");
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.title() != null) body.put("title", changes.title());
    if (changes.description() != null) body.put("description", changes.description());
    if (changes.status() != null || changes.vendorStatus() != null) body.put("state_event", stateEvent(changes));
    if (changes.assignee() != null) {
      if (!changes.assignee().isEmpty() && !DIGITS.matcher(changes.assignee()).matches()) {
        throw ActionException.invalidField("assignee", "is not a GitLab user id");
      }
      body.put("assignee_ids", changes.assignee().isEmpty() ? List.of() : List.of(Long.parseLong(changes.assignee())));
    }
    if (changes.dueDate() != null) body.put("due_date", changes.dueDate()); // "" clears it
    if (changes.labels() != null) {
      for (String label : changes.labels()) {
        if (label.indexOf(',') >= 0) throw ActionException.invalidField("labels", "a GitLab label cannot contain a comma");
      }
      body.put("labels", String.join(",", changes.labels()));
    }
    return issue(VendorRequest.put(), ref).json(Json.write(body)).build();
  }

  @Override
  public Task readUpdated(VendorResponse response, String id, TaskChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest list(TaskQuery query, CallContext context) {
    if (query.project() == null) throw ActionException.invalidField("project", "is required: a project id or path");
    if (query.status() == TaskStatus.IN_PROGRESS) throw unsupported("status", "GitLab issues are opened or closed, never in progress");
    VendorRequest.Builder b = issues(VendorRequest.get(), GitLabIds.project(query.project(), "project"));
    if (query.status() != null) b.query("state", query.status() == TaskStatus.OPEN ? "opened" : "closed");
    if (query.assignee() != null) {
      b.query(DIGITS.matcher(query.assignee()).matches() ? "assignee_id" : "assignee_username", query.assignee());
    }
    if (query.text() != null) b.query("search", query.text());
    if (query.cursor() != null && !PAGE.matcher(query.cursor()).matches()) {
      throw ActionException.invalidField("cursor", "is not a cursor this connector made");
    }
    return b.query("per_page", String.valueOf(query.pageSize()))
        .query("page", query.cursor() == null ? "1" : query.cursor()).build();
  }

  /** The cursor is GitLab's {@code X-Next-Page}, empty on the last page. */
  @Override
  public Page<Task> readPage(VendorResponse response, TaskQuery query, CallContext context) throws IOException {
    List<Issue> found = ISSUES.fromJson(response.bodySource());
    if (found == null) throw new IOException("GitLab answered the issue list without an array");
    List<Task> tasks = new ArrayList<>();
    for (Issue issue : found) if (issue != null) tasks.add(task(issue));
    String next = response.header("X-Next-Page");
    return new Page<>(tasks, next != null && PAGE.matcher(next.trim()).matches() ? next.trim() : null);
  }

  private static String stateEvent(TaskChanges changes) {
    if (changes.status() == TaskStatus.IN_PROGRESS) throw unsupported("status", "GitLab issues are opened or closed, never in progress");
    String state = changes.status() != null ? (changes.status() == TaskStatus.OPEN ? "opened" : "closed") : changes.vendorStatus();
    return switch (state) {
      case "opened" -> "reopen";
      case "closed" -> "close";
      default -> throw ActionException.invalidField("vendorStatus", "must be opened or closed");
    };
  }

  private static Task task(Issue issue) throws IOException {
    if (issue == null || issue.iid() == null || issue.project_id() == null) {
      throw new IOException("GitLab answered without an issue iid or project_id");
    }
    String project = String.valueOf(issue.project_id());
    String description = issue.description() == null ? null : MARKER_TAIL.matcher(issue.description()).replaceFirst("");
    TaskStatus status = "opened".equals(issue.state()) ? TaskStatus.OPEN : "closed".equals(issue.state()) ? TaskStatus.DONE : null;
    User first = issue.assignees() == null || issue.assignees().isEmpty() ? null : issue.assignees().get(0);
    Map<String, String> extra = first == null || first.username() == null ? Map.of() : Map.of("assigneeUsername", first.username());
    return new Task(project + "#" + issue.iid(), project, issue.title(),
        description == null || description.isEmpty() ? null : description, status, issue.state(),
        first == null || first.id() == null ? null : String.valueOf(first.id()), issue.due_date(), issue.labels(),
        issue.references() == null ? "#" + issue.iid() : issue.references().full(), issue.web_url(), extra);
  }

  private static String marker(CallContext context) {
    String key = context.idempotencyKey();
    if (!key.matches("[A-Za-z0-9-]{1,128}")) throw ActionException.invalid("the idempotency key cannot be a GitLab marker");
    return MARKER + key;
  }

  private static VendorRequest.Builder issues(VendorRequest.Builder b, String project) {
    return b.path("projects").segment(project).path("issues");
  }

  private static VendorRequest.Builder issue(VendorRequest.Builder b, GitLabIds.IssueRef ref) {
    return issues(b, ref.project()).segment(ref.iid());
  }

  private static ActionException unsupported(String field, String why) {
    return new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
        .fieldError(field, why).message("GitLab: " + why).build());
  }
}
