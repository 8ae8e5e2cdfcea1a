package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of HubSpot's CRM API v3 contacts ({@code /crm/v3/objects/contacts}: create,
 * {@code batch/upsert}, get, update, archive, list, {@code search}), answering in HubSpot's object
 * and {@code {"status":"error","message","correlationId","category"}} shapes: a second contact
 * with a known email is HubSpot's {@code 409 "Contact already exists. Existing ID: …"}, an
 * invalid email its {@code 400 VALIDATION_ERROR} with the property problems as JSON in the
 * message. Every answer carries {@code X-HubSpot-Correlation-Id} and the ten-second window's
 * rate-limit headers. Search is immediately consistent here (HubSpot's is not).
 */
public final class FakeHubSpot extends FakeVendor {
  static final String JSON = "application/json;charset=utf-8";
  private static final String CONTACTS = "/crm/v3/objects/contacts";
  private static final Pattern RECORD = Pattern.compile(CONTACTS + "/([^/]+)");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Set<String> KNOWN = Set.of("firstname", "lastname", "email", "phone", "company");
  private static final String NOW = "2026-11-25T10:00:00.000Z";

  private final Object lock = new Object();
  private final Map<String, Map<String, String>> contacts = new LinkedHashMap<>();
  private final Set<String> uniqueProperties = new LinkedHashSet<>();
  private long nextId = 101;
  private String expectedAuthorization;

  /** A fake accepting any credentials and no custom property. */
  public FakeHubSpot() {}

  /** Requires {@code Authorization: Bearer <token>}; others get HubSpot's 401. */
  public FakeHubSpot requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** Defines a custom contact property with unique values ({@code hasUniqueValue}), usable as {@code idProperty}. */
  public FakeHubSpot withUniqueProperty(String name) {
    synchronized (lock) {
      uniqueProperties.add(Objects.requireNonNull(name, "name == null"));
    }
    return this;
  }

  /** How many contacts exist (not archived). */
  public int contactCount() {
    synchronized (lock) {
      return contacts.size();
    }
  }

  /** A copy of contact {@code id}'s properties, or null. */
  public Map<String, String> contact(String id) {
    synchronized (lock) {
      Map<String, String> c = contacts.get(id);
      return c == null ? null : Map.copyOf(c);
    }
  }

  /** HubSpot's 401 for a missing or unknown token. */
  public static Fault unauthenticated() {
    return Fault.status(401).body(error("Authentication credentials not found. This API supports OAuth 2.0"
        + " authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        "INVALID_AUTHENTICATION", null), JSON);
  }

  /** HubSpot's 403 for a token without the scope. */
  public static Fault missingScopes() {
    Map<String, Object> body = Json.object("status", "error", "message", "This app hasn't been granted all required"
        + " scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        "correlationId", UUID.randomUUID().toString(), "errors", List.of(Json.object("message",
            "One or more of the following scopes are required.", "context",
            Json.object("requiredGranularScopes", List.of("crm.objects.contacts.write")))),
        "links", Json.object("scopes", "https://developers.hubspot.com/scopes"), "category", "MISSING_SCOPES");
    return Fault.status(403).body(Json.write(body), JSON);
  }

  /** HubSpot's 429 for the ten-second window ({@code policyName} {@code TEN_SECONDLY_ROLLING}) or the day ({@code DAILY}). */
  public static Fault rateLimited(String policyName) {
    String message = policyName.equals("DAILY") ? "You have reached your daily limit." : "You have reached your ten_secondly_rolling limit.";
    return Fault.status(429).body(Json.write(Json.object("status", "error", "message", message, "errorType", "RATE_LIMIT",
        "correlationId", UUID.randomUUID().toString(), "policyName", policyName)), JSON);
  }

  /** HubSpot's 400 for an invalid email, as it nests the property problems in the message. */
  public static Fault invalidEmail(String email) {
    return Fault.status(400).body(invalidProperty("email", "Email address " + email + " is invalid", "INVALID_EMAIL"), JSON);
  }

  /** Only plain creates and upserts create; HubSpot also POSTs searches. */
  @Override
  public boolean isCreate(RecordedCall call) {
    String path = call.pathWithoutQuery();
    return call.method().equals("POST") && (path.equals(CONTACTS) || path.equals(CONTACTS + "/batch/upsert"));
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    return response.newBuilder().setHeader("X-HubSpot-Correlation-Id", UUID.randomUUID().toString())
        .setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .setHeader("X-HubSpot-RateLimit-Max", "190").setHeader("X-HubSpot-RateLimit-Remaining", "189").build();
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return json(401, error("Authentication credentials not found. This API supports OAuth 2.0 authentication and"
            + " you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            "INVALID_AUTHENTICATION", null));
      }
      String path = call.pathWithoutQuery();
      String method = call.method();
      Map<String, Object> body;
      try {
        body = call.body().isEmpty() ? Map.of() : asMap(Json.parse(call.body()));
      } catch (IOException | RuntimeException e) {
        return json(400, error("Invalid input JSON on line 1", "VALIDATION_ERROR", null));
      }
      if (path.equals(CONTACTS) && method.equals("POST")) return create(asMap(body.get("properties")));
      if (path.equals(CONTACTS) && method.equals("GET")) return list(call);
      if (path.equals(CONTACTS + "/batch/upsert") && method.equals("POST")) return upsert(body);
      if (path.equals(CONTACTS + "/search") && method.equals("POST")) return search(body);
      Matcher record = RECORD.matcher(path);
      if (record.matches()) {
        String id = record.group(1);
        Map<String, String> contact = contacts.get(id);
        if (contact == null) return json(404, error("resource not found", "OBJECT_NOT_FOUND", null));
        switch (method) {
          case "GET":
            return json(200, Json.write(object(id, contact, properties(call.queryParameter("properties")))));
          case "PATCH":
            return update(id, asMap(body.get("properties")));
          case "DELETE":
            contacts.remove(id);
            return new MockResponse.Builder().code(204).build();
          default:
            return json(405, error("Method not allowed", "VALIDATION_ERROR", null));
        }
      }
      return json(404, error("Unable to infer object type from: " + path, "OBJECT_NOT_FOUND", null));
    }
  }

  private MockResponse create(Map<String, Object> properties) {
    MockResponse invalid = validate(properties, null);
    if (invalid != null) return invalid;
    String id = String.valueOf(nextId++);
    Map<String, String> contact = new LinkedHashMap<>();
    properties.forEach((k, v) -> contact.put(k, String.valueOf(v)));
    contacts.put(id, contact);
    return json(201, Json.write(object(id, contact, null)));
  }

  private MockResponse update(String id, Map<String, Object> properties) {
    MockResponse invalid = validate(properties, id);
    if (invalid != null) return invalid;
    Map<String, String> contact = contacts.get(id);
    properties.forEach((k, v) -> contact.put(k, String.valueOf(v)));
    return json(200, Json.write(object(id, contact, null)));
  }

  /** Creates or updates each input by its {@code idProperty}, which must be email or a unique property. */
  private MockResponse upsert(Map<String, Object> body) {
    List<Object> results = new ArrayList<>();
    for (Object item : body.get("inputs") instanceof List<?> l ? l : List.of()) {
      Map<String, Object> input = asMap(item);
      String idProperty = String.valueOf(input.get("idProperty"));
      if (!idProperty.equals("email") && !uniqueProperties.contains(idProperty)) {
        return json(400, error("Property " + idProperty + " is not a unique identifier property", "VALIDATION_ERROR", null));
      }
      String value = String.valueOf(input.get("id"));
      Map<String, Object> properties = new LinkedHashMap<>(asMap(input.get("properties")));
      properties.put(idProperty, value);
      String existing = idOf(idProperty, value);
      MockResponse invalid = validate(properties, existing);
      if (invalid != null) return invalid;
      String id = existing != null ? existing : String.valueOf(nextId++);
      Map<String, String> contact = contacts.computeIfAbsent(id, k -> new LinkedHashMap<>());
      properties.forEach((k, v) -> contact.put(k, String.valueOf(v)));
      Map<String, Object> result = object(id, contact, null);
      result.put("new", existing == null);
      results.add(result);
    }
    return json(200, Json.write(Json.object("status", "COMPLETE", "results", results,
        "startedAt", NOW, "completedAt", NOW)));
  }

  private MockResponse list(RecordedCall call) {
    int limit = intOr(call.queryParameter("limit"), 10, 100);
    String after = call.queryParameter("after");
    List<String> ids = new ArrayList<>();
    for (String id : contacts.keySet()) if (after == null || Long.parseLong(id) >= Long.parseLong(after)) ids.add(id);
    return json(200, Json.write(page(ids, 0, limit, properties(call.queryParameter("properties")), false)));
  }

  /** filterGroups are ORed, the filters of a group ANDed; {@code after} is an offset into the matches. */
  private MockResponse search(Map<String, Object> body) {
    List<String> ids = new ArrayList<>();
    List<?> groups = body.get("filterGroups") instanceof List<?> l ? l : List.of();
    for (Map.Entry<String, Map<String, String>> e : contacts.entrySet()) {
      boolean any = groups.isEmpty();
      for (Object group : groups) {
        boolean all = true;
        for (Object f : asMap(group).get("filters") instanceof List<?> fs ? fs : List.of()) all &= matches(e.getValue(), asMap(f));
        any |= all;
      }
      if (any) ids.add(e.getKey());
    }
    int offset = body.get("after") == null ? 0 : Integer.parseInt(String.valueOf(body.get("after")));
    int limit = body.get("limit") instanceof Number n ? Math.min(200, n.intValue()) : 10;
    List<String> wanted = body.get("properties") instanceof List<?> p ? p.stream().map(String::valueOf).toList() : null;
    Map<String, Object> page = page(ids, offset, limit, wanted, true);
    page.put("total", ids.size());
    return json(200, Json.write(page));
  }

  private static boolean matches(Map<String, String> contact, Map<String, Object> filter) {
    String actual = contact.get(String.valueOf(filter.get("propertyName")));
    String value = String.valueOf(filter.get("value")).toLowerCase(Locale.ROOT);
    if (actual == null) return false;
    if ("EQ".equals(filter.get("operator"))) return actual.equalsIgnoreCase(value);
    if (!"CONTAINS_TOKEN".equals(filter.get("operator"))) return false;
    String pattern = Pattern.quote(value).replace("*", "\\E.*\\Q");
    for (String token : actual.toLowerCase(Locale.ROOT).split("[\\s@.,-]+")) if (token.matches(pattern)) return true;
    return false;
  }

  /** The page of {@code ids} from {@code offset}; {@code paging.next.after} is the next offset (search) or id (list). */
  private Map<String, Object> page(List<String> ids, int offset, int limit, List<String> wanted, boolean offsets) {
    List<Object> results = new ArrayList<>();
    for (int i = offset; i < Math.min(ids.size(), offset + limit); i++) results.add(object(ids.get(i), contacts.get(ids.get(i)), wanted));
    Map<String, Object> page = Json.object("results", results);
    if (offset + limit < ids.size()) {
      String after = offsets ? String.valueOf(offset + limit) : ids.get(offset + limit);
      page.put("paging", Json.object("next", Json.object("after", after, "link", "?after=" + after)));
    }
    return page;
  }

  /** Checks emails, unknown properties and the uniqueness of email and unique properties. */
  private MockResponse validate(Map<String, Object> properties, String self) {
    for (Map.Entry<String, Object> p : properties.entrySet()) {
      String name = p.getKey();
      if (!KNOWN.contains(name) && !uniqueProperties.contains(name)) {
        return json(400, invalidProperty(name, "Property \"" + name + "\" does not exist", "PROPERTY_DOESNT_EXIST"));
      }
      String value = String.valueOf(p.getValue());
      if (name.equals("email") && !value.isEmpty() && !EMAIL.matcher(value).matches()) {
        return json(400, invalidProperty("email", "Email address " + value + " is invalid", "INVALID_EMAIL"));
      }
      String owner = (name.equals("email") || uniqueProperties.contains(name)) && !value.isEmpty() ? idOf(name, value) : null;
      if (owner != null && !owner.equals(self)) {
        return json(409, error("Contact already exists. Existing ID: " + owner, "CONFLICT", null));
      }
    }
    return null;
  }

  private String idOf(String property, String value) {
    for (Map.Entry<String, Map<String, String>> e : contacts.entrySet()) {
      if (value.equalsIgnoreCase(e.getValue().get(property))) return e.getKey();
    }
    return null;
  }

  /** A HubSpot object: the wanted properties (all when null), with HubSpot's own three. */
  private static Map<String, Object> object(String id, Map<String, String> contact, List<String> wanted) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("createdate", NOW);
    contact.forEach((k, v) -> {
      if (wanted == null || wanted.contains(k)) properties.put(k, v);
    });
    if (wanted != null) for (String w : wanted) properties.putIfAbsent(w, null);
    properties.put("hs_object_id", id);
    properties.put("lastmodifieddate", NOW);
    return Json.object("id", id, "properties", properties, "createdAt", NOW, "updatedAt", NOW, "archived", false);
  }

  private static List<String> properties(String csv) {
    return csv == null ? List.of("firstname", "lastname", "email") : List.of(csv.split(","));
  }

  private static String invalidProperty(String name, String message, String code) {
    String problems = Json.write(List.of(Json.object("isValid", false, "message", message, "error", code, "name", name)));
    return error("Property values were not valid: " + problems, "VALIDATION_ERROR", null);
  }

  static String error(String message, String category, List<Object> errors) {
    Map<String, Object> body = Json.object("status", "error", "message", message,
        "correlationId", UUID.randomUUID().toString(), "category", category);
    if (errors != null) body.put("errors", errors);
    return Json.write(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static int intOr(String value, int fallback, int max) {
    try {
      return value == null ? fallback : Math.min(max, Math.max(1, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      contacts.clear();
      nextId = 101;
    }
  }
}
