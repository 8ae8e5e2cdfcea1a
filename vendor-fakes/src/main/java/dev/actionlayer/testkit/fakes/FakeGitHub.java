package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * A stateful fake of GitHub's REST API for issues ({@code POST/GET /repos/{owner}/{repo}/issues},
 * {@code GET/PATCH …/issues/{number}}, {@code GET /search/issues}) and of the one GraphQL mutation
 * the connector uses ({@code POST /graphql} {@code deleteIssue}). Answers as GitHub documents them:
 * {@code {"message","documentation_url"}} errors, 422 {@code "Validation Failed"} with
 * {@code errors[{resource, field, code}]}, 410 for a deleted issue, {@code Link} pagination with
 * {@code per_page}/{@code page}, {@code x-ratelimit-*} and {@code X-GitHub-Request-Id} on every answer,
 * and GraphQL failures as 200 with an {@code errors} array. Every repository exists.
 *
 * <pre>{@code
 * try (FakeGitHub github = new FakeGitHub().requireBearer("ghp_123")) {
 *   github.start();
 *   github.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   github.on(Requests.gets()).nth(1).respond(FakeGitHub.secondaryRateLimit().header("retry-after", "30"));
 * }
 * }</pre>
 */
public final class FakeGitHub extends FakeVendor {
  /** An issue as the fake stores it, for assertions. */
  public record StoredIssue(String repo, int number, String nodeId, String title, String body, String state,
      String stateReason, List<String> labels, List<String> assignees) {}

  static final String JSON = "application/json; charset=utf-8";
  static final String DOCS = "https://docs.github.com/rest";
  private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+)/([^/]+)/issues");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/([0-9]+)");
  private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");

  private final Object lock = new Object();
  private final Map<String, StoredIssue> issues = new LinkedHashMap<>(); // "o/r#n"
  private final Map<String, Integer> lastNumber = new LinkedHashMap<>();
  private final List<String> deleted = new ArrayList<>();
  private String expectedAuthorization;
  private boolean deletesForbidden;
  private long requestIds;

  /** Requires {@code Authorization: Bearer <token>}; others get GitHub's 401 "Bad credentials". */
  public FakeGitHub requireBearer(String token) {
    synchronized (lock) {
      expectedAuthorization = "Bearer " + Objects.requireNonNull(token, "token == null");
    }
    return this;
  }

  /** Answers {@code deleteIssue} as GitHub does for a token without admin rights on the repository. */
  public FakeGitHub forbidDeletes() {
    synchronized (lock) {
      deletesForbidden = true;
    }
    return this;
  }

  /** The issues stored now, deleted ones left out, in creation order. */
  public List<StoredIssue> issues() {
    synchronized (lock) {
      return List.copyOf(issues.values());
    }
  }

  public int issueCount() {
    return issues().size();
  }

  /** 401 for a missing or wrong token. */
  public static Fault badCredentials() {
    return Fault.status(401).body(error("Bad credentials", DOCS), JSON);
  }

  /** 403 for a fine-grained token without the issues permission (GitHub's troubleshooting page). */
  public static Fault notAccessible() {
    return Fault.status(403).body(error("Resource not accessible by personal access token",
        "https://docs.github.com/rest/issues/issues#create-an-issue"), JSON);
  }

  /** A secondary rate limit (403, its message names it); add {@code retry-after} to say how long. */
  public static Fault secondaryRateLimit() {
    return Fault.status(403).body(error("You have exceeded a secondary rate limit. Please wait a few minutes"
        + " before you try again.", "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"), JSON);
  }

  /** The primary rate limit spent: 403 with {@code x-ratelimit-remaining: 0} and the reset time. */
  public static Fault primaryRateLimit(long resetEpochSeconds) {
    return Fault.status(403).header("x-ratelimit-limit", "5000").header("x-ratelimit-remaining", "0")
        .header("x-ratelimit-used", "5000").header("x-ratelimit-reset", String.valueOf(resetEpochSeconds))
        .body(error("API rate limit exceeded for user ID 1.",
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"), JSON);
  }

  /** 422 "Validation Failed" naming {@code field} of resource Issue with code {@code missing_field}. */
  public static Fault validationFailed(String field) {
    return Fault.status(422).body(validation(field, "missing_field"), JSON);
  }

  /** Only {@code POST /repos/{owner}/{repo}/issues} creates; GraphQL POSTs do not. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && ISSUES.matcher(call.pathWithoutQuery()).matches();
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return json(401, error("Bad credentials", DOCS));
      }
      HttpUrl url = HttpUrl.get("http://fake.invalid" + call.path());
      List<String> s = url.pathSegments();
      String path = call.pathWithoutQuery();
      if (path.equals("/graphql") && call.method().equals("POST")) return graphql(call.body());
      if (path.equals("/search/issues") && call.method().equals("GET")) return search(url);
      if (s.size() == 4 && ISSUES.matcher(path).matches()) {
        String repo = s.get(1) + "/" + s.get(2);
        if (call.method().equals("POST")) return create(repo, call.body());
        if (call.method().equals("GET")) return list(repo, url);
      }
      if (s.size() == 5 && ISSUE.matcher(path).matches()) {
        if (s.get(4).length() > 9) return json(404, error("Not Found", DOCS));
        String key = s.get(1) + "/" + s.get(2) + "#" + Integer.parseInt(s.get(4));
        if (deleted.contains(key)) return json(410, error("This issue was deleted", DOCS));
        StoredIssue issue = issues.get(key);
        if (issue == null) return json(404, error("Not Found", "https://docs.github.com/rest/issues/issues#get-an-issue"));
        if (call.method().equals("GET")) return json(200, Json.write(render(issue)));
        if (call.method().equals("PATCH")) return update(issue, call.body());
      }
      return json(404, error("Not Found", DOCS));
    }
  }

  private MockResponse create(String repo, String body) {
    Map<?, ?> in = parse(body);
    if (in == null) return json(400, error("Problems parsing JSON", DOCS));
    if (!(in.get("title") instanceof String title) || title.isBlank()) return json(422, validation("title", "missing_field"));
    int number = lastNumber.merge(repo, 1, Integer::sum);
    StoredIssue issue = new StoredIssue(repo, number, "I_kwDOfake" + Math.abs(repo.hashCode()) + "z" + number, title,
        in.get("body") instanceof String b ? b : null, "open", null, strings(in.get("labels")), strings(in.get("assignees")));
    issues.put(repo + "#" + number, issue);
    return json(201, Json.write(render(issue))).newBuilder()
        .setHeader("Location", uri() + "/repos/" + repo + "/issues/" + number).build();
  }

  private MockResponse update(StoredIssue issue, String body) {
    Map<?, ?> in = parse(body);
    if (in == null) return json(400, error("Problems parsing JSON", DOCS));
    String state = in.containsKey("state") ? String.valueOf(in.get("state")) : issue.state();
    if (!state.equals("open") && !state.equals("closed")) return json(422, validation("state", "invalid"));
    String reason = state.equals("open") ? null
        : in.get("state_reason") instanceof String r ? r : issue.state().equals("closed") ? issue.stateReason() : "completed";
    StoredIssue changed = new StoredIssue(issue.repo(), issue.number(), issue.nodeId(),
        in.get("title") instanceof String t ? t : issue.title(),
        in.containsKey("body") ? (in.get("body") instanceof String b ? b : null) : issue.body(), state, reason,
        in.containsKey("labels") ? strings(in.get("labels")) : issue.labels(),
        in.containsKey("assignees") ? strings(in.get("assignees")) : issue.assignees());
    issues.put(issue.repo() + "#" + issue.number(), changed);
    return json(200, Json.write(render(changed)));
  }

  private MockResponse list(String repo, HttpUrl url) {
    String state = orDefault(url.queryParameter("state"), "open");
    String assignee = url.queryParameter("assignee");
    List<StoredIssue> found = new ArrayList<>();
    for (StoredIssue i : issues.values()) {
      if (i.repo().equals(repo) && (state.equals("all") || i.state().equals(state))
          && (assignee == null || i.assignees().contains(assignee))) found.add(0, i); // newest first
    }
    return page(found, url, false);
  }

  private MockResponse search(HttpUrl url) {
    String q = orDefault(url.queryParameter("q"), "");
    Matcher phrase = PHRASE.matcher(q);
    String text = phrase.find() ? phrase.group(1).toLowerCase(Locale.ROOT) : "";
    String rest = PHRASE.matcher(q).replaceAll(" ");
    String repo = null;
    String state = null;
    String assignee = null;
    for (String term : rest.trim().split("\\s+")) {
      if (term.startsWith("repo:")) repo = term.substring(5);
      else if (term.startsWith("state:")) state = term.substring(6);
      else if (term.startsWith("assignee:")) assignee = term.substring(9);
    }
    List<StoredIssue> found = new ArrayList<>();
    for (StoredIssue i : issues.values()) {
      String haystack = (i.title() + " " + orDefault(i.body(), "")).toLowerCase(Locale.ROOT);
      if ((repo == null || i.repo().equals(repo)) && (state == null || i.state().equals(state))
          && (assignee == null || i.assignees().contains(assignee)) && haystack.contains(text)) found.add(0, i);
    }
    return page(found, url, true);
  }

  /** One page of {@code found} by {@code per_page} (default 30, at most 100) and {@code page}, with a Link header. */
  private MockResponse page(List<StoredIssue> found, HttpUrl url, boolean search) {
    int perPage = Math.min(100, Math.max(1, Integer.parseInt(orDefault(url.queryParameter("per_page"), "30"))));
    int page = Math.max(1, Integer.parseInt(orDefault(url.queryParameter("page"), "1")));
    int from = Math.min(found.size(), (page - 1) * perPage);
    int to = Math.min(found.size(), from + perPage);
    List<Object> items = new ArrayList<>();
    for (StoredIssue i : found.subList(from, to)) items.add(render(i));
    int last = Math.max(1, (found.size() + perPage - 1) / perPage);
    String body = search ? Json.write(Json.object("total_count", found.size(), "incomplete_results", false, "items", items))
        : Json.write(items);
    MockResponse.Builder r = json(200, body).newBuilder();
    if (page < last) {
      HttpUrl base = HttpUrl.get(uri()).newBuilder().encodedPath(url.encodedPath()).encodedQuery(url.encodedQuery()).build();
      r.setHeader("Link", "<" + base.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build()
          + ">; rel=\"next\", <" + base.newBuilder().setQueryParameter("page", String.valueOf(last)).build() + ">; rel=\"last\"");
    }
    return r.build();
  }

  private MockResponse graphql(String body) {
    Map<?, ?> in = parse(body);
    if (in == null || !(in.get("query") instanceof String query)) return json(400, error("Problems parsing JSON", DOCS));
    if (!query.contains("deleteIssue")) {
      return json(200, graphqlError(null, "UNPROCESSABLE", "This fake answers the deleteIssue mutation only"));
    }
    Object id = in.get("variables") instanceof Map<?, ?> v ? v.get("issueId") : null;
    StoredIssue issue = issues.values().stream().filter(i -> i.nodeId().equals(id)).findFirst().orElse(null);
    if (issue == null) {
      return json(200, graphqlError("deleteIssue", "NOT_FOUND", "Could not resolve to a node with the global id of '" + id + "'"));
    }
    if (deletesForbidden) {
      return json(200, graphqlError("deleteIssue", "FORBIDDEN", "octocat does not have the correct permissions to execute `DeleteIssue`"));
    }
    String key = issue.repo() + "#" + issue.number();
    issues.remove(key);
    deleted.add(key);
    return json(200, Json.write(Json.object("data", Json.object("deleteIssue", Json.object("clientMutationId", null)))));
  }

  private Map<String, Object> render(StoredIssue i) {
    String api = uri() + "/repos/" + i.repo();
    List<Object> labels = new ArrayList<>();
    for (String name : i.labels()) labels.add(Json.object("name", name, "color", "d73a4a", "default", false));
    List<Object> assignees = new ArrayList<>();
    for (String login : i.assignees()) assignees.add(Json.object("login", login, "type", "User"));
    return Json.object("url", api + "/issues/" + i.number(), "repository_url", api,
        "html_url", "https://github.com/" + i.repo() + "/issues/" + i.number(), "id", 1_000_000L + i.number(),
        "node_id", i.nodeId(), "number", i.number(), "title", i.title(), "user", Json.object("login", "octocat"),
        "labels", labels, "state", i.state(), "state_reason", i.stateReason(), "locked", false,
        "assignee", assignees.isEmpty() ? null : assignees.get(0), "assignees", assignees, "comments", 0,
        "created_at", "2026-11-25T10:00:00Z", "updated_at", "2026-11-25T10:00:00Z",
        "closed_at", i.state().equals("closed") ? "2026-11-25T10:00:00Z" : null, "body", i.body());
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    synchronized (lock) {
      requestIds++;
    }
    MockResponse.Builder b = response.newBuilder().setHeader("X-GitHub-Request-Id", "CAFE:" + requestIds + ":F00D");
    if (response.getHeaders().get("x-ratelimit-remaining") == null) {
      b.setHeader("x-ratelimit-limit", "5000").setHeader("x-ratelimit-remaining", "4999")
          .setHeader("x-ratelimit-used", "1").setHeader("x-ratelimit-reset", "1795600800")
          .setHeader("x-ratelimit-resource", "core");
    }
    return b.build();
  }

  static String error(String message, String documentationUrl) {
    return Json.write(Json.object("message", message, "documentation_url", documentationUrl));
  }

  static String validation(String field, String code) {
    return Json.write(Json.object("message", "Validation Failed",
        "errors", List.of(Json.object("resource", "Issue", "field", field, "code", code)),
        "documentation_url", "https://docs.github.com/rest/issues/issues#create-an-issue", "status", "422"));
  }

  private static String graphqlError(String path, String type, String message) {
    Map<String, Object> error = Json.object("type", type);
    if (path != null) error.put("path", List.of(path));
    error.put("locations", List.of(Json.object("line", 1, "column", 41)));
    error.put("message", message);
    return Json.write(Json.object("data", path == null ? null : Json.object(path, null), "errors", List.of(error)));
  }

  private static Map<?, ?> parse(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> m ? m : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) for (Object o : list) if (o instanceof String s) out.add(s);
    return out;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      issues.clear();
      lastNumber.clear();
      deleted.clear();
    }
  }
}
