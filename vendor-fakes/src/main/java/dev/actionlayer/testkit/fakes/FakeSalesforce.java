package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Salesforce's REST API for Contact and Task records, and the Accounts contacts
 * belong to (insert, upsert by external id, read with {@code fields=}, update by {@code PATCH},
 * delete, and SOQL queries with conditions, order, limit, {@code Account.Name} and batches:
 * {@link SalesforceQuery}) that answers with the statuses, bodies and headers of the vendor fact
 * sheet, section 2. Start it, point the connector at {@link #uri()},
 * and inject faults with {@link #on}; {@link dev.actionlayer.testkit.fake.Requests#creates()} selects inserts (POST) and upserts
 * (PATCH by external id).
 *
 * <pre>{@code
 * try (FakeSalesforce sf = new FakeSalesforce()) {
 *   sf.externalIdField("Contact", "Actionlayer_Key__c").requireBearer("token").apiLimit(0, 15000);
 *   sf.start();
 *   sf.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   // ... run the connector, then assert sf.contactCount() == 1
 * }
 * }</pre>
 *
 * <p>Every answered request counts against the API allowance, reported on every response as
 * {@code Sforce-Limit-Info: api-usage=used/limit} (default {@code 0/15000}); once it is spent,
 * requests get 403 {@code REQUEST_LIMIT_EXCEEDED}. Thread-safe.
 */
public final class FakeSalesforce extends FakeVendor {

  /**
   * A Contact as the fake stores it, for assertions.
   *
   * @param id the 18-character id, {@code 003...}
   * @param externalId the value of the Contact external-id field, or null when none is set or configured
   * @param phone the Phone, or null
   * @param accountId the AccountId (the company), or null
   */
  public record StoredContact(String id, String firstName, String lastName, String email, String externalId,
      String phone, String accountId) {

    /** A contact with no phone and no Account. */
    public StoredContact(String id, String firstName, String lastName, String email, String externalId) {
      this(id, firstName, lastName, email, externalId, null, null);
    }
  }

  /**
   * A Task as the fake stores it, for assertions.
   *
   * @param id the 18-character id, {@code 00T...}
   * @param status the Status, {@code "Not Started"} unless sent
   * @param ownerId the OwnerId (the assignee), the token's user unless sent
   * @param activityDate the ActivityDate (the due date, {@code YYYY-MM-DD}), or null
   * @param externalId the value of the Task external-id field, or null when none is set or configured
   */
  public record StoredTask(String id, String subject, String description, String whatId, String status,
      String externalId, String ownerId, String activityDate) {

    /** A task owned by the token's user, with no due date. */
    public StoredTask(String id, String subject, String description, String whatId, String status,
        String externalId) {
      this(id, subject, description, whatId, status, externalId, SalesforceSchema.DEFAULT_OWNER, null);
    }
  }

  private final Object lock = new Object();
  private final SalesforceStore store = new SalesforceStore();
  private final Map<String, String> externalIdFields = new LinkedHashMap<>();
  private Supplier<String> expectedToken;
  private long apiUsed;
  private long apiLimit = 15_000;
  private boolean duplicateRule;
  private int upsertUpdateStatus = 200;

  /** Creates a fake accepting any bearer token, with no external-id fields and no duplicate rule. */
  public FakeSalesforce() {}

  /**
   * Declares {@code field} an External ID field of {@code sobject} ({@code "Contact"} or {@code
   * "Task"}): records may set it, and {@code PATCH .../sobjects/<sobject>/<field>/<value>} upserts by it.
   */
  public FakeSalesforce externalIdField(String sobject, String field) {
    SalesforceSchema.Type type = requireType(sobject);
    Objects.requireNonNull(field, "field == null");
    if (!field.matches("[A-Za-z][A-Za-z0-9_]{0,99}") || field.equalsIgnoreCase("Id")) {
      throw new IllegalArgumentException("not a field API name: " + field);
    }
    synchronized (lock) {
      externalIdFields.put(type.name(), field);
    }
    return this;
  }

  /** Requires {@code Authorization: Bearer <token>}; anything else gets Salesforce's 401. */
  public FakeSalesforce requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    return requireBearer(() -> token);
  }

  /**
   * Requires the bearer token {@code currentToken} names at each request, e.g. {@code
   * oauth::currentToken} of a {@link FakeOAuth}: a token a refresh replaced is refused like an
   * expired one.
   */
  public FakeSalesforce requireBearer(Supplier<String> currentToken) {
    Objects.requireNonNull(currentToken, "currentToken == null");
    synchronized (lock) {
      expectedToken = currentToken;
    }
    return this;
  }

  /** Sets the org's API allowance: {@code used} requests counted so far out of {@code limit}. */
  public FakeSalesforce apiLimit(long used, long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
    if (used < 0) {
      throw new IllegalArgumentException("used < 0: " + used);
    }
    synchronized (lock) {
      apiUsed = used;
      apiLimit = limit;
    }
    return this;
  }

  /** Activates a duplicate rule: a Contact whose Email another Contact has is refused with DUPLICATES_DETECTED. */
  public FakeSalesforce duplicateRule(boolean active) {
    synchronized (lock) {
      duplicateRule = active;
    }
    return this;
  }

  /**
   * The status of an upsert that updates an existing record: 200 with the save result (API
   * v46.0 and later, the default) or 204 without a body (earlier versions).
   */
  public FakeSalesforce upsertUpdateStatus(int status) {
    if (status != 200 && status != 204) {
      throw new IllegalArgumentException("status must be 200 or 204: " + status);
    }
    synchronized (lock) {
      upsertUpdateStatus = status;
    }
    return this;
  }

  /**
   * Stores a record directly, without validation, duplicate rule or API count (e.g. two Contacts
   * sharing an external id, for a 300), and returns its id.
   */
  public String seed(String sobject, Map<String, String> fields) {
    SalesforceSchema.Type type = requireType(sobject);
    Objects.requireNonNull(fields, "fields == null");
    synchronized (lock) {
      return store.insert(type, new LinkedHashMap<>(fields)).id();
    }
  }

  /** Stores an Account named {@code name} (a Contact's company, by its AccountId) and returns its id. */
  public String account(String name) {
    Objects.requireNonNull(name, "name == null");
    return seed("Account", Map.of("Name", name));
  }

  /** An immutable snapshot of the stored Contacts, in creation order. */
  public List<StoredContact> contacts() {
    synchronized (lock) {
      String ext = externalIdFields.get("Contact");
      return store.all(SalesforceSchema.CONTACT).stream().map(s -> new StoredContact(s.id(),
          text(s, "FirstName"), text(s, "LastName"), text(s, "Email"), ext == null ? null : text(s, ext),
          text(s, "Phone"), text(s, "AccountId"))).toList();
    }
  }

  /** An immutable snapshot of the stored Tasks, in creation order. */
  public List<StoredTask> tasks() {
    synchronized (lock) {
      String ext = externalIdFields.get("Task");
      return store.all(SalesforceSchema.TASK).stream().map(s -> new StoredTask(s.id(), text(s, "Subject"),
          text(s, "Description"), text(s, "WhatId"), text(s, "Status"), ext == null ? null : text(s, ext),
          text(s, "OwnerId"), text(s, "ActivityDate"))).toList();
    }
  }

  /** How many Contacts are stored now (inserts minus deletes). */
  public int contactCount() {
    return contacts().size();
  }

  /** How many Tasks are stored now (inserts minus deletes). */
  public int taskCount() {
    return tasks().size();
  }

  /** How many records were inserted through the API or seeded, including those whose response a fault destroyed. */
  public int insertCount() {
    synchronized (lock) {
      return store.inserts();
    }
  }

  /** How many API requests the org has counted so far (the {@code used} of {@code Sforce-Limit-Info}). */
  public long apiUsed() {
    synchronized (lock) {
      return apiUsed;
    }
  }

  /** 401 INVALID_SESSION_ID (verbatim) with {@code WWW-Authenticate: Token}: an expired token. */
  public static Fault invalidSession401() {
    return json(401, SalesforceResponses.INVALID_SESSION).header("WWW-Authenticate", "Token");
  }

  /** 401 INVALID_SESSION_ID "This session is not valid for use with the REST API": a refresh will not help. */
  public static Fault sessionNotValidForRestApi401() {
    return json(401, SalesforceResponses.SESSION_NOT_FOR_REST).header("WWW-Authenticate", "Token");
  }

  /** 401 INVALID_AUTH_HEADER (verbatim). */
  public static Fault invalidAuthHeader401() {
    return json(401, SalesforceResponses.INVALID_AUTH_HEADER);
  }

  /** 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded." (verbatim): the daily allowance is spent. */
  public static Fault requestLimitExceeded403() {
    return json(403, SalesforceResponses.TOTAL_REQUESTS_EXCEEDED);
  }

  /** 403 REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn Limit exceeded.": too many long requests at once. */
  public static Fault concurrentRequestLimit403() {
    return json(403, SalesforceResponses.CONCURRENT_REQUESTS_EXCEEDED);
  }

  /** 503 SERVER_UNAVAILABLE (verbatim fixture). */
  public static Fault serverUnavailable503() {
    return json(503, SalesforceResponses.SERVER_UNAVAILABLE);
  }

  /** 404 NOT_FOUND (verbatim). */
  public static Fault notFound404() {
    return json(404, SalesforceResponses.NOT_FOUND);
  }

  /** An HTML error page, as an org that does not exist or cannot be reached answers. */
  public static Fault htmlPage(int status) {
    return Fault.status(status).body(SalesforceResponses.HTML_ERROR_PAGE, "text/html");
  }

  private static Fault json(int status, String body) {
    return Fault.status(status).body(body, SalesforceResponses.JSON_UTF8);
  }

  /** Inserts ({@code POST .../sobjects/<type>}) and upserts ({@code PATCH .../sobjects/<type>/<field>/<value>}). */
  @Override
  public boolean isCreate(RecordedCall call) {
    SalesforcePath path = SalesforcePath.parse(call);
    if (path == null) {
      return false;
    }
    return (call.method().equals("POST") && path.rest().isEmpty())
        || (call.method().equals("PATCH") && path.rest().size() == 2);
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      MockResponse refused = authenticate(call);
      if (refused != null) {
        return refused;
      }
      if (apiUsed >= apiLimit) {
        return SalesforceResponses.json(403, SalesforceResponses.TOTAL_REQUESTS_EXCEEDED);
      }
      apiUsed++;
      return new SalesforceHandler(store, externalIdFields, duplicateRule, upsertUpdateStatus).handle(call);
    }
  }

  private MockResponse authenticate(RecordedCall call) {
    if (expectedToken == null) {
      return null;
    }
    String sent = call.header("Authorization");
    boolean tokenScheme = sent != null
        && (sent.regionMatches(true, 0, "Bearer ", 0, 7) || sent.regionMatches(true, 0, "OAuth ", 0, 6));
    if (sent != null && !tokenScheme) {
      return SalesforceResponses.json(401, SalesforceResponses.INVALID_AUTH_HEADER);
    }
    return ("Bearer " + expectedToken.get()).equals(sent) ? null
        : SalesforceResponses.unauthorized(SalesforceResponses.INVALID_SESSION);
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      store.clear();
    }
  }

  /** Every REST response reports the org's API usage. */
  @Override
  protected MockResponse decorate(MockResponse response) {
    synchronized (lock) {
      return response.newBuilder().setHeader("Sforce-Limit-Info", "api-usage=" + apiUsed + "/" + apiLimit).build();
    }
  }

  private static SalesforceSchema.Type requireType(String sobject) {
    Objects.requireNonNull(sobject, "sobject == null");
    SalesforceSchema.Type type = SalesforceSchema.type(sobject);
    if (type == null) {
      throw new IllegalArgumentException("FakeSalesforce serves Contact, Task and Account, not " + sobject);
    }
    return type;
  }

  private static String text(SalesforceStore.Stored stored, String field) {
    Object value = stored.fields().get(field);
    return value == null ? null : value.toString();
  }
}
