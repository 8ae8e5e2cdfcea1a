package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Microsoft Graph v1.0 for the signed-in user's OneDrive ({@code /v1.0/me/drive}):
 * {@code POST …/children} with {@code @microsoft.graph.conflictBehavior} ({@code fail}, the
 * default, or {@code rename}), {@code GET}, {@code PATCH} and {@code DELETE /items/{id}}, path
 * addressing ({@code /root:/{path}}, {@code /items/{id}:/{path}}) and {@code GET …/children} with
 * {@code $top}, {@code $filter=folder ne null} and {@code $skiptoken}. Like Graph, its {@code
 * @odata.nextLink} is an absolute {@code https://graph.microsoft.com} URL (so a client that followed
 * it would leave the fake); names are unique per parent, case-insensitively; every answer carries
 * {@code request-id} and {@code client-request-id}; errors are Graph's {@code {"error":{…}}} with
 * {@code innerError}. Bodies Graph's documentation shows (429) are verbatim.
 *
 * <pre>{@code
 * try (FakeOneDrive graph = new FakeOneDrive().requireBearer("token")) {
 *   graph.start();
 *   // ... run the connector against graph.uri().resolve("/v1.0"), then assert graph.folderCount() == 1
 * }
 * }</pre>
 */
public final class FakeOneDrive extends FakeVendor {

  /**
   * An item as the fake stores it, for assertions.
   *
   * @param id a Graph-like item id
   * @param name the name as stored
   * @param parentId the parent's id ({@link #ROOT_ID} at the root)
   * @param folder whether it has the folder facet (else it is a file)
   * @param deleted whether it was deleted (in the recycle bin)
   */
  public record Item(String id, String name, String parentId, boolean folder, boolean deleted) {}

  /** The id of the drive's root folder, which the alias {@code root} also names. */
  public static final String ROOT_ID = "01FAKEROOT3Z5QXKM6NKZFAKEDRIVEROOT";
  /** Where Graph's own links point: a client must never follow them. */
  public static final String GRAPH = "https://graph.microsoft.com/v1.0";
  static final String JSON = "application/json";
  private static final String INVALID_CHARS = "\"*:<>?/\\|";

  private final Object lock = new Object();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private long nextId = 1;
  private long nextRequest = 1;
  private String expectedAuthorization;

  /** Creates a fake accepting any (or no) credentials. */
  public FakeOneDrive() {
    resetState();
  }

  /** Requires {@code Authorization: Bearer <token>}; others get Graph's 401. */
  public FakeOneDrive requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** Stores a file in {@code parentId}; returns its id. */
  public String addFile(String parentId, String name) {
    synchronized (lock) {
      return store(name, parentId, false).id();
    }
  }

  /** A snapshot of every item but the root, deleted ones included. */
  public List<Item> items() {
    synchronized (lock) {
      return items.values().stream().filter(i -> !i.id().equals(ROOT_ID)).toList();
    }
  }

  /** How many folders exist outside the recycle bin (the root not counted). */
  public int folderCount() {
    return (int) items().stream().filter(i -> i.folder() && !i.deleted()).count();
  }

  /** Graph's 401 for a token it does not accept. */
  public static Fault notAuthorized() {
    return Fault.status(401).header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri="
        + "\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"")
        .body(error("InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", null,
            "40c464e2-e83f-43e7-bbf5-ec50a9ea3b79"), JSON);
  }

  /** Graph's 403 for a caller without the permission. */
  public static Fault forbidden() {
    return Fault.status(403).body(error("accessDenied", "Access denied", null, "6f0a2e3c-0000-4000-8000-000000000403"),
        JSON);
  }

  /** Graph's 429, verbatim from its throttling guide, without {@code Retry-After}: add one. */
  public static Fault rateLimited() {
    return Fault.status(429).body("{\"error\":{\"code\":\"TooManyRequests\",\"innerError\":{\"code\":\"429\","
        + "\"date\":\"2020-08-18T12:51:51\",\"message\":\"Please retry after\","
        + "\"request-id\":\"94fb3b52-452a-4535-a601-69e0a90e3aa2\",\"status\":\"429\"},"
        + "\"message\":\"Please retry again later.\"}}", JSON);
  }

  /** Graph's 507 when the drive is full. */
  public static Fault quotaLimitReached() {
    return Fault.status(507).body(error("quotaLimitReached", "Insufficient Space Available", null,
        "6f0a2e3c-0000-4000-8000-000000000507"), JSON);
  }

  /** Graph's 400 for a name with a character OneDrive does not allow. */
  public static Fault nameInvalid() {
    return Fault.status(400).body(error("invalidRequest", "The provided name contains invalid characters.",
        "invalidPath", "6f0a2e3c-0000-4000-8000-000000000400"), JSON);
  }

  /** Only a {@code POST} to {@code …/children} creates. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.pathWithoutQuery().endsWith("/children");
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      String requestId = String.format(Locale.ROOT, "b108daec-42ac-48a8-a285-%012x", nextRequest++);
      // The error body and the headers name the same request, as Graph's do.
      return answer(call, requestId).newBuilder().setHeader("request-id", requestId)
          .setHeader("client-request-id", requestId).build();
    }
  }

  private MockResponse answer(RecordedCall call, String requestId) {
    if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
      return json(401, error("InvalidAuthenticationToken", "Access token validation failure. Invalid audience.",
          null, requestId));
    }
    String path = call.pathWithoutQuery();
    if (!path.startsWith("/v1.0/me/drive/")) return notFound("Resource not found for the segment.", requestId);
    List<String> seg = new ArrayList<>();
    for (String s : path.substring("/v1.0/me/drive/".length()).split("/", -1)) {
      seg.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    Item item;
    List<String> rest;
    if (seg.get(0).equals("root:") || seg.size() > 1 && seg.get(0).equals("items") && seg.get(1).endsWith(":")) {
      // Path addressing: /root:/a/b or /items/{id}:/a/b, with an optional closing colon.
      String base = seg.get(0).equals("root:") ? ROOT_ID : resolve(seg.get(1).substring(0, seg.get(1).length() - 1));
      List<String> names = new ArrayList<>(seg.subList(seg.get(0).equals("root:") ? 1 : 2, seg.size()));
      String lastName = names.isEmpty() ? "" : names.remove(names.size() - 1);
      if (lastName.endsWith(":")) lastName = lastName.substring(0, lastName.length() - 1);
      names.add(lastName);
      item = base == null ? null : items.get(base);
      for (String name : names) item = item == null ? null : child(item.id(), name);
      rest = List.of();
    } else if (seg.get(0).equals("root")) {
      item = items.get(ROOT_ID);
      rest = seg.subList(1, seg.size());
    } else if (seg.get(0).equals("items") && seg.size() > 1) {
      String id = resolve(seg.get(1));
      item = id == null ? null : items.get(id);
      rest = seg.subList(2, seg.size());
    } else {
      return notFound("Resource not found for the segment.", requestId);
    }
    if (item == null || item.deleted()) return notFound("Item not found", requestId);
    String method = call.method();
    if (rest.equals(List.of("children")) && method.equals("POST")) return create(item, call.body(), requestId);
    if (rest.equals(List.of("children")) && method.equals("GET")) return children(item, call, requestId);
    if (!rest.isEmpty()) return notFound("Resource not found for the segment.", requestId);
    switch (method) {
      case "GET":
        return json(200, Json.write(render(item)));
      case "PATCH":
        return update(item, call.body(), requestId);
      case "DELETE":
        if (item.id().equals(ROOT_ID)) return json(403, error("accessDenied", "Access denied", null, requestId));
        markDeleted(item.id());
        return new MockResponse.Builder().status(StatusLines.of(204)).build();
      default:
        return json(405, error("invalidRequest", "The request is not supported.", null, requestId));
    }
  }

  private MockResponse create(Item parent, String body, String requestId) {
    Map<?, ?> request = parse(body);
    if (request == null || !(request.get("name") instanceof String name) || !parent.folder()) {
      return json(400, error("invalidRequest", "Invalid request", null, requestId));
    }
    MockResponse refused = refuseName(name, requestId);
    if (refused != null) return refused;
    Object behavior = request.get("@microsoft.graph.conflictBehavior");
    if (child(parent.id(), name) != null) {
      if (!"rename".equals(behavior)) {
        return json(409, error("nameAlreadyExists", "The specified item name already exists.", null, requestId));
      }
      int n = 1;
      while (child(parent.id(), name + " " + n) != null) n++;
      name = name + " " + n;
    }
    return json(201, Json.write(render(store(name, parent.id(), request.containsKey("folder")))));
  }

  private MockResponse update(Item item, String body, String requestId) {
    Map<?, ?> request = parse(body);
    if (request == null) return json(400, error("invalidRequest", "Invalid request", null, requestId));
    String name = request.get("name") instanceof String s ? s : item.name();
    String parentId = request.get("parentReference") instanceof Map<?, ?> p && p.get("id") instanceof String s
        ? resolve(s) : item.parentId();
    Item parent = parentId == null ? null : items.get(parentId);
    if (parent == null || parent.deleted() || !parent.folder()) return notFound("Item not found", requestId);
    for (String at = parentId; at != null; at = items.get(at).parentId()) {
      if (at.equals(item.id())) return json(400, error("invalidRequest", "Cannot move an item into itself.", null, requestId));
    }
    MockResponse refused = refuseName(name, requestId);
    if (refused != null) return refused;
    Item taken = child(parentId, name);
    if (taken != null && !taken.id().equals(item.id())) {
      return json(409, error("nameAlreadyExists", "The specified item name already exists.", null, requestId));
    }
    Item changed = new Item(item.id(), name, parentId, item.folder(), false);
    items.put(item.id(), changed);
    return json(200, Json.write(render(changed)));
  }

  private MockResponse children(Item parent, RecordedCall call, String requestId) {
    String filter = call.queryParameter("$filter");
    if (filter != null && !filter.equals("folder ne null")) {
      return json(400, error("invalidRequest", "Invalid filter clause", null, requestId));
    }
    int top;
    int offset = 0;
    try {
      top = call.queryParameter("$top") == null ? 200 : Integer.parseInt(call.queryParameter("$top"));
      String token = call.queryParameter("$skiptoken");
      if (token != null) offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return json(400, error("invalidRequest", "Invalid request", null, requestId));
    }
    List<Item> all = items.values().stream().filter(i -> parent.id().equals(i.parentId()) && !i.deleted()
        && (filter == null || i.folder())).toList();
    List<Object> value = new ArrayList<>();
    for (Item item : all.subList(Math.min(offset, all.size()), Math.min(offset + Math.max(top, 1), all.size()))) {
      value.add(render(item));
    }
    Map<String, Object> body = Json.object("@odata.context", GRAPH + "/$metadata#users('fake')/drive/items", "value", value);
    int next = offset + value.size();
    if (next < all.size()) {
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
      body.put("@odata.nextLink", GRAPH + "/me/drive/items/" + parent.id() + "/children?$top=" + top
          + (filter == null ? "" : "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))
          + "&$skiptoken=" + token);
    }
    return json(200, Json.write(body));
  }

  private MockResponse refuseName(String name, String requestId) {
    if (name.isBlank() || name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> INVALID_CHARS.indexOf(c) >= 0 || c < 0x20)) {
      return json(400, error("invalidRequest", "The provided name contains invalid characters.", "invalidPath", requestId));
    }
    return null;
  }

  private String resolve(String idOrAlias) {
    return idOrAlias.equals("root") ? ROOT_ID : idOrAlias;
  }

  private Item child(String parentId, String name) {
    return items.values().stream().filter(i -> parentId.equals(i.parentId()) && !i.deleted()
        && i.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private void markDeleted(String id) {
    Item item = items.get(id);
    items.put(id, new Item(item.id(), item.name(), item.parentId(), item.folder(), true));
    for (Item child : List.copyOf(items.values())) if (id.equals(child.parentId()) && !child.deleted()) markDeleted(child.id());
  }

  private Item store(String name, String parentId, boolean folder) {
    String id = String.format(Locale.ROOT, "01FAKEON%026d", nextId++).replace(' ', '0');
    Item item = new Item(id, name, parentId, folder, false);
    items.put(id, item);
    return item;
  }

  /** A driveItem as Graph answers it. */
  private Map<String, Object> render(Item item) {
    String created = Instant.parse("2026-11-25T10:00:00Z").truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> out = Json.object("createdDateTime", created, "eTag", "\"{" + item.id() + "},1\"",
        "id", item.id(), "lastModifiedDateTime", created, "name", item.id().equals(ROOT_ID) ? "root" : item.name(),
        "webUrl", "https://contoso-my.sharepoint.com/personal/fake/Documents/"
            + URLEncoder.encode(item.name(), StandardCharsets.UTF_8).replace("+", "%20"),
        "cTag", "\"c:{" + item.id() + "},0\"", "size", 0);
    if (item.parentId() != null) {
      out.put("parentReference", Json.object("driveType", "business", "driveId", "b!fakeDrive", "id", item.parentId()));
    }
    if (item.folder()) {
      long count = items.values().stream().filter(i -> item.id().equals(i.parentId()) && !i.deleted()).count();
      out.put("folder", Json.object("childCount", count));
    } else {
      out.put("file", Json.object("mimeType", "application/octet-stream"));
    }
    return out;
  }

  private static Map<?, ?> parse(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> map ? map : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Graph's error JSON with its innerError (a nested {@code code} when given). */
  static String error(String code, String message, String innerCode, String requestId) {
    Map<String, Object> inner = new LinkedHashMap<>();
    if (innerCode != null) inner.put("code", innerCode);
    inner.put("date", "2026-11-25T10:00:00");
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return Json.write(Json.object("error", Json.object("code", code, "message", message, "innerError", inner)));
  }

  private MockResponse notFound(String message, String requestId) {
    return json(404, error("itemNotFound", message, null, requestId));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    if (response.getHeaders().get("request-id") != null) return response;
    String id;
    synchronized (lock) {
      id = String.format(Locale.ROOT, "94fb3b52-452a-4535-a601-%012x", nextRequest);
    }
    return response.newBuilder().setHeader("request-id", id).setHeader("client-request-id", id).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      items.clear();
      items.put(ROOT_ID, new Item(ROOT_ID, "root", null, true, false));
      nextId = 1;
    }
  }
}
