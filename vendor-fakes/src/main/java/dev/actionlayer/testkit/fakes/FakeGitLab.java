package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * A stateful fake of GitLab's REST API v4 issues, served under {@code /api/v4}: {@code POST/GET
 * /projects/:id/issues} (with {@code state}, {@code assignee_id}/{@code assignee_username},
 * {@code search} and {@code in}, {@code per_page}/{@code page}), {@code GET/PUT/DELETE
 * /projects/:id/issues/:iid}. A project is addressed by numeric id or URL-encoded path; every project
 * exists, a path getting a numeric id on first use. Answers as GitLab documents: {@code 401
 * {"message":"401 Unauthorized"}}, {@code 400 {"message":"400 (Bad request) \"title\" not given"}},
 * {@code 404 {"message":"404 Issue Not Found"}}, {@code 204} for a delete, {@code 429} {@code Retry
 * later} with {@code Retry-After}; pagination headers ({@code X-Next-Page}, {@code X-Total-Pages}…),
 * {@code RateLimit-*} and {@code X-Request-Id} on every answer. Accepts {@code Authorization: Bearer}
 * and {@code PRIVATE-TOKEN}.
 */
public final class FakeGitLab extends FakeVendor {
  /** An issue as the fake stores it, for assertions. */
  public record StoredIssue(long projectId, int iid, String title, String description, String state,
      List<String> labels, List<Long> assigneeIds, String dueDate) {}

  static final String JSON = "application/json";

  private final Object lock = new Object();
  private final Map<String, StoredIssue> issues = new LinkedHashMap<>(); // "projectId#iid"
  private final Map<String, Long> projectIds = new LinkedHashMap<>();
  private final Map<Long, Integer> lastIid = new LinkedHashMap<>();
  private String token;
  private boolean deletesForbidden;
  private long requestIds;

  /** Requires this token as {@code Authorization: Bearer} or {@code PRIVATE-TOKEN}; others get the 401. */
  public FakeGitLab requireToken(String token) {
    synchronized (lock) {
      this.token = Objects.requireNonNull(token, "token == null");
    }
    return this;
  }

  /** Answers a delete with 403, as GitLab does for anyone but administrators and project owners. */
  public FakeGitLab forbidDeletes() {
    synchronized (lock) {
      deletesForbidden = true;
    }
    return this;
  }

  public List<StoredIssue> issues() {
    synchronized (lock) {
      return List.copyOf(issues.values());
    }
  }

  public int issueCount() {
    return issues().size();
  }

  /** The numeric id the fake gave project path {@code path}, giving one if it had none. */
  public long projectId(String path) {
    synchronized (lock) {
      return resolve(path);
    }
  }

  /** GitLab's documented 401. */
  public static Fault unauthorized() {
    return Fault.status(401).body("{\"message\":\"401 Unauthorized\"}", JSON);
  }

  /** 403 for a token without the {@code api} scope, as GitLab documents OAuth scope failures. */
  public static Fault insufficientScope() {
    return Fault.status(403).body("{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires"
        + " higher privileges than provided by the access token.\",\"scope\":\"api\"}", JSON);
  }

  /** The documented 400 for a missing attribute. */
  public static Fault titleNotGiven() {
    return Fault.status(400).body("{\"message\":\"400 (Bad request) \\\"title\\\" not given\"}", JSON);
  }

  /** The rate limiter's 429 (plain text), without {@code Retry-After}: add one. */
  public static Fault retryLater() {
    return Fault.status(429).body("Retry later\n", "text/plain");
  }

  /** Only {@code POST /projects/:id/issues} creates. */
  @Override
  public boolean isCreate(RecordedCall call) {
    List<String> s = segments(call);
    return call.method().equals("POST") && s.size() == 3 && s.get(0).equals("projects") && s.get(2).equals("issues");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (token != null && !("Bearer " + token).equals(call.header("Authorization"))
          && !token.equals(call.header("PRIVATE-TOKEN"))) {
        return json(401, "{\"message\":\"401 Unauthorized\"}");
      }
      List<String> s = segments(call);
      if (s.size() >= 3 && s.get(0).equals("projects") && s.get(2).equals("issues")) {
        long project = resolve(s.get(1));
        HttpUrl url = HttpUrl.get("http://fake.invalid" + call.path());
        if (s.size() == 3 && call.method().equals("POST")) return create(project, call.body());
        if (s.size() == 3 && call.method().equals("GET")) return list(project, url);
        if (s.size() == 4 && s.get(3).matches("[0-9]{1,9}")) {
          StoredIssue issue = issues.get(project + "#" + Integer.parseInt(s.get(3)));
          if (issue == null) return json(404, "{\"message\":\"404 Issue Not Found\"}");
          switch (call.method()) {
            case "GET":
              return json(200, Json.write(render(issue)));
            case "PUT":
              return update(issue, call.body());
            case "DELETE":
              if (deletesForbidden) return json(403, "{\"message\":\"403 Forbidden\"}");
              issues.remove(project + "#" + issue.iid());
              return new MockResponse.Builder().status(StatusLines.of(204)).build();
            default:
              return json(405, "{\"message\":\"405 Method Not Allowed\"}");
          }
        }
      }
      return json(404, "{\"error\":\"404 Not Found\"}");
    }
  }

  private MockResponse create(long project, String body) {
    Map<?, ?> in = parse(body);
    if (in == null) return json(400, "{\"error\":\"The provided content-type 'application/json' is not supported.\"}");
    if (!(in.get("title") instanceof String title) || title.isBlank()) {
      return json(400, "{\"message\":\"400 (Bad request) \\\"title\\\" not given\"}");
    }
    int iid = lastIid.merge(project, 1, Integer::sum);
    StoredIssue issue = new StoredIssue(project, iid, title, in.get("description") instanceof String d ? d : null,
        "opened", labels(in.get("labels")), ids(in.get("assignee_ids")), in.get("due_date") instanceof String due ? due : null);
    issues.put(project + "#" + iid, issue);
    return json(201, Json.write(render(issue)));
  }

  private MockResponse update(StoredIssue issue, String body) {
    Map<?, ?> in = parse(body);
    if (in == null) return json(400, "{\"error\":\"The provided content-type 'application/json' is not supported.\"}");
    String event = in.get("state_event") instanceof String e ? e : null;
    if (event != null && !event.equals("close") && !event.equals("reopen")) {
      return json(400, "{\"error\":\"state_event does not have a valid value\"}");
    }
    String due = in.containsKey("due_date") ? (in.get("due_date") instanceof String d && !d.isEmpty() ? d : null) : issue.dueDate();
    StoredIssue changed = new StoredIssue(issue.projectId(), issue.iid(),
        in.get("title") instanceof String t ? t : issue.title(),
        in.containsKey("description") ? (in.get("description") instanceof String d ? d : null) : issue.description(),
        event == null ? issue.state() : event.equals("close") ? "closed" : "opened",
        in.containsKey("labels") ? labels(in.get("labels")) : issue.labels(),
        in.containsKey("assignee_ids") ? ids(in.get("assignee_ids")) : issue.assigneeIds(), due);
    issues.put(issue.projectId() + "#" + issue.iid(), changed);
    return json(200, Json.write(render(changed)));
  }

  private MockResponse list(long project, HttpUrl url) {
    String state = url.queryParameter("state");
    String assigneeId = url.queryParameter("assignee_id");
    String search = url.queryParameter("search");
    List<String> in = Arrays.asList(orDefault(url.queryParameter("in"), "title,description").split(","));
    List<StoredIssue> found = new ArrayList<>();
    for (StoredIssue i : issues.values()) {
      if (i.projectId() != project || (state != null && !state.equals("all") && !i.state().equals(state))) continue;
      if (assigneeId != null && !i.assigneeIds().contains(Long.parseLong(assigneeId))) continue;
      if (search != null) {
        String s = search.toLowerCase(Locale.ROOT);
        boolean hit = (in.contains("title") && i.title().toLowerCase(Locale.ROOT).contains(s))
            || (in.contains("description") && i.description() != null && i.description().toLowerCase(Locale.ROOT).contains(s));
        if (!hit) continue;
      }
      found.add(0, i); // created_at descending, GitLab's default order
    }
    int perPage = Math.min(100, Math.max(1, Integer.parseInt(orDefault(url.queryParameter("per_page"), "20"))));
    int page = Math.max(1, Integer.parseInt(orDefault(url.queryParameter("page"), "1")));
    int from = Math.min(found.size(), (page - 1) * perPage);
    int to = Math.min(found.size(), from + perPage);
    List<Object> items = new ArrayList<>();
    for (StoredIssue i : found.subList(from, to)) items.add(render(i));
    int totalPages = Math.max(1, (found.size() + perPage - 1) / perPage);
    return json(200, Json.write(items)).newBuilder()
        .setHeader("X-Page", String.valueOf(page)).setHeader("X-Per-Page", String.valueOf(perPage))
        .setHeader("X-Next-Page", page < totalPages ? String.valueOf(page + 1) : "")
        .setHeader("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "")
        .setHeader("X-Total", String.valueOf(found.size())).setHeader("X-Total-Pages", String.valueOf(totalPages))
        .build();
  }

  private Map<String, Object> render(StoredIssue i) {
    String path = projectIds.entrySet().stream().filter(e -> e.getValue() == i.projectId()).map(Map.Entry::getKey)
        .filter(k -> !k.matches("[0-9]+")).findFirst().orElse("group/project-" + i.projectId());
    List<Object> assignees = new ArrayList<>();
    for (Long id : i.assigneeIds()) assignees.add(Json.object("id", id, "username", "user" + id, "state", "active"));
    return Json.object("id", 90_000L + i.iid(), "iid", i.iid(), "project_id", i.projectId(), "title", i.title(),
        "description", i.description(), "state", i.state(), "created_at", "2026-11-25T10:00:00.000Z",
        "updated_at", "2026-11-25T10:00:00.000Z", "closed_at", i.state().equals("closed") ? "2026-11-25T10:00:00.000Z" : null,
        "labels", i.labels(), "assignees", assignees, "assignee", assignees.isEmpty() ? null : assignees.get(0),
        "type", "ISSUE", "due_date", i.dueDate(), "web_url", "https://gitlab.example.com/" + path + "/-/issues/" + i.iid(),
        "references", Json.object("short", "#" + i.iid(), "relative", "#" + i.iid(), "full", path + "#" + i.iid()));
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    long n;
    synchronized (lock) {
      n = ++requestIds;
    }
    MockResponse.Builder b = response.newBuilder().setHeader("X-Request-Id", "01JFAKE" + n);
    if (response.getHeaders().get("RateLimit-Limit") == null) {
      b.setHeader("RateLimit-Limit", "2000").setHeader("RateLimit-Observed", "1").setHeader("RateLimit-Remaining", "1999")
          .setHeader("RateLimit-Reset", "1795600860").setHeader("RateLimit-ResetTime", "Tue, 24 Nov 2026 10:01:00 GMT");
    }
    return b.build();
  }

  /** The decoded path below {@code /api/v4}. */
  private static List<String> segments(RecordedCall call) {
    List<String> s = HttpUrl.get("http://fake.invalid" + call.path()).pathSegments();
    return s.size() >= 2 && s.get(0).equals("api") && s.get(1).equals("v4") ? s.subList(2, s.size()) : List.of();
  }

  private long resolve(String reference) {
    if (reference.matches("[0-9]{1,18}")) {
      long id = Long.parseLong(reference);
      projectIds.putIfAbsent(reference, id);
      return id;
    }
    return projectIds.computeIfAbsent(reference, p -> 278_964L + projectIds.size());
  }

  private static Map<?, ?> parse(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> m ? m : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> labels(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof String s) for (String l : s.split(",")) if (!l.isBlank()) out.add(l.strip());
    return out;
  }

  private static List<Long> ids(Object value) {
    List<Long> out = new ArrayList<>();
    if (value instanceof List<?> list) for (Object o : list) if (o instanceof Number n && n.longValue() > 0) out.add(n.longValue());
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
      projectIds.clear();
      lastIid.clear();
    }
  }
}
