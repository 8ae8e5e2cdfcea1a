package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Dropbox API v2's file RPC endpoints for folders: {@code POST
 * /2/files/create_folder_v2}, {@code get_metadata}, {@code move_v2}, {@code delete_v2}, {@code
 * list_folder} and {@code list_folder/continue}. It answers as Dropbox documents: arguments are JSON
 * bodies; paths are case-insensitive and {@code id:…} stands for an existing item wherever Dropbox's
 * argument type accepts one (not in {@code create_folder_v2}, whose path must start with {@code /});
 * endpoint errors are {@code 409 {"error_summary","error":{".tag"…}}}; bad input is a {@code 400}
 * plain-text message; creating or moving to a taken path is {@code path/conflict/folder} (or
 * {@code file}); creates and moves make missing parent folders, deletes take the content along;
 * every answer carries {@code X-Dropbox-Request-Id}. Bodies from Dropbox's documentation and its own
 * SDK tests (401, 403, 429) are verbatim.
 *
 * <pre>{@code
 * try (FakeDropbox dropbox = new FakeDropbox().requireBearer("token")) {
 *   dropbox.start();
 *   // ... run the connector against dropbox.uri().resolve("/2"), then assert dropbox.folderCount() == 1
 * }
 * }</pre>
 */
public final class FakeDropbox extends FakeVendor {

  /**
   * An entry as the fake stores it, for assertions.
   *
   * @param id {@code id:…}
   * @param name the last path component, as cased when stored
   * @param parentId the parent folder's id, null at the root
   * @param folder whether it is a folder (else a file)
   * @param deleted whether it was deleted
   */
  public record Entry(String id, String name, String parentId, boolean folder, boolean deleted) {}

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";
  private static final String WRITE_PATH = "(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)";

  private final Object lock = new Object();
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long nextId = 1;
  private long nextRequest = 1;
  private String expectedAuthorization;

  /** Creates a fake accepting any (or no) credentials. */
  public FakeDropbox() {}

  /** Requires {@code Authorization: Bearer <token>}; others get Dropbox's 401. */
  public FakeDropbox requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** Stores a file at {@code path} (parents made as needed); returns its id. */
  public String addFile(String path) {
    synchronized (lock) {
      return make(path, false).id();
    }
  }

  /** A snapshot of every entry, deleted ones included, in creation order. */
  public List<Entry> entries() {
    synchronized (lock) {
      return List.copyOf(entries.values());
    }
  }

  /** How many folders exist (not deleted). */
  public int folderCount() {
    return (int) entries().stream().filter(e -> e.folder() && !e.deleted()).count();
  }

  /** The path of a live entry as Dropbox would display it, or null. */
  public String pathOf(String id) {
    synchronized (lock) {
      Entry e = entries.get(id);
      return e == null || e.deleted() ? null : path(e);
    }
  }

  /** Dropbox's 401 for an invalid token, verbatim from its HTTP documentation. */
  public static Fault notAuthorized() {
    return Fault.status(401).body("{\"error_summary\": \"invalid_access_token/...\", \"error\": {\".tag\":"
        + " \"invalid_access_token\"}}", JSON);
  }

  /** Dropbox's 403 {@code AccessError}, verbatim from Dropbox's Go SDK tests. */
  public static Fault accessDenied() {
    return Fault.status(403).body("{\"error_summary\": \"access_error/...\",\n\t\"error\": {\n\t\t\".tag\":"
        + " \"paper_access_denied\",\n\t  \"paper_access_denied\": {\".tag\": \"not_paper_user\"}\n\t}}", JSON);
  }

  /** Dropbox's 429 JSON, verbatim from Dropbox's Go SDK tests, without {@code Retry-After}: add one. */
  public static Fault rateLimited() {
    return Fault.status(429).body("{\"error_summary\": \"too_many_requests/..\", \"error\": {\"reason\":"
        + " {\".tag\": \"too_many_requests\"}, \"retry_after\": 300}}", JSON);
  }

  /** {@code 409 path/insufficient_space}: the account is full. */
  public static Fault insufficientSpace() {
    return Fault.status(409).body(error("path/insufficient_space/..", "path", "insufficient_space"), JSON);
  }

  /** {@code 409 path/disallowed_name}: Dropbox will not save an item by that name. */
  public static Fault disallowedName() {
    return Fault.status(409).body(error("path/disallowed_name/..", "path", "disallowed_name"), JSON);
  }

  /** Only {@code create_folder_v2} creates. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.pathWithoutQuery().equals("/2/files/create_folder_v2");
  }

  /**
   * Dropbox reads by POST: {@code get_metadata} and the listings are its reads. (The kit's {@code
   * Requests.gets()} selects by HTTP method today; this is the hook a vendor-defined read needs.)
   */
  @Override
  public boolean isRead(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return path.equals("/2/files/get_metadata") || path.startsWith("/2/files/list_folder");
  }

  /** Dropbox deletes by POST to {@code delete_v2}. */
  @Override
  public boolean isDelete(RecordedCall call) {
    return call.pathWithoutQuery().equals("/2/files/delete_v2");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      String requestId = String.format(Locale.ROOT, "744e8225b8b1c569c19469%010x", nextRequest++);
      return answer(call).newBuilder().setHeader("X-Dropbox-Request-Id", requestId).build();
    }
  }

  private MockResponse answer(RecordedCall call) {
    if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
      return json(401, "{\"error_summary\": \"invalid_access_token/...\", \"error\": {\".tag\": \"invalid_access_token\"}}");
    }
    String path = call.pathWithoutQuery();
    String endpoint = path.startsWith("/2/") ? path.substring(3) : path;
    if (!call.method().equals("POST")) return text(400, "Error in call to API function \"" + endpoint + "\": Expected POST.");
    Map<?, ?> args;
    try {
      String type = call.header("Content-Type");
      if (type == null || !type.startsWith("application/json")) throw new IOException("content type");
      args = Json.parse(call.body()) instanceof Map<?, ?> map ? map : null;
    } catch (IOException | RuntimeException e) {
      args = null;
    }
    if (args == null) {
      return text(400, "Error in call to API function \"" + endpoint + "\": request body: could not decode input as JSON");
    }
    switch (endpoint) {
      case "files/create_folder_v2":
        return create(args);
      case "files/get_metadata": {
        if ("".equals(args.get("path"))) {
          return text(400, "Error in call to API function \"files/get_metadata\": request body: path: The root folder is unsupported.");
        }
        Entry e = lookup(args.get("path"));
        return e == null ? json(409, error("path/not_found/..", "path", "not_found")) : json(200, Json.write(metadata(e, true)));
      }
      case "files/delete_v2": {
        Entry e = lookup(args.get("path"));
        if (e == null) return json(409, error("path_lookup/not_found/..", "path_lookup", "not_found"));
        delete(e);
        return json(200, Json.write(Json.object("metadata", metadata(e, true))));
      }
      case "files/move_v2":
        return move(args);
      case "files/list_folder":
        return list(args);
      case "files/list_folder/continue":
        return listContinue(args);
      default:
        return text(400, "Unknown API function: \"" + endpoint + "\"");
    }
  }

  private MockResponse create(Map<?, ?> args) {
    if (!(args.get("path") instanceof String path) || !path.matches(WRITE_PATH)) {
      return text(400, "Error in call to API function \"files/create_folder_v2\": request body: path: '"
          + args.get("path") + "' did not match pattern '" + WRITE_PATH + "'");
    }
    Entry taken = byPath(path);
    if (taken != null) {
      String kind = taken.folder() ? "folder" : "file";
      return json(409, "{\"error_summary\": \"path/conflict/" + kind + "/..\", \"error\": {\".tag\": \"path\", \"path\":"
          + " {\".tag\": \"conflict\", \"conflict\": {\".tag\": \"" + kind + "\"}}}}");
    }
    if (ancestorIsFile(path)) return json(409, error("path/conflict/file_ancestor/..", "path", "conflict"));
    return json(200, Json.write(Json.object("metadata", metadata(make(path, true), false))));
  }

  private MockResponse move(Map<?, ?> args) {
    Entry from = lookup(args.get("from_path"));
    if (from == null) return json(409, error("from_lookup/not_found/..", "from_lookup", "not_found"));
    if (!(args.get("to_path") instanceof String to) || !to.matches(WRITE_PATH)) {
      return json(409, error("to/malformed_path/..", "to", "malformed_path"));
    }
    Entry taken = byPath(to);
    if (taken != null) {
      String kind = taken.folder() ? "folder" : "file";
      return json(409, "{\"error_summary\": \"to/conflict/" + kind + "/..\", \"error\": {\".tag\": \"to\", \"to\":"
          + " {\".tag\": \"conflict\", \"conflict\": {\".tag\": \"" + kind + "\"}}}}");
    }
    String fromPath = path(from).toLowerCase(Locale.ROOT);
    if (to.toLowerCase(Locale.ROOT).startsWith(fromPath + "/")) {
      return json(409, "{\"error_summary\": \"cant_move_folder_into_itself/..\", \"error\": {\".tag\":"
          + " \"cant_move_folder_into_itself\"}}");
    }
    int slash = to.lastIndexOf('/');
    String parentId = slash == 0 ? null : make(to.substring(0, slash), true).id();
    Entry moved = new Entry(from.id(), to.substring(slash + 1), parentId, from.folder(), false);
    entries.put(from.id(), moved);
    return json(200, Json.write(Json.object("metadata", metadata(moved, true))));
  }

  private MockResponse list(Map<?, ?> args) {
    Entry folder = null;
    if (!"".equals(args.get("path"))) {
      folder = lookup(args.get("path"));
      if (folder == null) return json(409, error("path/not_found/..", "path", "not_found"));
      if (!folder.folder()) return json(409, error("path/not_folder/..", "path", "not_folder"));
    }
    int limit = args.get("limit") instanceof Number n ? n.intValue() : 2000;
    if (limit < 1 || limit > 2000) {
      return text(400, "Error in call to API function \"files/list_folder\": request body: limit: " + limit
          + " is not within range [1, 2000]");
    }
    return page(folder == null ? "" : folder.id(), limit, 0);
  }

  private MockResponse listContinue(Map<?, ?> args) {
    String[] state;
    try {
      state = new String(Base64.getUrlDecoder().decode(String.valueOf(args.get("cursor"))), StandardCharsets.UTF_8).split("\\|");
      return page(state[0], Integer.parseInt(state[1]), Integer.parseInt(state[2]));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return text(400, "Error in call to API function \"files/list_folder/continue\": Invalid \"cursor\" parameter");
    }
  }

  /** Direct children of {@code folderId} ("" for the root) from {@code offset}; the cursor encodes where. */
  private MockResponse page(String folderId, int limit, int offset) {
    if (!folderId.isEmpty() && (!entries.containsKey(folderId) || entries.get(folderId).deleted())) {
      return json(409, error("reset/..", "reset", null));
    }
    List<Entry> all = entries.values().stream()
        .filter(e -> !e.deleted() && Objects.equals(e.parentId(), folderId.isEmpty() ? null : folderId)).toList();
    List<Object> page = new ArrayList<>();
    for (Entry e : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) page.add(metadata(e, true));
    int next = offset + page.size();
    String cursor = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((folderId + "|" + limit + "|" + next).getBytes(StandardCharsets.UTF_8));
    return json(200, Json.write(Json.object("entries", page, "cursor", cursor, "has_more", next < all.size())));
  }

  /** An existing entry by {@code id:…} or by path; null when none. */
  private Entry lookup(Object pathOrId) {
    if (!(pathOrId instanceof String s)) return null;
    if (s.startsWith("id:")) {
      Entry e = entries.get(s);
      return e == null || e.deleted() ? null : e;
    }
    return byPath(s);
  }

  private Entry byPath(String path) {
    String wanted = path.toLowerCase(Locale.ROOT);
    for (Entry e : entries.values()) {
      if (!e.deleted() && path(e).toLowerCase(Locale.ROOT).equals(wanted)) return e;
    }
    return null;
  }

  private boolean ancestorIsFile(String path) {
    for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      Entry e = byPath(path.substring(0, i));
      if (e != null && !e.folder()) return true;
    }
    return false;
  }

  /** The entry at {@code path}, made (with its missing parents) when absent. */
  private Entry make(String path, boolean folder) {
    Entry existing = byPath(path);
    if (existing != null) return existing;
    int slash = path.lastIndexOf('/');
    String parentId = slash <= 0 ? null : make(path.substring(0, slash), true).id();
    Entry e = new Entry(String.format(Locale.ROOT, "id:a4ayc_80_OEAAAAAAAA%06d", nextId++), path.substring(slash + 1),
        parentId, folder, false);
    entries.put(e.id(), e);
    return e;
  }

  private void delete(Entry e) {
    entries.put(e.id(), new Entry(e.id(), e.name(), e.parentId(), e.folder(), true));
    for (Entry child : List.copyOf(entries.values())) if (e.id().equals(child.parentId()) && !child.deleted()) delete(child);
  }

  private String path(Entry e) {
    return (e.parentId() == null ? "" : path(entries.get(e.parentId()))) + "/" + e.name();
  }

  /** Dropbox's metadata; create_folder_v2's result carries no {@code .tag}. */
  private Map<String, Object> metadata(Entry e, boolean tagged) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (tagged) m.put(".tag", e.folder() ? "folder" : "file");
    m.put("name", e.name());
    m.put("id", e.id());
    if (!e.folder()) {
      m.put("client_modified", "2026-11-25T10:00:00Z");
      m.put("server_modified", "2026-11-25T10:00:00Z");
      m.put("rev", "a1c10ce0dd78");
      m.put("size", 7212);
    }
    m.put("path_lower", path(e).toLowerCase(Locale.ROOT));
    m.put("path_display", path(e));
    return m;
  }

  /** A 409 body: {@code {"error_summary", "error": {".tag": tag, tag: {".tag": detail}}}}. */
  static String error(String summary, String tag, String detail) {
    Map<String, Object> error = Json.object(".tag", tag);
    if (detail != null) error.put(tag, Json.object(".tag", detail));
    return Json.write(Json.object("error_summary", summary, "error", error));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  private static MockResponse text(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", TEXT).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      entries.clear();
      nextId = 1;
    }
  }
}
