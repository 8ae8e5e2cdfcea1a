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
import java.util.UUID;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Linear's GraphQL API ({@code POST /graphql}) for the operations the connector
 * sends: {@code issueCreate} (a client-chosen {@code id} honoured), {@code issue(id)} (UUID or
 * identifier), {@code issueUpdate}, {@code issueDelete} (moves to the trash), {@code issues(filter,
 * first, after)} with {@code pageInfo}, a team's {@code states(filter)} and {@code issueLabels}.
 * It recognises an operation by its root field and reads only the variables: a document holding a
 * string literal is refused as {@code GRAPHQL_VALIDATION_FAILED}, because values belong in variables.
 * Failures are {@code {"errors":[{"message","extensions":{"code","type","userPresentableMessage"}}]}}:
 * HTTP 400 for authentication, permission, validation and rate limits, HTTP 200 with {@code data:
 * null} for "Entity not found". Every answer carries Linear's {@code X-RateLimit-Requests-*} and
 * {@code X-RateLimit-Complexity-*} headers. Every team exists (states Backlog, Todo, In Progress,
 * In Review, Done, Canceled); the workspace has the labels Bug, Feature and Improvement.
 */
public final class FakeLinear extends FakeVendor {
  /** An issue as the fake stores it, for assertions. */
  public record StoredIssue(String id, String identifier, String teamId, String title, String description,
      String stateId, String assigneeId, String dueDate, List<String> labelIds, boolean trashed) {}

  static final String JSON = "application/json; charset=utf-8";
  private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F-]{36}");
  private static final String[][] STATES = {{"Backlog", "backlog"}, {"Todo", "unstarted"}, {"In Progress", "started"},
      {"In Review", "started"}, {"Done", "completed"}, {"Canceled", "canceled"}};
  private static final Map<String, String> LABELS = Map.of("Bug", "5b1c0c1e-0000-4000-8000-000000000001",
      "Feature", "5b1c0c1e-0000-4000-8000-000000000002", "Improvement", "5b1c0c1e-0000-4000-8000-000000000003");

  private final Object lock = new Object();
  private final Map<String, StoredIssue> issues = new LinkedHashMap<>();
  private final Map<String, String> teamKeys = new LinkedHashMap<>();
  private final Map<String, Integer> lastNumber = new LinkedHashMap<>();
  private String secret;

  /** Requires {@code Authorization: Bearer <secret>} (OAuth) or {@code Authorization: <secret>} (an API key). */
  public FakeLinear requireToken(String secret) {
    synchronized (lock) {
      this.secret = Objects.requireNonNull(secret, "secret == null");
    }
    return this;
  }

  /** The issues not in the trash, in creation order. */
  public List<StoredIssue> issues() {
    synchronized (lock) {
      return issues.values().stream().filter(i -> !i.trashed()).toList();
    }
  }

  public int issueCount() {
    return issues().size();
  }

  /** Linear's answer to a missing or invalid key (HTTP 400, code AUTHENTICATION_ERROR). */
  public static Fault authenticationError() {
    return Fault.status(400).body(error("Authentication required, not authenticated", "AUTHENTICATION_ERROR",
        "authentication error", "You need to authenticate to access this operation.", null), JSON);
  }

  /** A valid token without access to the team (code FORBIDDEN). */
  public static Fault forbidden() {
    return Fault.status(400).body(error("Forbidden", "FORBIDDEN", "forbidden",
        "You don't have access to this team.", null), JSON);
  }

  /** The rate limit (code RATELIMITED), without {@code Retry-After}: add one. */
  public static Fault rateLimited() {
    return Fault.status(400).header("X-RateLimit-Requests-Remaining", "0")
        .body(error("Rate limit exceeded", "RATELIMITED", "ratelimited", "Rate limit exceeded, please try again later.", null), JSON);
  }

  /** An argument validation failure naming {@code property} (class-validator's shape). */
  public static Fault validationError(String property) {
    return Fault.status(400).body(validation(property), JSON);
  }

  /** Only {@code issueCreate} mutations create. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.body().contains("issueCreate(");
  }

  /** Query operations read: GraphQL reads are POSTs too. */
  @Override
  public boolean isRead(RecordedCall call) {
    Map<?, ?> in = parse(call.body());
    return call.method().equals("POST") && in != null && in.get("query") instanceof String q && q.strip().startsWith("query");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      String auth = call.header("Authorization");
      if (secret != null && !secret.equals(auth) && !("Bearer " + secret).equals(auth)) {
        return json(400, error("Authentication required, not authenticated", "AUTHENTICATION_ERROR",
            "authentication error", "You need to authenticate to access this operation.", null));
      }
      if (!call.pathWithoutQuery().equals("/graphql") || !call.method().equals("POST")) {
        return json(404, "{\"errors\":[{\"message\":\"Not found\"}]}");
      }
      Map<?, ?> in = parse(call.body());
      if (in == null || !(in.get("query") instanceof String query)) {
        return json(400, error("Must provide query string.", "BAD_USER_INPUT", "graphql error", null, null));
      }
      if (query.indexOf('"') >= 0) {
        return json(400, error("This fake takes values as variables only", "GRAPHQL_VALIDATION_FAILED", "graphql error", null, null));
      }
      Map<?, ?> v = in.get("variables") instanceof Map<?, ?> m ? m : Map.of();
      if (query.contains("issueCreate(")) return create(map(v.get("input")));
      if (query.contains("issueUpdate(")) return update(str(v.get("id")), map(v.get("input")));
      if (query.contains("issueDelete(")) return delete(str(v.get("id")));
      if (query.contains("issueLabels(")) return labels(map(v.get("filter")));
      if (query.contains("states(")) return states(str(v.get("id")), map(v.get("filter")));
      if (query.contains("issues(")) return list(map(v.get("filter")), v.get("first"), str(v.get("after")));
      if (query.contains("issue(")) {
        StoredIssue issue = find(str(v.get("id")));
        return issue == null ? notFound("issue") : data("issue", render(issue));
      }
      return json(400, error("Cannot query this field on this fake", "GRAPHQL_VALIDATION_FAILED", "graphql error", null, null));
    }
  }

  private MockResponse create(Map<?, ?> input) {
    String team = str(input.get("teamId"));
    if (!(input.get("title") instanceof String title) || title.isBlank()) return json(400, validation("title"));
    if (team == null || !UUID_SHAPE.matcher(team).matches()) return json(400, validation("teamId"));
    String id = input.get("id") instanceof String chosen ? chosen : UUID.randomUUID().toString();
    if (issues.containsKey(id)) {
      return json(400, error("Entity already exists", "INPUT_ERROR", "invalid input", "An issue with this id already exists.", null));
    }
    String key = teamKeys.computeIfAbsent(team, t -> teamKeys.isEmpty() ? "ENG" : "T" + (teamKeys.size() + 1));
    int number = lastNumber.merge(team, 1, Integer::sum);
    StoredIssue issue = new StoredIssue(id, key + "-" + number, team, title, str(input.get("description")),
        stateId(team, 1), null, null, List.of(), false);
    issues.put(id, issue);
    return data("issueCreate", Json.object("success", true, "issue", render(issue)));
  }

  private MockResponse update(String id, Map<?, ?> input) {
    StoredIssue issue = find(id);
    if (issue == null) return notFound("issueUpdate");
    List<String> labelIds = new ArrayList<>();
    if (input.get("labelIds") instanceof List<?> list) for (Object o : list) labelIds.add(String.valueOf(o));
    StoredIssue changed = new StoredIssue(issue.id(), issue.identifier(), issue.teamId(),
        input.get("title") instanceof String t ? t : issue.title(),
        input.containsKey("description") ? str(input.get("description")) : issue.description(),
        input.get("stateId") instanceof String s ? s : issue.stateId(),
        input.containsKey("assigneeId") ? str(input.get("assigneeId")) : issue.assigneeId(),
        input.containsKey("dueDate") ? str(input.get("dueDate")) : issue.dueDate(),
        input.containsKey("labelIds") ? labelIds : issue.labelIds(), issue.trashed());
    issues.put(issue.id(), changed);
    return data("issueUpdate", Json.object("success", true, "issue", render(changed)));
  }

  private MockResponse delete(String id) {
    StoredIssue issue = find(id);
    if (issue == null) return notFound("issueDelete");
    issues.put(issue.id(), new StoredIssue(issue.id(), issue.identifier(), issue.teamId(), issue.title(),
        issue.description(), issue.stateId(), issue.assigneeId(), issue.dueDate(), issue.labelIds(), true));
    return data("issueDelete", Json.object("success", true));
  }

  private MockResponse list(Map<?, ?> filter, Object first, String after) {
    List<StoredIssue> found = new ArrayList<>();
    for (StoredIssue i : issues.values()) if (!i.trashed() && matches(i, filter)) found.add(0, i); // newest first
    int from = 0;
    if (after != null) {
      for (int n = 0; n < found.size(); n++) if (found.get(n).id().equals(after)) from = n + 1;
    }
    int size = first instanceof Number n ? Math.max(1, Math.min(250, n.intValue())) : 50;
    int to = Math.min(found.size(), from + size);
    List<Object> nodes = new ArrayList<>();
    for (StoredIssue i : found.subList(from, to)) nodes.add(render(i));
    Map<String, Object> pageInfo = Json.object("hasNextPage", to < found.size(), "hasPreviousPage", from > 0,
        "startCursor", nodes.isEmpty() ? null : found.get(from).id(), "endCursor", nodes.isEmpty() ? null : found.get(to - 1).id());
    return data("issues", Json.object("nodes", nodes, "pageInfo", pageInfo));
  }

  private boolean matches(StoredIssue i, Map<?, ?> filter) {
    String id = str(map(filter.get("id")).get("eq"));
    String team = str(map(map(filter.get("team")).get("id")).get("eq"));
    String assignee = str(map(map(filter.get("assignee")).get("id")).get("eq"));
    Object types = map(map(filter.get("state")).get("type")).get("in");
    if (id != null && !id.equals(i.id())) return false;
    if (team != null && !team.equals(i.teamId())) return false;
    if (assignee != null && !assignee.equals(i.assigneeId())) return false;
    if (types instanceof List<?> list && !list.contains(stateType(i.stateId()))) return false;
    if (filter.get("or") instanceof List<?> any && !any.isEmpty()) {
      boolean hit = false;
      for (Object alternative : any) {
        Map<?, ?> a = map(alternative);
        String title = str(map(a.get("title")).get("containsIgnoreCase"));
        String description = str(map(a.get("description")).get("containsIgnoreCase"));
        hit |= title != null && contains(i.title(), title) || description != null && contains(i.description(), description);
      }
      return hit;
    }
    return true;
  }

  private MockResponse states(String issueId, Map<?, ?> filter) {
    StoredIssue issue = find(issueId);
    if (issue == null) return notFound("issue");
    String type = str(map(filter.get("type")).get("eq"));
    String name = str(map(filter.get("name")).get("eqIgnoreCase"));
    List<Object> nodes = new ArrayList<>();
    for (int n = 0; n < STATES.length; n++) {
      if ((type == null || STATES[n][1].equals(type)) && (name == null || STATES[n][0].equalsIgnoreCase(name))) {
        nodes.add(Json.object("id", stateId(issue.teamId(), n), "name", STATES[n][0], "type", STATES[n][1], "position", (double) n));
      }
    }
    return data("issue", Json.object("team", Json.object("states", Json.object("nodes", nodes))));
  }

  private MockResponse labels(Map<?, ?> filter) {
    Object names = map(filter.get("name")).get("in");
    List<Object> nodes = new ArrayList<>();
    LABELS.forEach((name, id) -> {
      if (!(names instanceof List<?> wanted) || wanted.contains(name)) nodes.add(Json.object("id", id, "name", name));
    });
    return data("issueLabels", Json.object("nodes", nodes));
  }

  private StoredIssue find(String id) {
    if (id == null) return null;
    StoredIssue byId = issues.get(id);
    return byId != null ? byId : issues.values().stream().filter(i -> i.identifier().equals(id)).findFirst().orElse(null);
  }

  private Map<String, Object> render(StoredIssue i) {
    int state = stateIndex(i.stateId());
    List<Object> labels = new ArrayList<>();
    LABELS.forEach((name, id) -> {
      if (i.labelIds().contains(id)) labels.add(Json.object("name", name));
    });
    return Json.object("id", i.id(), "identifier", i.identifier(), "title", i.title(), "description", i.description(),
        "url", "https://linear.app/acme/issue/" + i.identifier().toLowerCase(Locale.ROOT), "dueDate", i.dueDate(),
        "trashed", i.trashed() ? true : null, "team", Json.object("id", i.teamId()),
        "state", Json.object("name", STATES[state][0], "type", STATES[state][1]),
        "assignee", i.assigneeId() == null ? null : Json.object("id", i.assigneeId()),
        "labels", Json.object("nodes", labels));
  }

  private static String stateId(String team, int index) {
    return UUID.nameUUIDFromBytes((team + "/state/" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  private int stateIndex(String stateId) {
    for (StoredIssue i : issues.values()) {
      for (int n = 0; n < STATES.length; n++) if (stateId(i.teamId(), n).equals(stateId)) return n;
    }
    return 1;
  }

  private String stateType(String stateId) {
    return STATES[stateIndex(stateId)][1];
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    return response.newBuilder().setHeader("X-RateLimit-Requests-Limit", "1500")
        .setHeader("X-RateLimit-Requests-Remaining", response.getHeaders().get("X-RateLimit-Requests-Remaining") == null
            ? "1499" : response.getHeaders().get("X-RateLimit-Requests-Remaining"))
        .setHeader("X-RateLimit-Requests-Reset", "1795600860000").setHeader("X-RateLimit-Complexity-Limit", "250000")
        .setHeader("X-RateLimit-Complexity-Remaining", "249900").setHeader("X-RateLimit-Complexity-Reset", "1795600860000")
        .setHeader("X-Complexity", "100").build();
  }

  /** HTTP 200, {@code data: null} and Linear's "Entity not found" error at {@code path}. */
  private static MockResponse notFound(String path) {
    Map<String, Object> error = Json.object("message", "Entity not found: Issue", "path", List.of(path),
        "locations", List.of(Json.object("line", 1, "column", 30)),
        "extensions", Json.object("type", "invalid input", "code", "INPUT_ERROR", "userError", true,
            "userPresentableMessage", "Could not find referenced Issue."));
    return json(200, Json.write(Json.object("errors", List.of(error), "data", null)));
  }

  static String error(String message, String code, String type, String presentable, Object validationErrors) {
    Map<String, Object> extensions = Json.object("code", code, "type", type, "userError", true);
    if (presentable != null) extensions.put("userPresentableMessage", presentable);
    if (validationErrors != null) extensions.put("validationErrors", validationErrors);
    return Json.write(Json.object("errors", List.of(Json.object("message", message, "extensions", extensions))));
  }

  static String validation(String property) {
    String problem = property + " should not be empty";
    return error("Argument Validation Error", "INVALID_INPUT", "invalid input", problem,
        List.of(Json.object("property", property, "children", List.of(), "constraints", Json.object("isNotEmpty", problem))));
  }

  private static MockResponse data(String field, Object value) {
    return json(200, Json.write(Json.object("data", Json.object(field, value))));
  }

  private static Map<?, ?> parse(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> m ? m : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static String str(Object value) {
    return value instanceof String s ? s : null;
  }

  private static boolean contains(String haystack, String needle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      issues.clear();
      teamKeys.clear();
      lastNumber.clear();
    }
  }
}
