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
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Zendesk Support's users ({@code /api/v2/users}: {@code create_or_update},
 * show, update, delete, the cursor-paged list and {@code /users/search}), answering in Zendesk's
 * {@code {"user":…}}, {@code {"users":[…],"meta":{"has_more","after_cursor"}}} and
 * {@code {"error","description","details"}} shapes. {@code create_or_update} matches a user by
 * {@code external_id}, then by email: 201 for a new user, 200 for an updated one. Deleting a user
 * deactivates it ({@code "active": false}); show still answers it, lists and search do not. Every
 * answer carries {@code X-Request-Id} and the account's {@code X-Rate-Limit} headers.
 */
public final class FakeZendesk extends FakeVendor {
  static final String JSON = "application/json; charset=utf-8";
  private static final String USERS = "/api/v2/users";
  private static final Pattern USER = Pattern.compile(USERS + "/(\\d+)");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern TERM = Pattern.compile("(?:(\\w+):)?(?:\"([^\"]*)\"|(\\S+))");
  private static final String NOW = "2026-11-25T10:00:00Z";

  private final Object lock = new Object();
  private final Map<Long, Map<String, Object>> users = new LinkedHashMap<>();
  private long nextId = 10_001;
  private String expectedAuthorization;

  /** A fake accepting any credentials. */
  public FakeZendesk() {}

  /** Requires Basic {@code user:secret} (an API token: {@code user} is {@code email/token}); others get 401. */
  public FakeZendesk requireBasic(String user, String secret) {
    String pair = Objects.requireNonNull(user, "user == null") + ":" + Objects.requireNonNull(secret, "secret == null");
    synchronized (lock) {
      expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** How many active users exist. */
  public int activeUserCount() {
    synchronized (lock) {
      return (int) users.values().stream().filter(u -> Boolean.TRUE.equals(u.get("active"))).count();
    }
  }

  /** A copy of user {@code id} as stored, or null. */
  public Map<String, Object> user(long id) {
    synchronized (lock) {
      Map<String, Object> u = users.get(id);
      return u == null ? null : new LinkedHashMap<>(u);
    }
  }

  /** Stores a user directly (someone else's, for conflict tests); returns its id. */
  public long seed(String name, String email, String externalId) {
    synchronized (lock) {
      Map<String, Object> user = newUser(name);
      user.put("email", email);
      user.put("external_id", externalId);
      users.put((Long) user.get("id"), user);
      return (Long) user.get("id");
    }
  }

  /** Zendesk's 401. */
  public static Fault unauthenticated() {
    return Fault.status(401).body("{\"error\":\"Couldn't authenticate you\"}", JSON);
  }

  /** Zendesk's 403 for an agent without the permission. */
  public static Fault forbidden() {
    return Fault.status(403).body(Json.write(Json.object("error", "Forbidden", "description",
        "You do not have access to this page. Please contact the account owner of this help desk for further help.")), JSON);
  }

  /** Zendesk's 422 for a field that fails validation. */
  public static Fault invalid(String field, String description, String error) {
    return Fault.status(422).body(recordInvalid(field, description, error), JSON);
  }

  /** Zendesk's 429 as captured: plain text, with the account's headers (add {@code Retry-After}). */
  public static Fault rateLimited() {
    return Fault.status(429).header("x-rate-limit", "700").header("x-rate-limit-remaining", "0")
        .body("Number of allowed API requests per minute exceeded", "text/plain");
  }

  @Override
  public boolean isCreate(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return call.method().equals("POST") && (path.equals(USERS) || path.equals(USERS + "/create_or_update"));
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    return response.newBuilder().setHeader("X-Request-Id", UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "-IAD")
        .setHeader("X-Rate-Limit", "700").setHeader("X-Rate-Limit-Remaining", "699").build();
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return json(401, "{\"error\":\"Couldn't authenticate you\"}");
      }
      String path = call.pathWithoutQuery();
      String method = call.method();
      Map<String, Object> input = Map.of();
      if (!call.body().isEmpty()) {
        try {
          input = asMap(asMap(Json.parse(call.body())).get("user"));
        } catch (IOException | RuntimeException e) {
          return json(400, Json.write(Json.object("error", "Unprocessable Entity", "description", "Server could not parse JSON")));
        }
      }
      if (path.equals(USERS + "/create_or_update") && method.equals("POST")) return createOrUpdate(input);
      if (path.equals(USERS) && method.equals("GET")) return page(call, u -> call.queryParameter("role") == null
          || call.queryParameter("role").equals(u.get("role")));
      if (path.equals(USERS + "/search") && method.equals("GET")) return search(call);
      Matcher m = USER.matcher(path);
      if (!m.matches()) return json(404, notFound());
      Map<String, Object> user = users.get(Long.parseLong(m.group(1)));
      if (user == null) return json(404, notFound());
      switch (method) {
        case "GET":
          return json(200, Json.write(Json.object("user", user)));
        case "PUT":
          MockResponse invalid = apply(user, input);
          return invalid != null ? invalid : json(200, Json.write(Json.object("user", user)));
        case "DELETE":
          if (!Boolean.TRUE.equals(user.get("active"))) return json(404, notFound());
          user.put("active", false);
          return json(200, Json.write(Json.object("user", user)));
        default:
          return json(404, notFound());
      }
    }
  }

  /** Matches by external id (case-insensitive), then by email. */
  private MockResponse createOrUpdate(Map<String, Object> input) {
    Map<String, Object> byKey = input.get("external_id") == null ? null : find("external_id", String.valueOf(input.get("external_id")));
    Map<String, Object> byEmail = input.get("email") == null ? null : find("email", String.valueOf(input.get("email")));
    if (byKey != null && byEmail != null && byKey != byEmail) {
      return json(422, recordInvalid("email", "Email: " + input.get("email") + " is already being used by another user", "DuplicateValue"));
    }
    Map<String, Object> existing = byKey != null ? byKey : byEmail;
    if (existing == null && (!(input.get("name") instanceof String name) || name.isBlank())) {
      return json(422, recordInvalid("name", "Name: cannot be blank", "BlankValue"));
    }
    Map<String, Object> user = existing != null ? existing : newUser(String.valueOf(input.get("name")));
    MockResponse invalid = apply(user, input);
    if (invalid != null) return invalid;
    if (existing == null) users.put((Long) user.get("id"), user);
    return json(existing == null ? 201 : 200, Json.write(Json.object("user", user)))
        .newBuilder().setHeader("Location", USERS + "/" + user.get("id") + ".json").build();
  }

  private static MockResponse apply(Map<String, Object> user, Map<String, Object> input) {
    if (input.get("email") instanceof String email && !EMAIL.matcher(email).matches()) {
      return json(422, recordInvalid("email", "Email: " + email + " is not properly formatted", "InvalidValue"));
    }
    for (String key : List.of("name", "external_id", "role", "phone", "organization_id")) {
      if (input.containsKey(key)) user.put(key, input.get(key));
    }
    // The email is the primary identity at creation; later ones are added as secondary identities.
    if (user.get("email") == null && input.get("email") != null) user.put("email", input.get("email"));
    if (input.get("user_fields") instanceof Map<?, ?> fields) asMap(user.get("user_fields")).putAll(asMap(fields));
    user.put("updated_at", NOW);
    return null;
  }

  private Map<String, Object> newUser(String name) {
    long id = nextId++;
    return Json.object("id", id, "url", "https://example.zendesk.com/api/v2/users/" + id + ".json", "name", name,
        "email", null, "created_at", NOW, "updated_at", NOW, "time_zone", "UTC", "phone", null, "locale", "en-US",
        "organization_id", null, "role", "end-user", "verified", false, "external_id", null, "tags", List.of(),
        "active", true, "suspended", false, "user_fields", new LinkedHashMap<>());
  }

  private Map<String, Object> find(String key, String value) {
    for (Map<String, Object> u : users.values()) if (value.equalsIgnoreCase(String.valueOf(u.get(key)))) return u;
    return null;
  }

  /** {@code external_id=} exactly, or a {@code query} of {@code key:value} and free-text terms, all of which must hold. */
  private MockResponse search(RecordedCall call) {
    String externalId = call.queryParameter("external_id");
    if (externalId != null) {
      List<Object> found = new ArrayList<>();
      for (Map<String, Object> u : users.values()) {
        if (externalId.equalsIgnoreCase(String.valueOf(u.get("external_id"))) && Boolean.TRUE.equals(u.get("active"))) found.add(u);
      }
      return json(200, Json.write(Json.object("users", found, "next_page", null, "previous_page", null, "count", found.size())));
    }
    String query = call.queryParameter("query");
    if (query == null) return json(400, Json.write(Json.object("error", "InvalidSearch", "description", "query or external_id is required")));
    List<String[]> terms = new ArrayList<>();
    Matcher t = TERM.matcher(query);
    while (t.find()) terms.add(new String[] {t.group(1), t.group(2) != null ? t.group(2) : t.group(3)});
    return page(call, u -> {
      for (String[] term : terms) {
        String value = term[1].toLowerCase(Locale.ROOT);
        if (term[0] == null ? !(lower(u.get("name")).contains(value) || lower(u.get("email")).contains(value))
            : term[0].equals("name") ? !lower(u.get("name")).contains(value) : !lower(u.get(term[0])).equals(value)) {
          return false;
        }
      }
      return true;
    });
  }

  /** Active users matching {@code filter}, {@code page[size]} at a time after {@code page[after]}. */
  private MockResponse page(RecordedCall call, Predicate<Map<String, Object>> filter) {
    long after = call.queryParameter("page[after]") == null ? 0
        : Long.parseLong(new String(Base64.getUrlDecoder().decode(call.queryParameter("page[after]")), StandardCharsets.UTF_8));
    int size = call.queryParameter("page[size]") == null ? 100 : Math.min(100, Integer.parseInt(call.queryParameter("page[size]")));
    List<Object> page = new ArrayList<>();
    boolean more = false;
    long last = after;
    for (Map.Entry<Long, Map<String, Object>> e : users.entrySet()) {
      if (e.getKey() <= after || !Boolean.TRUE.equals(e.getValue().get("active")) || !filter.test(e.getValue())) continue;
      if (page.size() == size) {
        more = true;
        break;
      }
      page.add(e.getValue());
      last = e.getKey();
    }
    String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(last).getBytes(StandardCharsets.UTF_8));
    String next = more ? "https://example.zendesk.com" + call.pathWithoutQuery() + "?page%5Bafter%5D=" + cursor + "&page%5Bsize%5D=" + size : null;
    return json(200, Json.write(Json.object("users", page,
        "meta", Json.object("has_more", more, "after_cursor", more ? cursor : null, "before_cursor", null),
        "links", Json.object("prev", null, "next", next))));
  }

  private static String lower(Object value) {
    return value == null ? "" : String.valueOf(value).toLowerCase(Locale.ROOT);
  }

  static String recordInvalid(String field, String description, String error) {
    return Json.write(Json.object("error", "RecordInvalid", "description", "Record validation errors", "details",
        Json.object(field, List.of(Json.object("description", description, "error", error)))));
  }

  private static String notFound() {
    return "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      users.clear();
      nextId = 10_001;
    }
  }
}
