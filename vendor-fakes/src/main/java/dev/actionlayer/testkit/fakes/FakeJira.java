package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Jira Cloud REST v3 that answers with the statuses, bodies and headers of the
 * vendor fact sheet, section 1: create, get ({@code fields}, {@code expand=transitions}), edit
 * ({@code PUT}, 204), delete, workflow transitions ({@code GET}/{@code POST .../transitions}, on
 * {@link JiraWorkflow}'s To Do / In Progress / In Review / Done) and JQL search ({@code GET
 * /rest/api/3/search/jql}, the subset {@link JiraJql} reads, paged by {@code maxResults} and
 * {@code nextPageToken}). Start it, point the connector at {@link #uri()}, and inject faults with
 * {@link #on}.
 *
 * <pre>{@code
 * try (FakeJira jira = new FakeJira()) {
 *   jira.projects("PROJ").requireBasic("me@example.com", "token").searchLag(2);
 *   jira.start();
 *   jira.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   // ... run the connector, then assert jira.issueCount() == 1
 * }
 * }</pre>
 */
public final class FakeJira extends FakeVendor {

  /**
   * An issue as the fake stores it, for assertions.
   *
   * @param id the numeric id as a string, counting up from {@code "10000"}
   * @param key the issue key, numbered per project ({@code "PROJ-1"})
   * @param project the project key
   * @param summary the summary as sent
   * @param descriptionText the ADF description's text (paragraphs joined by a blank line), or null
   * @param labels the labels as sent
   * @param status the workflow status's name: {@code "To Do"} when created
   * @param assignee the assignee's account id, or null
   * @param dueDate the due date ({@code YYYY-MM-DD}), or null
   */
  public record Issue(String id, String key, String project, String summary, String descriptionText,
      List<String> labels, String status, String assignee, String dueDate) {

    /** Freezes the labels. */
    public Issue {
      labels = List.copyOf(labels);
    }

    /** A new issue: in {@code To Do}, unassigned, with no due date. */
    public Issue(String id, String key, String project, String summary, String descriptionText,
        List<String> labels) {
      this(id, key, project, summary, descriptionText, labels, "To Do", null, null);
    }
  }

  private static final String ISSUE = "/rest/api/3/issue";
  private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([^/]+)/?");
  private static final Pattern TRANSITIONS_PATH = Pattern.compile("/rest/api/3/issue/([^/]+)/transitions/?");
  /** Jira's own cap on {@code maxResults} for {@code /search/jql}, and its default. */
  private static final int MAX_RESULTS = 5000;
  private static final int DEFAULT_RESULTS = 50;
  private static final String SEARCH = "/rest/api/3/search/jql";

  private final Object lock = new Object();
  private final JiraStore store = new JiraStore();
  private String expectedAuthorization;
  private boolean jsonUnauthorized;

  /** Creates a fake accepting any project and any (or no) credentials. */
  public FakeJira() {}

  /** Restricts creates to these project keys; others get 400 "valid project is required". */
  public FakeJira projects(String... keys) {
    Objects.requireNonNull(keys, "keys == null");
    if (keys.length == 0) {
      throw new IllegalArgumentException("keys is empty");
    }
    List<String> upper = Arrays.stream(keys)
        .map(k -> Objects.requireNonNull(k, "keys contains null").toUpperCase(Locale.ROOT)).toList();
    synchronized (lock) {
      store.restrictProjects(upper);
    }
    return this;
  }

  /** Requires {@code Authorization: Basic base64(email:apiToken)} on every request. */
  public FakeJira requireBasic(String email, String apiToken) {
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(apiToken, "apiToken == null");
    String encoded = Base64.getEncoder()
        .encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
    return requireAuthorization("Basic " + encoded);
  }

  /** Requires {@code Authorization: Bearer <token>} on every request. */
  public FakeJira requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    return requireAuthorization("Bearer " + token);
  }

  private FakeJira requireAuthorization(String value) {
    synchronized (lock) {
      expectedAuthorization = value;
    }
    return this;
  }

  /** Answers auth failures with the JSON ErrorCollection instead of Jira's usual plain text. */
  public FakeJira jsonUnauthorized(boolean json) {
    synchronized (lock) {
      jsonUnauthorized = json;
    }
    return this;
  }

  /**
   * Hides each new issue from the first {@code searches} label searches ({@code labels = x}, the
   * lookup of a create by its dedupe label) after its creation; other searches see it at once.
   */
  public FakeJira searchLag(int searches) {
    if (searches < 0) {
      throw new IllegalArgumentException("searches < 0: " + searches);
    }
    synchronized (lock) {
      store.searchLag(searches);
    }
    return this;
  }

  /** An immutable snapshot of the stored issues, in creation order. */
  public List<Issue> issues() {
    synchronized (lock) {
      return store.issues();
    }
  }

  /** How many issues are stored now (creates minus deletes). */
  public int issueCount() {
    return issues().size();
  }

  /** The stored issues carrying {@code label}, ignoring search lag. */
  public List<Issue> findByLabel(String label) {
    Objects.requireNonNull(label, "label == null");
    return issues().stream().filter(issue -> issue.labels().contains(label)).toList();
  }

  /** How many creates were applied (stored), including those whose response a fault destroyed. */
  public int createCount() {
    synchronized (lock) {
      return store.createCount();
    }
  }

  /** Jira's JSON 429 (verbatim body) with Retry-After, X-RateLimit-* and RateLimit-Reason headers. */
  public static Fault rateLimited429Json(int retryAfterSeconds, String resetIso, String reason) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds < 0: " + retryAfterSeconds);
    }
    Objects.requireNonNull(resetIso, "resetIso == null");
    Objects.requireNonNull(reason, "reason == null");
    return Fault.status(429)
        .body("{\"errorMessages\":[\"The request has been rate-limited. Please try again later.\"],"
            + "\"errors\":{},\"status\":429}", JiraResponses.JSON_UTF8)
        .header("Retry-After", String.valueOf(retryAfterSeconds))
        .header("X-RateLimit-Limit", "350")
        .header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset", resetIso)
        .header("RateLimit-Reason", reason);
  }

  /** Jira's HTML 429 page ("Oops - an error has occurred"), without rate-limit headers. */
  public static Fault rateLimited429Html() {
    return Fault.html(429);
  }

  /** A 503 HTML page, with {@code Retry-After} when {@code retryAfterSeconds} is not null. */
  public static Fault serviceUnavailable503(Integer retryAfterSeconds) {
    Fault fault = Fault.html(503);
    return retryAfterSeconds == null ? fault : fault.header("Retry-After", retryAfterSeconds.toString());
  }

  /** Only issue creation counts: Jira also POSTs searches and bulk operations. */
  @Override
  public boolean isCreate(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return call.method().equals("POST")
        && (path.equals(ISSUE) || path.equals(ISSUE + "/") || path.equals(ISSUE + "/bulk"));
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return JiraResponses.unauthorized(jsonUnauthorized, call.header("Authorization") != null);
      }
      String path = call.pathWithoutQuery();
      if (path.equals(ISSUE) || path.equals(ISSUE + "/")) {
        return call.method().equals("POST") ? create(call) : JiraResponses.methodNotAllowed("POST");
      }
      if (path.equals(SEARCH)) {
        return call.method().equals("GET") ? search(call) : JiraResponses.methodNotAllowed("GET");
      }
      Matcher transitionsPath = TRANSITIONS_PATH.matcher(path);
      if (transitionsPath.matches()) {
        return transitions(transitionsPath.group(1), call);
      }
      Matcher issuePath = ISSUE_PATH.matcher(path);
      if (issuePath.matches()) {
        return switch (call.method()) {
          case "GET" -> get(issuePath.group(1), call.queryParameter("fields"), call.queryParameter("expand"));
          case "PUT" -> edit(issuePath.group(1), call.body());
          case "DELETE" -> store.delete(issuePath.group(1))
              ? JiraResponses.noContent() : JiraResponses.json(404, JiraResponses.NOT_FOUND);
          default -> JiraResponses.methodNotAllowed("GET, PUT, DELETE");
        };
      }
      return JiraResponses.deadLink();
    }
  }

  private MockResponse create(RecordedCall call) {
    JiraCreate.Outcome outcome = JiraCreate.validate(call.body(), store::resolveProject);
    if (outcome instanceof JiraCreate.Rejected rejected) {
      return JiraResponses.json(400, rejected.body());
    }
    return JiraResponses.created(uri(), store.create((JiraCreate.Draft) outcome));
  }

  private MockResponse get(String idOrKey, String fields, String expand) {
    JiraStore.Stored stored = store.find(idOrKey);
    return stored == null ? JiraResponses.json(404, JiraResponses.NOT_FOUND)
        : JiraResponses.issue(uri(), store, stored, fields, expand);
  }

  /** {@code PUT /rest/api/3/issue/{id}}: the fields given, all validated first; 204. */
  private MockResponse edit(String idOrKey, String body) {
    JiraStore.Stored stored = store.find(idOrKey);
    if (stored == null) {
      return JiraResponses.json(404, JiraResponses.NOT_FOUND);
    }
    JiraEdit.Outcome outcome = JiraEdit.validate(body);
    if (outcome instanceof JiraEdit.Rejected rejected) {
      return JiraResponses.json(400, rejected.body());
    }
    store.edit(stored, ((JiraEdit.Edit) outcome).fields());
    return JiraResponses.noContent();
  }

  /** {@code GET} lists the transitions open from the issue's status; {@code POST} applies one (204). */
  private MockResponse transitions(String idOrKey, RecordedCall call) {
    JiraStore.Stored stored = store.find(idOrKey);
    if (!call.method().equals("GET") && !call.method().equals("POST")) {
      return JiraResponses.methodNotAllowed("GET, POST");
    }
    if (stored == null) {
      return JiraResponses.json(404, JiraResponses.NOT_FOUND);
    }
    if (call.method().equals("GET")) {
      return JiraResponses.transitions(uri(), stored);
    }
    Object id = null;
    try {
      if (Json.parse(call.body()) instanceof java.util.Map<?, ?> root
          && root.get("transition") instanceof java.util.Map<?, ?> transition) {
        id = transition.get("id");
      }
    } catch (java.io.IOException | RuntimeException e) {
      return JiraResponses.json(400, Json.errorCollection(List.of("Unexpected character in JSON input: "
          + e.getMessage()), java.util.Map.of()));
    }
    if (id == null) {
      return JiraResponses.json(400, Json.errorCollection(List.of("Missing 'transition' identifier"),
          java.util.Map.of()));
    }
    for (JiraWorkflow.Transition t : JiraWorkflow.from(stored.issue().status())) {
      if (t.id().equals(String.valueOf(id))) {
        store.transition(stored, t.to());
        return JiraResponses.noContent();
      }
    }
    return JiraResponses.json(400, Json.errorCollection(List.of("Transition id '" + id
        + "' is not valid for this issue."), java.util.Map.of()));
  }

  /**
   * {@code GET /rest/api/3/search/jql}: at most {@code maxResults} (default 50, at most 5000)
   * issues per page; {@code nextPageToken} is an opaque token bound to the query.
   */
  private MockResponse search(RecordedCall call) {
    String jql = call.queryParameter("jql");
    if (jql == null || jql.isBlank()) {
      return JiraResponses.badJql("Unbounded JQL queries are not allowed here. "
          + "Please add a search restriction to your query.");
    }
    JiraJql.Query query;
    try {
      query = JiraJql.parse(jql);
    } catch (JiraJql.Invalid e) {
      return JiraResponses.badJql(e.getMessage());
    }
    int size = DEFAULT_RESULTS;
    String max = call.queryParameter("maxResults");
    if (max != null) {
      if (!max.matches("\\d{1,9}")) {
        return JiraResponses.badJql("The value '" + max + "' is invalid for the maxResults parameter.");
      }
      size = Math.max(1, Math.min(MAX_RESULTS, Integer.parseInt(max)));
    }
    int offset = 0;
    String token = call.queryParameter("nextPageToken");
    if (token != null) {
      offset = JiraPageTokens.offset(token, jql);
      if (offset < 0) {
        return JiraResponses.badJql("The provided next page token is invalid or expired.");
      }
    }
    List<JiraStore.Stored> found = store.search(query);
    List<JiraStore.Stored> page = found.subList(Math.min(offset, found.size()), Math.min(offset + size, found.size()));
    String next = offset + size < found.size() ? JiraPageTokens.token(offset + size, jql) : null;
    return JiraResponses.search(uri(), store, page, call.queryParameter("fields"), next);
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      store.clear();
    }
  }

  /** Every Jira Cloud response carries a request id and a trace id. */
  @Override
  protected MockResponse decorate(MockResponse response) {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    return response.newBuilder()
        .setHeader("X-AREQUESTID", UUID.randomUUID().toString())
        .setHeader("atl-traceid", traceId.substring(0, 16))
        .build();
  }
}
