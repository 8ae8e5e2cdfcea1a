package dev.actionlayer.jira;

import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical tasks as Jira issues: create, get and delete, and the lookup by dedupe label. */
final class JiraIssues implements Resource<NewTask, Task> {
  static final String LABEL_PREFIX = "actionlayer-";
  private static final String ISSUE = "rest/api/3/issue";
  private static final String SEARCH = "rest/api/3/search/jql";
  private static final String FIELDS = "summary,description,project";

  private final String issueType;
  private final CreateSafety safety;

  JiraIssues(String issueType, CreateSafety safety) {
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
    return new Task(created.id(), input.project(), input.title(), Adf.blankToNull(input.description()));
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(ISSUE).segment(JiraIds.requireIssueIdOrKey(id))
        .query("fields", FIELDS).build();
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return JiraJson.task(JiraJson.ISSUE.fromJson(response.bodySource()));
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
    return first == null ? null : JiraJson.task(first);
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
