package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Todoist's API v1 tasks: {@code POST /tasks} (a repeated {@code X-Request-Id}
 * answers the task the first request made), {@code GET}, {@code POST} (update) and {@code DELETE
 * /tasks/{id}}, {@code POST /tasks/{id}/close} and {@code /reopen} (204), and {@code GET
 * /tasks?project_id=…&limit=…&cursor=…} answering {@code {"results": […], "next_cursor": …}} with
 * active tasks only. Served at its root and under {@code /api/v1}. Errors are Todoist's
 * {@code {"error","error_code","error_extra","error_tag","http_code"}} objects; only the 403
 * {@code AUTH_USER_DELETED} body is verbatim from Todoist, the other wordings are assumed.
 */
public final class FakeTodoist extends FakeVendor {

  /** A task as the fake stores it, for assertions. */
  public record StoredTask(String id, String projectId, String content, String description, boolean checked,
      String responsibleUid, String dueDate, List<String> labels) {}

  static final String JSON = "application/json";
  private static final Pattern TASK = Pattern.compile("/tasks/([^/]+)(/close|/reopen)?/?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String INBOX = "6Jf8VQXxpwv56VQ7";

  private final Object lock = new Object();
  private final Map<String, StoredTask> tasks = new LinkedHashMap<>();
  private final Map<String, String> requestIds = new HashMap<>();
  private long next = 1;
  private String expectedAuthorization;

  /** Requires {@code Authorization: Bearer <token>} on every request; others get a 401. */
  public FakeTodoist requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** The stored tasks (open and closed), in creation order. */
  public List<StoredTask> tasks() {
    synchronized (lock) {
      return List.copyOf(tasks.values());
    }
  }

  public int taskCount() {
    return tasks().size();
  }

  /** Todoist's error object. */
  public static String error(int status, String tag, int code, String message, Map<String, Object> extra) {
    return Json.write(Json.object("error", message, "error_code", code, "error_extra", extra, "error_tag", tag,
        "http_code", status));
  }

  /** A 401 for a wrong token (wording assumed). */
  public static Fault notAuthorized() {
    return Fault.status(401).body(error(401, "AUTH_INVALID_TOKEN", 401, "Invalid token", Map.of()), JSON);
  }

  /** A 403 without the permission (wording assumed). */
  public static Fault forbidden() {
    return Fault.status(403).body(error(403, "FORBIDDEN", 403, "Forbidden", Map.of()), JSON);
  }

  /** A 429 (wording assumed), without {@code Retry-After}: add one. */
  public static Fault rateLimited() {
    return Fault.status(429).body(error(429, "TOO_MANY_REQUESTS", 429, "Too many requests", Map.of()), JSON);
  }

  /** A 400 naming the argument, as {@code error_extra.argument}. */
  public static Fault argumentMissing(String argument) {
    return Fault.status(400).body(error(400, "ARGUMENT_MISSING", 19, "Required argument is missing",
        Map.of("argument", argument)), JSON);
  }

  /** Only {@code POST /tasks} creates: updates, closes and reopens are POSTs too. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && route(call).equals("/tasks");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return json(401, error(401, "AUTH_INVALID_TOKEN", 401, "Invalid token", Map.of()));
      }
      String path = route(call);
      String method = call.method();
      if (path.equals("/tasks") && method.equals("POST")) return create(call);
      if (path.equals("/tasks") && method.equals("GET")) return list(call);
      Matcher m = TASK.matcher(path);
      if (!m.matches()) return json(404, "{\"detail\":\"Not found\"}");
      StoredTask task = tasks.get(m.group(1));
      if (task == null) return json(404, error(404, "NOT_FOUND", 478, "Task not found", Map.of()));
      if (m.group(2) != null && method.equals("POST")) {
        tasks.put(task.id(), with(task, m.group(2).equals("/close")));
        return new MockResponse.Builder().code(204).build();
      }
      return switch (method) {
        case "GET" -> json(200, Json.write(record(task)));
        case "POST" -> update(task, call.body());
        case "DELETE" -> {
          tasks.remove(task.id());
          yield new MockResponse.Builder().code(204).build();
        }
        default -> json(405, error(405, "METHOD_NOT_ALLOWED", 405, "Method not allowed", Map.of()));
      };
    }
  }

  private MockResponse create(RecordedCall call) {
    String requestId = call.header("X-Request-Id");
    StoredTask earlier = requestId == null ? null : tasks.get(requestIds.get(requestId));
    if (earlier != null) return json(200, Json.write(record(earlier)));
    Map<?, ?> body = body(call.body());
    if (body == null) return json(400, error(400, "INVALID_JSON", 1, "Invalid JSON", Map.of()));
    if (!(body.get("content") instanceof String content) || content.isBlank()) return missing("content");
    String id = "6Xt" + String.format("%013d", next++);
    StoredTask task = new StoredTask(id, body.get("project_id") instanceof String p ? p : INBOX, content,
        body.get("description") instanceof String d ? d : "", false, null, null, List.of());
    tasks.put(id, task);
    if (requestId != null) requestIds.put(requestId, id);
    return json(200, Json.write(record(task)));
  }

  private MockResponse update(StoredTask task, String text) {
    Map<?, ?> body = body(text);
    if (body == null) return json(400, error(400, "INVALID_JSON", 1, "Invalid JSON", Map.of()));
    String content = task.content();
    if (body.containsKey("content")) {
      if (!(body.get("content") instanceof String c) || c.isBlank()) return missing("content");
      content = c;
    }
    String description = body.get("description") instanceof String d ? d : task.description();
    String assignee = body.containsKey("assignee_id") ? (String) body.get("assignee_id") : task.responsibleUid();
    String due = task.dueDate();
    if (body.containsKey("due_date")) {
      Object d = body.get("due_date");
      if (d != null && !(d instanceof String s && DATE.matcher(s).matches())) {
        return json(400, error(400, "INVALID_ARGUMENT_VALUE", 20, "Invalid argument value", Map.of("argument", "due_date")));
      }
      due = (String) d;
    }
    List<String> labels = task.labels();
    if (body.get("labels") instanceof List<?> l) {
      labels = new ArrayList<>();
      for (Object label : l) labels.add(String.valueOf(label));
    }
    StoredTask changed = new StoredTask(task.id(), task.projectId(), content, description, task.checked(), assignee,
        due, List.copyOf(labels));
    tasks.put(task.id(), changed);
    return json(200, Json.write(record(changed)));
  }

  /** Active tasks of the project (or all), oldest first, {@code limit} at a time (1 to 200, default 50). */
  private MockResponse list(RecordedCall call) {
    String project = call.queryParameter("project_id");
    List<StoredTask> active = new ArrayList<>();
    for (StoredTask t : tasks.values()) if (!t.checked() && (project == null || project.equals(t.projectId()))) active.add(t);
    int limit = 50;
    int from = 0;
    try {
      if (call.queryParameter("limit") != null) limit = Integer.parseInt(call.queryParameter("limit"));
      String cursor = call.queryParameter("cursor");
      if (cursor != null) from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 200 || from < 0) {
      return json(400, error(400, "INVALID_ARGUMENT_VALUE", 20, "Invalid argument value",
          Map.of("argument", limit < 1 || limit > 200 ? "limit" : "cursor")));
    }
    List<Object> results = new ArrayList<>();
    for (StoredTask t : active.subList(Math.min(from, active.size()), Math.min(from + limit, active.size()))) {
      results.add(record(t));
    }
    String next = from + limit < active.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(from + limit).getBytes(StandardCharsets.UTF_8))
        : null;
    return json(200, Json.write(Json.object("results", results, "next_cursor", next)));
  }

  private static StoredTask with(StoredTask t, boolean checked) {
    return new StoredTask(t.id(), t.projectId(), t.content(), t.description(), checked, t.responsibleUid(), t.dueDate(),
        t.labels());
  }

  private static Map<?, ?> body(String text) {
    try {
      return Json.parse(text) instanceof Map<?, ?> map ? map : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static MockResponse missing(String argument) {
    return json(400, error(400, "ARGUMENT_MISSING", 19, "Required argument is missing", Map.of("argument", argument)));
  }

  /** The API v1 task object (the members this fake keeps, and Todoist's others at their defaults). */
  private static Map<String, Object> record(StoredTask t) {
    Map<String, Object> due = t.dueDate() == null ? null
        : Json.object("date", t.dueDate(), "is_recurring", false, "string", t.dueDate(), "lang", "en", "timezone", null);
    return Json.object("user_id", "2671355", "id", t.id(), "project_id", t.projectId(), "section_id", null,
        "parent_id", null, "added_by_uid", "2671355", "assigned_by_uid", null, "responsible_uid", t.responsibleUid(),
        "labels", t.labels(), "deadline", null, "duration", null, "checked", t.checked(), "is_deleted", false,
        "added_at", "2025-01-07T10:00:00.000000Z", "completed_at", null, "updated_at", "2025-01-07T10:00:00.000000Z",
        "due", due, "priority", 1, "child_order", 1, "content", t.content(), "description", t.description(),
        "note_count", 0, "day_order", -1, "is_collapsed", false);
  }

  private static String route(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return path.startsWith("/api/v1/") ? path.substring("/api/v1".length()) : path;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      tasks.clear();
      requestIds.clear();
      next = 1;
    }
  }
}
