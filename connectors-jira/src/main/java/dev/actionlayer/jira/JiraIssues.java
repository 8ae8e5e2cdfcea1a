package dev.actionlayer.jira;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical tasks as Jira issues: create, get, update (edit, and a workflow transition for the
 * status), delete, list (JQL search), and the lookup by dedupe label.
 */
final class JiraIssues implements Resource<NewTask, Task>, Updatable<TaskChanges, Task>, Listable<TaskQuery, Task> {
  static final String LABEL_PREFIX = "actionlayer-";
  private static final String ISSUE = "rest/api/3/issue";
  private static final String SEARCH = "rest/api/3/search/jql";
  private static final String FIELDS = "summary,description,project,status,assignee,duedate,labels";

  private final URI site;
  private final String issueType;
  private final CreateSafety safety;

  /** {@code site} is where people browse issues ({@code <site>/browse/PROJ-12}), or null when unknown. */
  JiraIssues(URI site, String issueType, CreateSafety safety) {
    this.site = site;
    this.issueType = issueType;
    this.safety = safety;
  }

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    String project = JiraIds.requireProjectKey(input.project());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", project));
    fields.put("summary", input.title());
    fields.put("issuetype", Map.of("name", issueType));
    Map<String, Object> description = Adf.document(input.description());
    if (description != null) fields.put("description", description);
    if (safety == CreateSafety.FINDABLE) fields.put("labels", List.of(label(context)));
    return VendorRequest.post().path(ISSUE).json(Json.write(Map.of("fields", fields))).build();
  }

  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context)
      throws IOException {
    JiraJson.CreatedIssue created = JiraJson.CREATED.fromJson(response.bodySource());
    if (created == null || created.id() == null || created.id().isBlank()) {
      throw new IOException("create response has no issue id");
    }
    // The answer is only the id and key: the rest is what was sent (status and url a get reads).
    Task known = JiraJson.task(new JiraJson.IssueBean(created.id(), created.key(), null, null), site);
    List<String> labels = safety == CreateSafety.FINDABLE ? List.of(label(context)) : List.of();
    return new Task(created.id(), input.project(), input.title(), Adf.blankToNull(input.description()), null,
        null, null, null, labels, known.key(), known.url(), Map.of());
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(ISSUE).segment(JiraIds.requireIssueIdOrKey(id))
        .query("fields", FIELDS).build();
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return JiraJson.task(JiraJson.ISSUE.fromJson(response.bodySource()), site);
  }

  /**
   * {@code PUT /rest/api/3/issue/{id}} with only the fields given ({@code 204}, then the pipeline
   * reads the issue); a status change is a transition, made first ({@link JiraTransitions}). A
   * change of the status alone reads the issue back as the update's own request.
   */
  @Override
  public VendorRequest update(String id, TaskChanges changes, CallContext context) {
    String issue = JiraIds.requireIssueIdOrKey(id);
    Map<String, Object> fields = editFields(changes);
    JiraTransitions.apply(issue, changes, context);
    if (fields.isEmpty()) return get(issue);
    // Jira reads a null field as "clear it": the nulls must reach the wire.
    return VendorRequest.put().path(ISSUE).segment(issue)
        .json(JiraJson.WITH_NULLS.toJson(Map.of("fields", fields))).build();
  }

  /** Null for the edit's {@code 204}: the pipeline reads the issue; the read of a status-only change is the issue. */
  @Override
  public Task readUpdated(VendorResponse response, String id, TaskChanges changes, CallContext context)
      throws IOException {
    return response.status() == 204 || !response.hasBody() ? null : read(response);
  }

  /**
   * The {@code fields} of an edit: Jira's names, {@code null} to clear (a description, the
   * assignee, the due date), labels as the whole new set so that a repeat sets the same.
   */
  private static Map<String, Object> editFields(TaskChanges changes) {
    if (!changes.extra().isEmpty()) {
      String name = "extra." + changes.extra().keySet().iterator().next();
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
          .message(name + ": the Jira connector changes only the canonical task fields")
          .fieldError(name, "is not supported by the Jira connector").build());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    if (changes.title() != null) fields.put("summary", changes.title());
    if (changes.description() != null) fields.put("description", Adf.document(changes.description()));
    if (changes.assignee() != null) {
      fields.put("assignee", changes.assignee().isEmpty() ? null : Map.of("accountId", changes.assignee()));
    }
    if (changes.dueDate() != null) fields.put("duedate", changes.dueDate().isEmpty() ? null : changes.dueDate());
    if (changes.labels() != null) fields.put("labels", changes.labels());
    return fields;
  }

  /** {@code GET /rest/api/3/search/jql}: the JQL of the filters, newest first, {@code nextPageToken} as the cursor. */
  @Override
  public VendorRequest list(TaskQuery query, CallContext context) {
    VendorRequest.Builder b = VendorRequest.get().path(SEARCH)
        .query("jql", JiraSearch.jql(query))
        .query("fields", FIELDS)
        .query("maxResults", String.valueOf(query.pageSize()));
    if (query.cursor() != null) b.query("nextPageToken", JiraSearch.requirePageToken(query.cursor()));
    return b.build();
  }

  @Override
  public Page<Task> readPage(VendorResponse response, TaskQuery query, CallContext context) throws IOException {
    JiraJson.SearchResults results = JiraJson.SEARCH.fromJson(response.bodySource());
    if (results == null || results.issues() == null) throw new IOException("search response has no issues array");
    List<Task> tasks = new ArrayList<>();
    for (JiraJson.IssueBean issue : results.issues()) tasks.add(JiraJson.task(issue, site));
    boolean last = Boolean.TRUE.equals(results.isLast()) || results.nextPageToken() == null;
    return new Page<>(tasks, last ? null : results.nextPageToken());
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(ISSUE).segment(JiraIds.requireIssueIdOrKey(id)).build();
  }

  @Override
  public CreateSafety createSafety() {
    return safety;
  }

  @Override
  public VendorRequest find(NewTask input, CallContext context) {
    requireFindable();
    return VendorRequest.get().path(SEARCH)
        .query("jql", "labels = " + JiraIds.jqlString(label(context)))
        .query("fields", FIELDS)
        .query("maxResults", "2")
        .build();
  }

  @Override
  public Task readFound(VendorResponse response, NewTask input, CallContext context)
      throws IOException {
    requireFindable();
    JiraJson.SearchResults results = JiraJson.SEARCH.fromJson(response.bodySource());
    if (results == null || results.issues() == null) {
      throw new IOException("search response has no issues array");
    }
    JiraJson.IssueBean first = null;
    for (JiraJson.IssueBean issue : results.issues()) {
      // Two hits mean an earlier duplicate exists; the oldest (lowest id) is the one to keep.
      if (issue != null && (first == null || JiraIds.olderThan(issue.id(), first.id()))) first = issue;
    }
    return first == null ? null : JiraJson.task(first, site);
  }

  private void requireFindable() {
    if (safety != CreateSafety.FINDABLE) {
      throw new UnsupportedOperationException("dedupe labels are off: Jira creates are not findable");
    }
  }

  private static String label(CallContext context) {
    return LABEL_PREFIX + JiraIds.requireLabelSafe(context.idempotencyKey());
  }

  @Override
  public String toString() {
    return "issues{type=" + issueType + ", " + safety + "}";
  }
}
