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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Pipedrive's API v2 persons ({@code /api/v2/persons}: add, get, update,
 * delete, cursor-paged list, {@code /persons/search}), answering in Pipedrive's
 * {@code {"success":true,"data":…,"additional_data":{"next_cursor":…}}} and
 * {@code {"success":false,"error","error_info","data":null,"additional_data":null}} shapes, with
 * the two-second window's {@code x-ratelimit-*} headers on every answer. Search is immediately
 * consistent here (Pipedrive's index is not). Deleted persons are gone (Pipedrive keeps them 30
 * days, invisible to the API's reads).
 */
public final class FakePipedrive extends FakeVendor {
  static final String JSON = "application/json; charset=utf-8";
  static final String INFO = "Please check developers.pipedrive.com for more information about Pipedrive API.";
  private static final String PERSONS = "/api/v2/persons";
  private static final Pattern PERSON = Pattern.compile(PERSONS + "/(\\d+)");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final String NOW = "2026-11-25T10:00:00Z";

  private final Object lock = new Object();
  private final Map<Long, Map<String, Object>> persons = new LinkedHashMap<>();
  private long nextId = 1;
  private String expectedAuthorization;

  /** A fake accepting any credentials. */
  public FakePipedrive() {}

  /** Requires {@code Authorization: Bearer <token>}; others get Pipedrive's 401. */
  public FakePipedrive requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (lock) {
      expectedAuthorization = "Bearer " + token;
    }
    return this;
  }

  /** How many persons exist. */
  public int personCount() {
    synchronized (lock) {
      return persons.size();
    }
  }

  /** A copy of person {@code id} as stored, or null. */
  public Map<String, Object> person(long id) {
    synchronized (lock) {
      Map<String, Object> p = persons.get(id);
      return p == null ? null : Map.copyOf(p);
    }
  }

  /** Pipedrive's 401 for a missing or invalid token. */
  public static Fault unauthorized() {
    return Fault.status(401).body(Json.write(Json.object("success", false, "error", "unauthorized access",
        "errorCode", 401, "error_info", INFO, "data", null, "additional_data", null)), JSON);
  }

  /** Pipedrive's 403 when a plan limit forbids the write (the documented feature-capping body). */
  public static Fault featureCapped() {
    return Fault.status(403).body(Json.write(Json.object("success", false, "error",
        "Couldn't add the deal. Open deals limit reached.", "error_info", INFO, "data", null,
        "additional_data", null, "code", "feature_capping_deals_limit")), JSON);
  }

  /** Pipedrive's 429, with the window's headers (add {@code Retry-After} as a test needs). */
  public static Fault rateLimited() {
    return Fault.status(429).header("x-ratelimit-limit", "80").header("x-ratelimit-remaining", "0")
        .body(error("Request over limit"), JSON);
  }

  /** Pipedrive v2's 400 for a field that fails the schema. */
  public static Fault validation(String field, String problem) {
    return Fault.status(400).body(Json.write(Json.object("success", false, "error", "Validation failed: " + field + ": " + problem,
        "code", "ERR_SCHEMA_VALIDATION_FAILED", "error_info", INFO, "data", null, "additional_data", null)), JSON);
  }

  /** Only {@code POST /api/v2/persons} creates. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.pathWithoutQuery().equals(PERSONS);
  }

  @Override
  protected MockResponse decorate(MockResponse response) {
    return response.newBuilder().setHeader("x-ratelimit-limit", "80").setHeader("x-ratelimit-remaining", "79")
        .setHeader("x-ratelimit-reset", "2").build();
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedAuthorization != null && !expectedAuthorization.equals(call.header("Authorization"))) {
        return json(401, Json.write(Json.object("success", false, "error", "unauthorized access", "errorCode", 401,
            "error_info", INFO, "data", null, "additional_data", null)));
      }
      String path = call.pathWithoutQuery();
      String method = call.method();
      Map<String, Object> body = Map.of();
      if (!call.body().isEmpty()) {
        try {
          body = asMap(Json.parse(call.body()));
        } catch (IOException | RuntimeException e) {
          return json(400, error("Invalid JSON in request body"));
        }
      }
      if (path.equals(PERSONS) && method.equals("POST")) return add(body);
      if (path.equals(PERSONS) && method.equals("GET")) return list(call);
      if (path.equals(PERSONS + "/search") && method.equals("GET")) return search(call);
      Matcher m = PERSON.matcher(path);
      if (m.matches()) {
        long id = Long.parseLong(m.group(1));
        Map<String, Object> person = persons.get(id);
        if (person == null) return json(404, error("Person not found"));
        switch (method) {
          case "GET":
            return ok(person, null);
          case "PATCH":
            MockResponse invalid = apply(person, body);
            return invalid != null ? invalid : ok(person, null);
          case "DELETE":
            persons.remove(id);
            return ok(Json.object("id", id), null);
          default:
            return json(405, error("Method not allowed"));
        }
      }
      return json(404, error("Unknown method ."));
    }
  }

  private MockResponse add(Map<String, Object> body) {
    if (!(body.get("name") instanceof String name) || name.isBlank()) {
      return json(400, validationBody("name", "Name must be given."));
    }
    Map<String, Object> person = Json.object("id", nextId, "name", null, "first_name", null, "last_name", null,
        "owner_id", 1, "org_id", null, "add_time", NOW, "update_time", NOW, "emails", List.of(), "phones", List.of(),
        "is_deleted", false, "visible_to", 3, "label_ids", List.of(), "custom_fields", new LinkedHashMap<>());
    MockResponse invalid = apply(person, body);
    if (invalid != null) return invalid;
    persons.put(nextId++, person);
    return ok(person, null);
  }

  /** Applies a person body; Pipedrive derives first and last name from the name's first space. */
  @SuppressWarnings("unchecked")
  private static MockResponse apply(Map<String, Object> person, Map<String, Object> body) {
    for (String list : List.of("emails", "phones")) {
      if (!body.containsKey(list)) continue;
      for (Object item : body.get(list) instanceof List<?> l ? l : List.of()) {
        Object value = asMap(item).get("value");
        if (list.equals("emails") && !(value instanceof String s && EMAIL.matcher(s).matches())) {
          return json(400, validationBody("emails", "Invalid email format"));
        }
      }
    }
    if (body.get("name") instanceof String name) {
      int space = name.indexOf(' ');
      person.put("name", name);
      person.put("first_name", space < 0 ? name : name.substring(0, space));
      person.put("last_name", space < 0 ? null : name.substring(space + 1));
    }
    for (String key : List.of("emails", "phones", "org_id")) if (body.containsKey(key)) person.put(key, body.get(key));
    if (body.get("custom_fields") instanceof Map<?, ?> fields) ((Map<Object, Object>) person.get("custom_fields")).putAll(fields);
    person.put("update_time", NOW);
    return null;
  }

  private MockResponse list(RecordedCall call) {
    long from = decode(call.queryParameter("cursor"));
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Object>> e : persons.entrySet()) if (e.getKey() >= from) all.add(e.getValue());
    int limit = limit(call.queryParameter("limit"), 500);
    List<Map<String, Object>> page = all.subList(0, Math.min(limit, all.size()));
    String next = all.size() > limit ? encode(((Number) all.get(limit).get("id")).longValue()) : null;
    return ok(page, next);
  }

  /** {@code fields} email, name or custom_fields; exact matches are case-insensitive. */
  private MockResponse search(RecordedCall call) {
    String term = call.queryParameter("term");
    boolean exact = "true".equals(call.queryParameter("exact_match"));
    if (term == null || term.length() < (exact ? 1 : 2)) {
      return json(400, error("Validation failed: term: Search term must be at least 2 characters long"));
    }
    String fields = call.queryParameter("fields") == null ? "name,email,phone,custom_fields" : call.queryParameter("fields");
    List<Object> hits = new ArrayList<>();
    long from = decode(call.queryParameter("cursor"));
    int limit = limit(call.queryParameter("limit"), 100);
    String next = null;
    for (Map.Entry<Long, Map<String, Object>> e : persons.entrySet()) {
      if (e.getKey() < from || !matches(e.getValue(), fields, term, exact)) continue;
      if (hits.size() == limit) {
        next = encode(e.getKey());
        break;
      }
      hits.add(Json.object("result_score", 1.0, "item", hit(e.getValue())));
    }
    return ok(Json.object("items", hits), next);
  }

  private static boolean matches(Map<String, Object> person, String fields, String term, boolean exact) {
    List<String> values = new ArrayList<>();
    if (fields.contains("name")) values.add(String.valueOf(person.get("name")));
    if (fields.contains("email")) values.addAll(strings(person.get("emails")));
    if (fields.contains("phone")) values.addAll(strings(person.get("phones")));
    if (fields.contains("custom_fields")) asMap(person.get("custom_fields")).values().forEach(v -> values.add(String.valueOf(v)));
    String t = term.toLowerCase(Locale.ROOT);
    for (String v : values) {
      String value = v.toLowerCase(Locale.ROOT);
      if (exact ? value.equals(t) : value.contains(t)) return true;
    }
    return false;
  }

  /** A search hit: emails and phones as plain strings, the organization as an object. */
  private static Map<String, Object> hit(Map<String, Object> person) {
    Object org = person.get("org_id");
    return Json.object("id", person.get("id"), "type", "person", "name", person.get("name"),
        "phones", strings(person.get("phones")), "emails", strings(person.get("emails")), "visible_to", 3,
        "owner", Json.object("id", 1), "organization", org == null ? null : Json.object("id", org, "name", "Org " + org),
        "custom_fields", List.of(), "notes", List.of(), "update_time", NOW);
  }

  private static List<String> strings(Object items) {
    List<String> out = new ArrayList<>();
    for (Object item : items instanceof List<?> l ? l : List.of()) out.add(String.valueOf(asMap(item).get("value")));
    return out;
  }

  private static MockResponse ok(Object data, String nextCursor) {
    return json(200, Json.write(Json.object("success", true, "data", data,
        "additional_data", nextCursor == null ? null : Json.object("next_cursor", nextCursor))));
  }

  static String error(String message) {
    return Json.write(Json.object("success", false, "error", message, "error_info", INFO, "data", null, "additional_data", null));
  }

  private static String validationBody(String field, String problem) {
    return Json.write(Json.object("success", false, "error", "Validation failed: " + field + ": " + problem,
        "code", "ERR_SCHEMA_VALIDATION_FAILED", "error_info", INFO, "data", null, "additional_data", null));
  }

  private static String encode(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    if (cursor == null) return 0;
    String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    return Long.parseLong(json.replaceAll("\\D", ""));
  }

  private static int limit(String value, int max) {
    try {
      return value == null ? 100 : Math.max(1, Math.min(max, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status)).setHeader("Content-Type", JSON).body(body).build();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      persons.clear();
      nextId = 1;
    }
  }
}
