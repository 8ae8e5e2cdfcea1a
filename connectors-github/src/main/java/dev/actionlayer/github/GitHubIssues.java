package dev.actionlayer.github;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks as GitHub issues: {@code POST /repos/{owner}/{repo}/issues}, {@code GET} and {@code PATCH
 * …/issues/{number}}, the repository's issue list (or {@code /search/issues} for a text filter), and
 * the GraphQL {@code deleteIssue} mutation.
 */
final class GitHubIssues implements Resource<NewTask, Task>, Updatable<TaskChanges, Task>,
    Listable<TaskQuery, Task> {
  /** The issue members this connector reads; public only because Moshi requires it. */
  public record Issue(Long number, String node_id, String title, String body, String state,
      String state_reason, String html_url, String repository_url, List<Object> labels,
      List<Named> assignees, Object pull_request) {}

  /** A user ({@code login}). */
  public record Named(String name, String login) {}

  /** {@code GET /search/issues}'s answer. */
  public record SearchResults(List<Issue> items) {}

  private static final JsonAdapter<Issue> ISSUE = Json.MOSHI.adapter(Issue.class);
  private static final JsonAdapter<List<Issue>> ISSUES =
      Json.MOSHI.adapter(Types.newParameterizedType(List.class, Issue.class));
  private static final JsonAdapter<SearchResults> SEARCH = Json.MOSHI.adapter(SearchResults.class);
  private static final Pattern REPO_URL = Pattern.compile(".*/repos/([^/]+)/([^/]+)/?");
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");
  private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d{1,6})(?:&|$)");
  static final String DELETE_ISSUE =
      "mutation DeleteIssue($issueId: ID!) { deleteIssue(input: {issueId: $issueId}) { clientMutationId } }";

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    GitHubIds.Repo repo = GitHubIds.repo(input.project(), "project");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", input.title());
    if (input.description() != null) body.put("body", input.description());
    return issues(VendorRequest.post(), repo).json(Json.write(body)).build();
  }

  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return issue(VendorRequest.get(), GitHubIds.issue(id)).build();
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return task(ISSUE.fromJson(response.bodySource()));
  }

  /** Never sent: GitHub deletes an issue by its GraphQL node id, which {@link #delete(String, CallContext)} reads. */
  @Override
  public VendorRequest delete(String id) {
    throw new UnsupportedOperationException("GitHub deletes by node id: the pipeline calls delete(id, context)");
  }

  /** Reads the issue (a missing one is NOT_FOUND here), then deletes it by node id over GraphQL. */
  @Override
  public VendorRequest delete(String id, CallContext context) {
    VendorResponse found = context.exchange(get(id));
    if (!found.isSuccessful()) throw context.failure(found);
    Issue issue;
    try {
      issue = ISSUE.fromJson(found.bodySource());
    } catch (IOException | RuntimeException e) {
      issue = null;
    }
    if (issue == null || issue.node_id() == null || issue.node_id().isBlank()) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
          .httpStatus(found.status()).message("GitHub answered the issue without its node id; nothing was deleted").build());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", DELETE_ISSUE);
    body.put("variables", Map.of("issueId", issue.node_id()));
    return VendorRequest.post().path("graphql").json(Json.write(body)).build();
  }

  /** GraphQL answers a refused or impossible mutation with 200 and an {@code errors} array. */
  @Override
  public void readDeleted(VendorResponse response, String id, CallContext context) throws IOException {
    ActionError error = GitHubErrors.graphql(response);
    if (error != null) throw new ActionException(error);
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.UNSAFE;
  }

  @Override
  public VendorRequest update(String id, TaskChanges changes, CallContext context) {
    GitHubIds.IssueRef ref = GitHubIds.issue(id);
    if (changes.dueDate() != null) throw unsupported("dueDate", "GitHub issues have no due date");
    if (!changes.extra().isEmpty()) throw unsupported("extra", "the connector changes no GitHub-specific field");
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.title() != null) body.put("title", changes.title());
    if (changes.description() != null) body.put("body", changes.description()); // "" clears it
    if (changes.status() != null || changes.vendorStatus() != null) state(changes, body);
    if (changes.assignee() != null) {
      body.put("assignees", changes.assignee().isEmpty() ? List.of() : List.of(GitHubIds.login(changes.assignee(), "assignee")));
    }
    if (changes.labels() != null) body.put("labels", changes.labels());
    return issue(VendorRequest.patch(), ref).json(Json.write(body)).build();
  }

  @Override
  public Task readUpdated(VendorResponse response, String id, TaskChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest list(TaskQuery query, CallContext context) {
    if (query.project() == null) throw ActionException.invalidField("project", "is required: the repository as owner/repo");
    GitHubIds.Repo repo = GitHubIds.repo(query.project(), "project");
    if (query.status() == TaskStatus.IN_PROGRESS) throw unsupported("status", "GitHub issues are open or closed, never in progress");
    String page = query.cursor() == null ? "1" : GitHubIds.page(query.cursor());
    String perPage = String.valueOf(query.pageSize());
    if (query.text() != null) {
      // GitHub's search language: the text is one quoted phrase, so it can add no qualifier.
      if (query.text().indexOf('"') >= 0) throw ActionException.invalidField("text", "must not contain a double quote");
      StringBuilder q = new StringBuilder("\"").append(query.text()).append("\" repo:")
          .append(repo.owner()).append('/').append(repo.name()).append(" is:issue");
      if (query.status() != null) q.append(query.status() == TaskStatus.OPEN ? " state:open" : " state:closed");
      if (query.assignee() != null) q.append(" assignee:").append(GitHubIds.login(query.assignee(), "assignee"));
      return VendorRequest.get().path("search/issues").query("q", q.toString())
          .query("per_page", perPage).query("page", page).build();
    }
    VendorRequest.Builder b = issues(VendorRequest.get(), repo)
        .query("state", query.status() == null ? "all" : query.status() == TaskStatus.OPEN ? "open" : "closed");
    if (query.assignee() != null) b.query("assignee", GitHubIds.login(query.assignee(), "assignee"));
    return b.query("per_page", perPage).query("page", page).build();
  }

  /** Pull requests are issues to GitHub's list: they are left out, so a page may hold fewer. */
  @Override
  public Page<Task> readPage(VendorResponse response, TaskQuery query, CallContext context) throws IOException {
    List<Issue> found;
    if (query.text() != null) {
      SearchResults results = SEARCH.fromJson(response.bodySource());
      if (results == null || results.items() == null) throw new IOException("GitHub's search answer has no items");
      found = results.items();
    } else {
      found = ISSUES.fromJson(response.bodySource());
      if (found == null) throw new IOException("GitHub answered the issue list without an array");
    }
    List<Task> tasks = new ArrayList<>();
    for (Issue issue : found) if (issue != null && issue.pull_request() == null) tasks.add(task(issue));
    return new Page<>(tasks, nextPage(response.header("Link")));
  }

  /** The page number of the {@code Link} header's {@code rel="next"}, or null on the last page. */
  static String nextPage(String link) {
    if (link == null) return null;
    Matcher next = NEXT.matcher(link);
    if (!next.find()) return null;
    Matcher page = PAGE.matcher(next.group(1));
    return page.find() ? page.group(1) : null;
  }

  private static void state(TaskChanges changes, Map<String, Object> body) {
    String status = changes.status() != null ? switch (changes.status()) {
      case OPEN -> "open";
      case DONE -> "completed";
      case IN_PROGRESS -> throw unsupported("status", "GitHub issues are open or closed, never in progress");
    } : changes.vendorStatus();
    switch (status) {
      case "open" -> body.put("state", "open");
      case "closed" -> body.put("state", "closed");
      case "completed", "not_planned" -> {
        body.put("state", "closed");
        body.put("state_reason", status);
      }
      default -> throw ActionException.invalidField("vendorStatus", "must be open, closed, completed or not_planned");
    }
  }

  private static Task task(Issue issue) throws IOException {
    if (issue == null || issue.number() == null || issue.repository_url() == null) {
      throw new IOException("GitHub answered without an issue number or repository");
    }
    Matcher repo = REPO_URL.matcher(issue.repository_url());
    if (!repo.matches()) throw new IOException("GitHub answered with an unexpected repository_url");
    String project = repo.group(1) + "/" + repo.group(2);
    boolean open = "open".equals(issue.state());
    String vendorStatus = open ? "open" : issue.state_reason() != null ? issue.state_reason() : issue.state();
    List<String> labels = new ArrayList<>();
    // GitHub's description lets an issue's label be a label object or just its name.
    if (issue.labels() != null) {
      for (Object l : issue.labels()) {
        if (l instanceof String name) labels.add(name);
        else if (l instanceof Map<?, ?> label && label.get("name") instanceof String name) labels.add(name);
      }
    }
    String assignee = issue.assignees() == null || issue.assignees().isEmpty() || issue.assignees().get(0) == null
        ? null : issue.assignees().get(0).login();
    String body = issue.body() == null || issue.body().isEmpty() ? null : issue.body();
    Map<String, String> extra = issue.state_reason() == null ? Map.of() : Map.of("stateReason", issue.state_reason());
    return new Task(project + "#" + issue.number(), project, issue.title(), body,
        issue.state() == null ? null : open ? TaskStatus.OPEN : TaskStatus.DONE, vendorStatus, assignee, null,
        labels, "#" + issue.number(), issue.html_url(), extra);
  }

  private static VendorRequest.Builder issues(VendorRequest.Builder b, GitHubIds.Repo repo) {
    return b.path("repos").segment(repo.owner()).segment(repo.name()).path("issues");
  }

  private static VendorRequest.Builder issue(VendorRequest.Builder b, GitHubIds.IssueRef ref) {
    return issues(b, ref.repo()).segment(ref.number());
  }

  private static ActionException unsupported(String field, String why) {
    return new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
        .fieldError(field, why).message("GitHub: " + why).build());
  }
}
