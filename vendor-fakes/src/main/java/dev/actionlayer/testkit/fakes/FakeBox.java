package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * A stateful fake of Box's Content API 2.0 folders: {@code POST /2.0/folders}, {@code GET},
 * {@code PUT} and {@code DELETE /2.0/folders/{id}} (to the trash, {@code recursive} honoured) and
 * {@code GET /2.0/folders/{id}/items} with {@code limit}, {@code usemarker} and {@code marker}.
 * It answers as Box documents: a second item of the same name in a parent is {@code 409
 * item_name_in_use} naming the existing item in {@code context_info.conflicts}; errors are Box's
 * client-error JSON; {@code fields} selects the mini representation plus the fields named; every
 * answer carries a {@code BOX-REQUEST-ID} header; a bad token is a 401 with an empty body and a
 * {@code WWW-Authenticate} challenge. The root folder is {@code "0"} ("All Files"). Bodies Box's
 * documentation shows (429, {@code folder_not_empty}, {@code item_name_in_use}) are verbatim.
 *
 * <pre>{@code
 * try (FakeBox box = new FakeBox().requireBearer("token")) {
 *   box.start();
 *   box.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   // ... run the connector against box.uri().resolve("/2.0"), then assert box.folderCount() == 1
 * }
 * }</pre>
 */
public final class FakeBox extends FakeVendor {

  /**
   * An item as the fake stores it, for assertions.
   *
   * @param id a digit string
   * @param type {@code folder} or {@code file}
   * @param name the name as sent
   * @param parentId the parent folder's id, {@code "0"} at the root
   * @param trashed whether it was deleted (Box keeps it in the trash)
   */
  public record Item(String id, String type, String name, String parentId, boolean trashed) {}

  /** The root folder's id. */
  public static final String ROOT = "0";
  static final String JSON = "application/json";
  static final String HELP = "http://developers.box.com/docs/#errors";
  private static final String CHALLENGE = "Bearer realm=\"Service\", error=\"invalid_token\","
      + " error_description=\"The access token provided is invalid.\"";
  private static final Pattern FOLDER = Pattern.compile("/folders/([^/]+)");
  private static final Pattern ITEMS = Pattern.compile("/folders/([^/]+)/items");
  private static final Set<String> MINI = Set.of("type", "id", "sequence_id", "etag", "name");

  private final Object lock = new Object();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<String, String> created = new LinkedHashMap<>();
  private long nextId = 12_345_678_901L;
  private long nextRequest = 1;
  private String expectedAuthorization;

  /** Creates a fake accepting any (or no) credentials. */
  public FakeBox() {}

  /** Requires {@code Authorization: Bearer <token>}; others get Box's 401. */
  public FakeBox requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** Stores a file in {@code parentId} (names conflict with it; listings show it); returns its id. */
  public String addFile(String parentId, String name) {
    synchronized (lock) {
      return store("file", name, parentId).id();
    }
  }

  /** A snapshot of every item, trashed ones included, in creation order. */
  public List<Item> items() {
    synchronized (lock) {
      return List.copyOf(items.values());
    }
  }

  /** How many folders exist outside the trash (the root not counted). */
  public int folderCount() {
    return (int) items().stream().filter(i -> i.type().equals("folder") && !i.trashed()).count();
  }

  /** Box's 401: no body, the reason in {@code WWW-Authenticate}. */
  public static Fault notAuthorized() {
    return Fault.status(401).header("WWW-Authenticate", CHALLENGE);
  }

  /** Box's 403 for a token without access to the item. */
  public static Fault forbidden() {
    return Fault.status(403).body(error(403, "access_denied_insufficient_permissions", null,
        "Access denied - insufficient permission", "abcdef123456"), JSON);
  }

  /** Box's 429 body, verbatim from its rate-limit guide, without {@code retry-after}: add one. */
  public static Fault rateLimited() {
    return Fault.status(429).body(error(429, "rate_limit_exceeded", null,
        "Request rate limit exceeded, please try again later", "abcdef123456"), JSON);
  }

  /** Box's 403 when the account's storage is spent. */
  public static Fault storageLimitExceeded() {
    return Fault.status(403).body(error(403, "storage_limit_exceeded", null, "Account storage limit reached",
        "abcdef123456"), JSON);
  }

  /** Box's 400 for a name it does not accept. */
  public static Fault nameInvalid() {
    return Fault.status(400).body(error(400, "item_name_invalid", null, "Item name invalid", "abcdef123456"), JSON);
  }

  /** Only {@code POST /2.0/folders} creates. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && route(call).equals("/folders");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      String requestId = Long.toHexString(0x1531759085L * 1_000 + nextRequest++);
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return new MockResponse.Builder().status(StatusLines.of(401)).setHeader("WWW-Authenticate", CHALLENGE).build();
      }
      String path = route(call);
      String fields = call.queryParameter("fields");
      Matcher items = ITEMS.matcher(path);
      Matcher folder = FOLDER.matcher(path);
      if (path.equals("/folders") && call.method().equals("POST")) return create(call.body(), fields, requestId);
      if (items.matches() && call.method().equals("GET")) return list(items.group(1), call, fields, requestId);
      if (!folder.matches()) return json(404, error(404, "not_found", null, "Not Found", requestId));
      String id = folder.group(1);
      Item item = id.equals(ROOT) ? new Item(ROOT, "folder", "All Files", null, false) : this.items.get(id);
      if (item == null || !item.type().equals("folder")) return json(404, error(404, "not_found", null, "Not Found", requestId));
      if (item.trashed()) return json(404, error(404, "trashed", null, "Item is trashed", requestId));
      switch (call.method()) {
        case "GET":
          return json(200, Json.write(render(item, fields)));
        case "PUT":
          return update(item, call.body(), fields, requestId);
        case "DELETE":
          if (!"true".equals(call.queryParameter("recursive")) && !children(id).isEmpty()) {
            return json(400, error(400, "folder_not_empty", null, "Cannot delete – folder not empty", requestId));
          }
          this.items.put(id, new Item(id, item.type(), item.name(), item.parentId(), true));
          return new MockResponse.Builder().status(StatusLines.of(204)).build();
        default:
          return json(405, error(405, "method_not_allowed", null, "Method Not Allowed", requestId));
      }
    }
  }

  private MockResponse create(String body, String fields, String requestId) {
    Map<?, ?> request = parse(body);
    Map<?, ?> parent = request != null && request.get("parent") instanceof Map<?, ?> p ? p : null;
    if (request == null || parent == null || !(parent.get("id") instanceof String parentId)) {
      return json(400, error(400, "bad_request", null, "Bad Request", requestId));
    }
    MockResponse refused = refuseName(request.get("name"), parentId, null, requestId);
    if (refused != null) return refused;
    return json(201, Json.write(render(store("folder", (String) request.get("name"), parentId), fields)));
  }

  private MockResponse update(Item item, String body, String fields, String requestId) {
    Map<?, ?> request = parse(body);
    if (request == null) return json(400, error(400, "bad_request", null, "Bad Request", requestId));
    String name = request.containsKey("name") ? String.valueOf(request.get("name")) : item.name();
    String parentId = request.get("parent") instanceof Map<?, ?> p && p.get("id") instanceof String s ? s : item.parentId();
    for (String at = parentId; at != null; at = this.items.containsKey(at) ? this.items.get(at).parentId() : null) {
      if (at.equals(item.id())) {
        return json(400, error(400, "cyclical_folder_structure", null, "Folder move creates cyclical folder structure",
            requestId));
      }
    }
    MockResponse refused = refuseName(name, parentId, item.id(), requestId);
    if (refused != null) return refused;
    Item changed = new Item(item.id(), item.type(), name, parentId, false);
    this.items.put(item.id(), changed);
    return json(200, Json.write(render(changed, fields)));
  }

  /** Box's answer to a name or parent it refuses, or null when {@code name} may go in {@code parentId}. */
  private MockResponse refuseName(Object value, String parentId, String self, String requestId) {
    if (!isLiveFolder(parentId)) return json(404, error(404, "not_found", null, "Not Found", requestId));
    if (!(value instanceof String name) || name.isEmpty() || name.equals(".") || name.equals("..")
        || name.endsWith(" ") || name.contains("/") || name.contains("\\") || name.chars().anyMatch(c -> c < 0x20)) {
      return json(400, error(400, "item_name_invalid", null, "Item name invalid", requestId));
    }
    if (name.length() > 255) return json(400, error(400, "item_name_too_long", null, "Item name too long", requestId));
    for (Item sibling : children(parentId)) {
      if (sibling.name().equalsIgnoreCase(name) && !sibling.id().equals(self)) {
        Map<String, Object> mini = Json.object("type", sibling.type(), "id", sibling.id(), "sequence_id", "0",
            "etag", "0", "name", sibling.name());
        return json(409, error(409, "item_name_in_use", Json.object("conflicts", List.of(mini)),
            "Item with the same name already exists", requestId));
      }
    }
    return null;
  }

  private MockResponse list(String id, RecordedCall call, String fields, String requestId) {
    if (!isLiveFolder(id)) return json(404, error(404, "not_found", null, "Not Found", requestId));
    int limit;
    try {
      limit = call.queryParameter("limit") == null ? 100 : Math.min(1000, Integer.parseInt(call.queryParameter("limit")));
    } catch (NumberFormatException e) {
      return json(400, error(400, "invalid_limit", null, "Limit is not a valid number", requestId));
    }
    int offset = 0;
    String marker = call.queryParameter("marker");
    if (marker != null && !marker.isEmpty()) {
      try {
        offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8)
            .substring("offset:".length()));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        return json(400, error(400, "bad_request", null, "Invalid marker", requestId));
      }
    }
    // Box sorts by type first: folders, then files.
    List<Item> all = new ArrayList<>(children(id));
    all.sort((a, b) -> a.type().equals(b.type()) ? 0 : a.type().equals("folder") ? -1 : 1);
    List<Object> entries = new ArrayList<>();
    for (Item item : all.subList(Math.min(offset, all.size()), Math.min(offset + Math.max(limit, 1), all.size()))) {
      entries.add(render(item, fields));
    }
    int next = offset + entries.size();
    String nextMarker = next < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + next).getBytes(StandardCharsets.UTF_8))
        : null;
    return json(200, Json.write(Json.object("entries", entries, "limit", limit, "next_marker", nextMarker)));
  }

  private List<Item> children(String parentId) {
    return items.values().stream().filter(i -> parentId.equals(i.parentId()) && !i.trashed()).collect(Collectors.toList());
  }

  private boolean isLiveFolder(String id) {
    Item item = items.get(id);
    return id.equals(ROOT) || item != null && item.type().equals("folder") && !item.trashed();
  }

  private Item store(String type, String name, String parentId) {
    Item item = new Item(String.valueOf(nextId++), type, name, parentId, false);
    items.put(item.id(), item);
    created.put(item.id(), OffsetDateTime.now(ZoneOffset.ofHours(-8)).truncatedTo(ChronoUnit.SECONDS).toString());
    return item;
  }

  /** Box's full representation, or with {@code fields} the mini one plus the fields named. */
  private Map<String, Object> render(Item item, String fields) {
    Item parent = item.parentId() == null ? null : item.parentId().equals(ROOT)
        ? new Item(ROOT, "folder", "All Files", null, false) : items.get(item.parentId());
    Map<String, Object> all = Json.object("type", item.type(), "id", item.id(), "sequence_id", "0", "etag", "0",
        "name", item.name(), "created_at", created.get(item.id()), "modified_at", created.get(item.id()),
        "description", "", "size", 0,
        "parent", parent == null ? null : Json.object("type", "folder", "id", parent.id(), "sequence_id", "0",
            "etag", "0", "name", parent.name()),
        "item_status", item.trashed() ? "trashed" : "active");
    if (item.type().equals("folder")) {
      List<Object> entries = new ArrayList<>();
      for (Item child : children(item.id())) {
        entries.add(Json.object("type", child.type(), "id", child.id(), "sequence_id", "0", "etag", "0",
            "name", child.name()));
      }
      all.put("item_collection", Json.object("total_count", entries.size(), "entries", entries, "offset", 0,
          "limit", 100));
    }
    if (fields == null || fields.isBlank()) return all;
    Set<String> wanted = Arrays.stream(fields.split(",")).map(String::strip).collect(Collectors.toSet());
    Map<String, Object> selected = new LinkedHashMap<>();
    all.forEach((field, value) -> {
      if (MINI.contains(field) || wanted.contains(field)) selected.put(field, value);
    });
    return selected;
  }

  private static Map<?, ?> parse(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> map ? map : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Box's client error, members in the order its answers show them. */
  static String error(int status, String code, Map<String, Object> contextInfo, String message, String requestId) {
    Map<String, Object> error = Json.object("type", "error", "status", status, "code", code);
    if (contextInfo != null) error.put("context_info", contextInfo);
    error.put("help_url", HELP);
    error.put("message", message);
    error.put("request_id", requestId);
    return Json.write(error);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  /** The path without query and without the {@code /2.0} prefix. */
  private static String route(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return path.startsWith("/2.0/") ? path.substring("/2.0".length()) : path;
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    if (response.getHeaders().get("BOX-REQUEST-ID") != null) return response;
    String id;
    synchronized (lock) {
      id = "0" + Long.toString(0x7a3f_0000_0000L + nextRequest, 36);
    }
    return response.newBuilder().setHeader("BOX-REQUEST-ID", id).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      items.clear();
      created.clear();
      nextId = 12_345_678_901L;
    }
  }
}
