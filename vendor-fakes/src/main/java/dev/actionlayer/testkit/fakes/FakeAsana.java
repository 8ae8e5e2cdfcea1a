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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Asana's REST API 1.0 tasks ({@code POST /tasks}, {@code GET}, {@code PUT} and
 * {@code DELETE /tasks/{task_gid}}, {@code GET /tasks?project=…&limit=…&offset=…} with Asana's
 * {@code next_page} offset tokens), answering in Asana's {@code {"data": …}} and
 * {@code {"errors": […]}} envelopes. It serves both at its root and under {@code /api/1.0}, so a connector may use {@link
 * #uri()} or {@code uri() + "/api/1.0"} as its base. Bodies Asana's documentation shows (401, 429,
 * 500, {@code "workspace: Missing input"}) are verbatim; the others follow the same shape.
 *
 * <pre>{@code
 * try (FakeAsana asana = new FakeAsana().requireBearer("pat-123")) {
 *   asana.start();
 *   asana.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   asana.on(Requests.gets()).nth(1).respond(FakeAsana.rateLimited().header("Retry-After", "30"));
 *   // ... run the connector, then assert asana.taskCount() == 1
 * }
 * }</pre>
 */
public final class FakeAsana extends FakeVendor {

  /**
   * A task as the fake stores it, for assertions.
   *
   * @param gid a 16-digit string, counting up
   * @param project the first project gid sent, or null for a task created in a workspace only
   * @param name the name as sent
   * @param notes the notes as sent, {@code ""} when none were
   * @param completed whether the task is marked complete
   * @param assignee the assignee's gid, or null
   * @param dueOn the due date {@code YYYY-MM-DD}, or null
   */
  public record StoredTask(String gid, String project, String name, String notes, boolean completed,
      String assignee, String dueOn) {}

  static final String JSON = "application/json; charset=UTF-8";
  static final String HELP = "For more information on API status codes and how to handle them,"
      + " read the docs on errors: https://developers.asana.com/docs/errors";
  private static final long FIRST_GID = 1_209_000_000_000_001L;
  private static final Pattern TASK_PATH = Pattern.compile("/tasks/([^/]+)/?");
  private static final Pattern GID = Pattern.compile("\\d{1,32}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern OFFSET = Pattern.compile("eyJvZmZzZXQiOi([A-Za-z0-9_-]{1,16})");

  private final Object lock = new Object();
  private final Map<String, StoredTask> tasks = new LinkedHashMap<>();
  private long nextGid = FIRST_GID;
  private String expectedAuthorization;

  /** Creates a fake accepting any (or no) credentials and any numeric project gid. */
  public FakeAsana() {}

  /** Requires {@code Authorization: Bearer <token>} on every request; others get Asana's 401. */
  public FakeAsana requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** An immutable snapshot of the stored tasks, in creation order. */
  public List<StoredTask> tasks() {
    synchronized (lock) {
      return List.copyOf(tasks.values());
    }
  }

  /** How many tasks are stored now (creates minus deletes). */
  public int taskCount() {
    return tasks().size();
  }

  /** Asana's 401, verbatim from its errors page. */
  public static Fault notAuthorized() {
    return Fault.status(401).body(errors("Not Authorized", null, null), JSON);
  }

  /** Asana's 429 body, verbatim from its rate-limit page, without {@code Retry-After}: add one. */
  public static Fault rateLimited() {
    return Fault.status(429).body(errors("You've made too many requests and hit a rate limit."
        + " Please retry after the given amount of time.", null, null), JSON);
  }

  /** A 402: the feature needs a paid plan (wording assumed; Asana documents only the status). */
  public static Fault paymentRequired() {
    return Fault.status(402).body(errors("The endpoint that is being requested is only available"
        + " to premium users.", HELP, null), JSON);
  }

  /** A 403: valid token, no access to the object (wording assumed). */
  public static Fault forbidden() {
    return Fault.status(403).body(errors("Forbidden", HELP, null), JSON);
  }

  /** Asana's 500 with the error phrase its support looks incidents up by, e.g. "6 sad squid snuggle softly". */
  public static Fault serverError(String phrase) {
    Objects.requireNonNull(phrase, "phrase == null");
    return Fault.status(500).body(errors("Server Error", null, phrase), JSON);
  }

  /** Only {@code POST /tasks} creates; Asana also POSTs to subresources such as {@code /tasks/{gid}/stories}. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && route(call).equals("/tasks");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return response("HTTP/1.1 401 Not Authorized", errors("Not Authorized", null, null));
      }
      String path = route(call);
      if (path.equals("/tasks")) {
        if (call.method().equals("POST")) return create(call.body());
        // GET /tasks without a filter is the errors page's own 400 example.
        return call.queryParameter("project") == null ? json(400, errors("workspace: Missing input", null, null))
            : list(call);
      }
      Matcher task = TASK_PATH.matcher(path);
      if (task.matches() && call.method().equals("GET")) return get(task.group(1), call.queryParameter("opt_fields"));
      if (task.matches() && call.method().equals("PUT")) return update(task.group(1), call);
      if (task.matches() && call.method().equals("DELETE")) {
        return tasks.remove(task.group(1)) == null ? unknown(task.group(1)) : json(200, "{\"data\":{}}");
      }
      return json(404, errors("No matching route for request", HELP, null));
    }
  }

  private MockResponse create(String body) {
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (IOException | RuntimeException e) {
      return json(400, errors("Could not parse request data, invalid JSON", HELP, null));
    }
    Map<?, ?> data = parsed instanceof Map<?, ?> root && root.get("data") instanceof Map<?, ?> d ? d : null;
    if (data == null) return json(400, errors("data: Missing input", HELP, null));
    List<?> projects = data.get("projects") instanceof List<?> list ? list : List.of();
    if (projects.isEmpty() && data.get("workspace") == null) {
      return json(400, errors("workspace: Missing input", HELP, null));
    }
    for (int i = 0; i < projects.size(); i++) {
      if (!(projects.get(i) instanceof String gid && GID.matcher(gid).matches())) {
        return json(400, errors("projects: [" + i + "]: Not a recognized ID", HELP, null));
      }
    }
    if (!(data.get("name") instanceof String name) || name.isBlank()) {
      return json(400, errors("name: Missing input", HELP, null));
    }
    StoredTask task = new StoredTask(String.valueOf(nextGid++),
        projects.isEmpty() ? null : (String) projects.get(0), name,
        data.get("notes") instanceof String notes ? notes : "", false, null, null);
    tasks.put(task.gid(), task);
    return json(201, Json.write(Json.object("data", record(task, null))))
        .newBuilder().setHeader("Location", uri() + "/api/1.0/tasks/" + task.gid()).build();
  }

  /**
   * {@code PUT /tasks/{gid}}: only the members given change ({@code name}, {@code notes},
   * {@code completed}, {@code assignee} and {@code due_on}, null clearing the last two); the answer
   * is the whole task, as Asana's.
   */
  private MockResponse update(String gid, RecordedCall call) {
    StoredTask task = tasks.get(gid);
    if (task == null) return unknown(gid);
    Object parsed;
    try {
      parsed = Json.parse(call.body());
    } catch (IOException | RuntimeException e) {
      return json(400, errors("Could not parse request data, invalid JSON", HELP, null));
    }
    Map<?, ?> data = parsed instanceof Map<?, ?> root && root.get("data") instanceof Map<?, ?> d ? d : null;
    if (data == null) return json(400, errors("data: Missing input", HELP, null));
    String name = task.name();
    String notes = task.notes();
    boolean completed = task.completed();
    String assignee = task.assignee();
    String dueOn = task.dueOn();
    if (data.containsKey("name")) {
      if (!(data.get("name") instanceof String n) || n.isBlank()) return json(400, errors("name: Missing input", HELP, null));
      name = n;
    }
    if (data.containsKey("notes")) {
      if (!(data.get("notes") instanceof String n)) return json(400, errors("notes: Not a string", HELP, null));
      notes = n;
    }
    if (data.containsKey("completed")) {
      if (!(data.get("completed") instanceof Boolean c)) return json(400, errors("completed: Not a boolean", HELP, null));
      completed = c;
    }
    if (data.containsKey("assignee")) {
      Object a = data.get("assignee");
      if (a != null && !(a instanceof String g && GID.matcher(g).matches())) {
        return json(400, errors("assignee: Not a recognized ID", HELP, null));
      }
      assignee = (String) a;
    }
    if (data.containsKey("due_on")) {
      Object d = data.get("due_on");
      if (d != null && !(d instanceof String date && DATE.matcher(date).matches())) {
        return json(400, errors("due_on: Not a valid date", HELP, null));
      }
      dueOn = (String) d;
    }
    StoredTask changed = new StoredTask(gid, task.project(), name, notes, completed, assignee, dueOn);
    tasks.put(gid, changed);
    return json(200, Json.write(Json.object("data", record(changed, call.queryParameter("opt_fields")))));
  }

  /**
   * {@code GET /tasks?project=…}: the project's tasks in creation order; with {@code limit}, a
   * page and {@code next_page} (null on the last page) whose opaque {@code offset} token the next
   * request passes back, as Asana's.
   */
  private MockResponse list(RecordedCall call) {
    String project = call.queryParameter("project");
    if (!GID.matcher(project).matches()) return json(400, errors("project: Not a recognized ID", HELP, null));
    List<Map<String, Object>> all = new ArrayList<>();
    for (StoredTask t : tasks.values()) {
      if (project.equals(t.project())) all.add(record(t, call.queryParameter("opt_fields")));
    }
    String limitText = call.queryParameter("limit");
    if (limitText == null) return json(200, Json.write(Json.object("data", all)));
    int limit;
    try {
      limit = Integer.parseInt(limitText);
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > 100) {
      return json(400, errors("limit: The value must be between 1 and 100", HELP, null));
    }
    int from = 0;
    String offset = call.queryParameter("offset");
    if (offset != null) {
      Matcher m = OFFSET.matcher(offset);
      from = m.matches() ? decodeOffset(m.group(1)) : -1;
      if (from < 0) return json(400, errors("offset: Your pagination token is invalid", HELP, null));
    }
    List<Map<String, Object>> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
    Object next = null;
    if (from + limit < all.size()) {
      String token = "eyJvZmZzZXQiOi" + java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(from + limit).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String rel = "/tasks?project=" + project + "&limit=" + limit + "&offset=" + token;
      next = Json.object("offset", token, "path", rel, "uri", uri() + "/api/1.0" + rel);
    }
    return json(200, Json.write(Json.object("data", new ArrayList<>(page), "next_page", next)));
  }

  private static int decodeOffset(String encoded) {
    try {
      String text = new String(java.util.Base64.getUrlDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
      return text.matches("\\d{1,9}") ? Integer.parseInt(text) : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private MockResponse get(String gid, String optFields) {
    StoredTask task = tasks.get(gid);
    return task == null ? unknown(gid) : json(200, Json.write(Json.object("data", record(task, optFields))));
  }

  private static MockResponse unknown(String gid) {
    return json(404, errors("task: Unknown object: " + gid, HELP, null));
  }

  /** The task record; with {@code opt_fields}, only the gid and the fields named (Asana's rule). */
  private static Map<String, Object> record(StoredTask task, String optFields) {
    List<Object> projects = new ArrayList<>();
    if (task.project() != null) projects.add(Json.object("gid", task.project(), "resource_type", "project"));
    Map<String, Object> all = Json.object("gid", task.gid(), "resource_type", "task",
        "resource_subtype", "default_task", "name", task.name(), "notes", task.notes(),
        "completed", task.completed(), "projects", projects,
        "assignee", task.assignee() == null ? null : Json.object("gid", task.assignee(), "resource_type", "user"),
        "due_on", task.dueOn(), "tags", List.of(),
        "permalink_url", "https://app.asana.com/0/" + (task.project() == null ? "0" : task.project()) + "/" + task.gid());
    if (optFields == null || optFields.isBlank()) return all;
    Set<String> wanted = Arrays.stream(optFields.split(",")).map(f -> f.strip().split("\\.")[0])
        .collect(Collectors.toSet());
    Map<String, Object> selected = new LinkedHashMap<>();
    all.forEach((field, value) -> {
      if (field.equals("gid") || wanted.contains(field)) selected.put(field, value);
    });
    return selected;
  }

  /** The path without query and without the {@code /api/1.0} prefix. */
  private static String route(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return path.startsWith("/api/1.0/") ? path.substring("/api/1.0".length()) : path;
  }

  /** {@code {"errors":[{"message","help","phrase"}]}}, members left out when null. */
  static String errors(String message, String help, String phrase) {
    Map<String, Object> error = Json.object("message", message);
    if (help != null) error.put("help", help);
    if (phrase != null) error.put("phrase", phrase);
    return Json.write(Json.object("errors", List.of(error)));
  }

  private static MockResponse json(int status, String body) {
    return response(StatusLines.of(status), body);
  }

  private static MockResponse response(String statusLine, String body) {
    return new MockResponse.Builder().status(statusLine).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      tasks.clear();
      nextGid = FIRST_GID;
    }
  }
}
