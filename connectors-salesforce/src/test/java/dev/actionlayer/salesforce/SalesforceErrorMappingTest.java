package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Salesforce error of the fact sheet, through the public API, to its taxonomy entry. */
class SalesforceErrorMappingTest {
  private static final String CONTACT_ID = "0035g00000AbCdEQAZ";
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = SalesforceHarness.create();
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  /** One attempt per call, so each test sees the mapping of exactly one response. */
  private Contacts once() {
    return harness.contacts(Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer()),
        p -> p.maxAttempts(1));
  }

  private Contacts retrying() {
    return harness.contacts(Salesforce.connector(server.url("/").uri(), SalesforceHarness.bearer()));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private ActionError getFails() {
    return LayerHarness.failure(() -> once().get(CONTACT_ID)).error();
  }

  private ActionError getFails(String sample) {
    server.enqueue(Samples.load("/salesforce/" + sample + ".http"));
    return getFails();
  }

  @Test
  void verbatimInvalidSessionIsUnauthenticated() {
    ActionError e = getFails("invalid-session-id-401");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.vendorCode()).isEqualTo("INVALID_SESSION_ID");
    assertThat(e.message()).isEqualTo("Salesforce rejected the access token: Session expired or invalid");
    assertThat(e.vendor()).isEqualTo("salesforce");
    assertThat(e.operation()).isEqualTo("contacts.get");
  }

  @Test
  void aSessionNotValidForTheRestApiIsPermissionDeniedSoNoRefreshIsTried() {
    ActionError e = getFails("session-not-valid-for-rest-401");

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("INVALID_SESSION_ID");
    assertThat(e.message()).contains("This session is not valid for use with the REST API", "will not help");
  }

  @Test
  void verbatimInvalidAuthHeaderIsUnauthenticated() {
    ActionError e = getFails("invalid-auth-header-401");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("INVALID_AUTH_HEADER");
    assertThat(e.message()).isEqualTo("Salesforce rejected the access token: INVALID_HEADER_TYPE");
  }

  @Test
  void verbatimTotalRequestsLimitIsQuotaExhaustedAndNeverRetried() {
    server.enqueue(Samples.load("/salesforce/request-limit-exceeded-403.http"));

    ActionError e = LayerHarness.failure(() -> retrying().get(CONTACT_ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.vendorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(e.message()).contains("24 hours", "TotalRequests Limit exceeded.");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(harness.time().sleeps()).isEmpty();
  }

  @Test
  void theConcurrencyLimitIsRateLimitedAndRetriedWithBackoff() {
    server.enqueue(Samples.load("/salesforce/concurrent-limit-403.http"));
    server.enqueue(json(200, "{\"Id\":\"" + CONTACT_ID + "\",\"LastName\":\"Lovelace\"}"));

    Contact contact = retrying().get(CONTACT_ID);

    assertThat(contact.lastName()).isEqualTo("Lovelace");
    assertThat(server.getRequestCount()).isEqualTo(2);
    // Full jitter: the one backoff is somewhere in [0, 250 ms] (0 means no sleep at all).
    assertThat(harness.time().sleeps()).hasSizeLessThanOrEqualTo(1)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(250)));
    assertThat(harness.lastEvent().attempts()).extracting(a -> a.code()).containsExactly("RATE_LIMITED", null);
  }

  @Test
  void theConcurrencyLimitMapsToRateLimitedRetryable() {
    ActionError e = getFails("concurrent-limit-403");

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.message()).contains("ConcurrentPerOrgLongTxn Limit exceeded.");
  }

  @Test
  void verbatimRequiredFieldMissingIsInvalidRequestWithTheFieldNamed() {
    server.enqueue(Samples.load("/salesforce/required-field-missing-400.http"));
    server.enqueue(json(400, "[{\"message\":\"Required fields are missing: [LastName]\","
        + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]"));
    Contacts contacts = once();

    ActionError name = LayerHarness.failure(() -> contacts.create(ADA)).error();
    ActionError lastName = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(name.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(name.retryable()).isFalse();
    assertThat(name.vendorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(name.fieldErrors()).containsExactly(Map.entry("Name", "Required fields are missing: [Name]"));
    assertThat(lastName.fieldErrors()).containsExactly(Map.entry("lastName", "Required fields are missing: [LastName]"));
    assertThat(lastName.message()).isEqualTo("Required fields are missing: [LastName]");
  }

  @Test
  void validationErrorsNameCanonicalFieldsAndKeepOthersAsTheyAre() {
    server.enqueue(json(400, "[{\"fields\":[\"Subject\"],\"message\":\"Subject: data value too large: x (max length=255)\","
        + "\"errorCode\":\"STRING_TOO_LONG\"},{\"message\":\"Related To ID: id value of incorrect type: 001\","
        + "\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"WhatId\",\"Description\",\"Region__c\"]},"
        + "{\"message\":\"Email: invalid email address: x\",\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":[\"Email\"]},"
        + "{\"message\":\"First Name: too long\",\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"FirstName\"]}]"));

    ActionError e = LayerHarness.failure(() -> harness.tasks(Salesforce.connector(server.url("/").uri(),
        SalesforceHarness.bearer()), p -> p.maxAttempts(1)).create(new NewTask(null, "x", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("STRING_TOO_LONG");
    assertThat(e.fieldErrors()).containsOnlyKeys("title", "project", "description", "Region__c", "email", "firstName");
    assertThat(e.fieldErrors().get("project")).isEqualTo("Related To ID: id value of incorrect type: 001");
    assertThat(e.message()).startsWith("Subject: data value too large: x (max length=255); Related To ID:");
  }

  @Test
  void verbatimInvalidFieldIsInvalidRequest() {
    ActionError e = getFails("invalid-field-400");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.vendorCode()).isEqualTo("INVALID_FIELD");
    assertThat(e.message()).isEqualTo("The Id field should not be specified in the sobject data.");
    assertThat(e.fieldErrors()).isEmpty();
  }

  @Test
  void malformedIdIsInvalidRequestOnTheIdField() {
    server.enqueue(json(400, "[{\"fields\":[\"Id\"],\"message\":\"Contact ID: id value of incorrect type: "
        + "00T5g00000XyZabEAA\",\"errorCode\":\"MALFORMED_ID\"}]"));
    server.enqueue(json(400, "{\"message\":\"Account ID: id value of incorrect type: 003\",\"errorCode\":\"MALFORMED_ID\"}"));

    ActionError withField = getFails();
    ActionError lone = getFails();

    assertThat(withField.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(withField.fieldErrors()).containsOnlyKeys("id");
    assertThat(lone.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(lone.fieldErrors()).containsEntry("id", "Account ID: id value of incorrect type: 003");
  }

  @Test
  void verbatimDuplicatesDetectedIsConflictNamingTheMatchedRecords() {
    server.enqueue(Samples.load("/salesforce/duplicates-detected-400.http"));
    Contacts contacts = retrying();

    ActionError e = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("DUPLICATES_DETECTED");
    assertThat(e.message()).isEqualTo("You're creating a duplicate record. We recommend you use an existing"
        + " record instead. (matching records: 0038M0000016Wv8QAE)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void verbatimNotFoundAndEntityIsDeletedAreNotFound() {
    ActionError missing = getFails("not-found-404");
    server.enqueue(Samples.load("/salesforce/entity-is-deleted-404.http"));
    ActionError deleted = LayerHarness.failure(() -> once().delete(CONTACT_ID)).error();

    assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(missing.vendorCode()).isEqualTo("NOT_FOUND");
    assertThat(missing.message()).isEqualTo("The requested resource does not exist");
    assertThat(deleted.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(deleted.vendorCode()).isEqualTo("ENTITY_IS_DELETED");
    assertThat(deleted.message()).isEqualTo("entity is deleted");
    assertThat(deleted.operation()).isEqualTo("contacts.delete");
  }

  @Test
  void insufficientAccessIsPermissionDenied() {
    server.enqueue(json(403, "[{\"message\":\"insufficient access rights on object id\","
        + "\"errorCode\":\"INSUFFICIENT_ACCESS_OR_READONLY\",\"fields\":[]}]"));

    ActionError e = getFails();

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.vendorCode()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
    assertThat(e.message()).isEqualTo("insufficient access rights on object id");
  }

  @Test
  void verbatimServerUnavailableIsUnavailableAndRetried() {
    ActionError e = getFails("server-unavailable-503");
    server.enqueue(Samples.load("/salesforce/server-unavailable-503.http"));
    server.enqueue(json(200, "{\"Id\":\"" + CONTACT_ID + "\",\"LastName\":\"L\"}"));

    Contact contact = retrying().get(CONTACT_ID);

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorCode()).isEqualTo("SERVER_UNAVAILABLE");
    assertThat(e.message()).isEqualTo("Server Unavailable");
    assertThat(contact.id()).isEqualTo(CONTACT_ID);
    assertThat(harness.lastEvent().attempts()).extracting(a -> a.code()).containsExactly("UNAVAILABLE", null);
  }

  @Test
  void serverUnavailableWithRetryAfterWaitsExactlyThatLong() {
    server.enqueue(Samples.load("/salesforce/server-unavailable-503.http").newBuilder()
        .addHeader("Retry-After", "4").build());
    server.enqueue(json(201, "{\"id\":\"" + CONTACT_ID + "\",\"success\":true,\"errors\":[]}"));

    Contact contact = retrying().create(ADA);

    assertThat(contact.id()).isEqualTo(CONTACT_ID);
    assertThat(harness.time().sleeps()).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void verbatimHtmlPageMeansTheOrgCannotBeReachedNotAMissingRecord() {
    server.enqueue(Samples.load("/salesforce/html-error-page-404.http"));
    Contacts contacts = retrying();

    ActionError e = LayerHarness.failure(() -> contacts.delete(CONTACT_ID)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.message()).contains("check that the org exists and can be reached").doesNotContain("<", "Error Page");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void htmlServerErrorPagesKeepTheirStatusMeaning() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
        .body("<html><body>Maintenance</body></html>").build());
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><p>oops</p>").build());

    ActionError unavailable = getFails();
    ActionError broken = getFails();

    assertThat(unavailable.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(unavailable.message()).startsWith("HTTP 503 with an HTML page;").doesNotContain("Maintenance");
    assertThat(broken.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  void verbatimXmlErrorsAreReadLikeJson() {
    ActionError query = getFails("xml-error-400");
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/xml")
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Errors><Error><errorCode>REQUEST_LIMIT_EXCEEDED"
            + "</errorCode><message>TotalRequests Limit exceeded.</message></Error></Errors>").build());
    ActionError quota = getFails();
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/xml")
        .body("<Errors><Error><errorCode>REQUIRED_FIELD_MISSING</errorCode><fields>LastName</fields>"
            + "<fields>Email</fields><message>Required fields are missing: [LastName, Email] &amp; more"
            + "</message></Error></Errors>").build());
    ActionError fields = getFails();

    assertThat(query.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(query.vendorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(query.message()).isEqualTo("someproblem");
    assertThat(quota.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(fields.fieldErrors()).containsOnlyKeys("lastName", "email");
    assertThat(fields.message()).isEqualTo("Required fields are missing: [LastName, Email] & more");
  }

  @Test
  void emptyBodiesMapByStatus() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().code(500).build());

    ActionError unavailable = getFails();
    ActionError unauthenticated = getFails();
    ActionError notTheApi = getFails();
    ActionError server500 = getFails();

    assertThat(unavailable.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(unavailable.message()).isEqualTo("HTTP 503 with an empty body");
    assertThat(unauthenticated.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(unauthenticated.message()).isEqualTo("Salesforce rejected the access token (HTTP 401 with an empty body)");
    assertThat(notTheApi.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(notTheApi.retryable()).isFalse();
    assertThat(notTheApi.message()).contains("instance URL and API version");
    assertThat(server500.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  void truncatedJsonAndUnknownCodesFallBackToTheStatus() {
    server.enqueue(json(500, "[{\"message\":\"An unexpected error occurred. Please include this ErrorId"));
    server.enqueue(json(400, "[{\"message\":\"Something new\",\"errorCode\":\"BRAND_NEW_CODE\"}]"));

    ActionError truncated = getFails();
    ActionError unknown = getFails();

    assertThat(truncated.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(truncated.message()).isEqualTo("HTTP 500 with a JSON body");
    assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(unknown.vendorCode()).isEqualTo("BRAND_NEW_CODE");
    assertThat(unknown.message()).isEqualTo("Something new");
  }

  @Test
  void anExternalIdMatchingSeveralRecordsIsAConflictNotARedirect() {
    server.enqueue(json(300, "[\"/services/data/v63.0/sobjects/Contact/0035g00000AbCdEQAZ\","
        + "\"/services/data/v63.0/sobjects/Contact/0035g00000AbCdFQAZ\"]"));
    Contacts contacts = harness.contacts(Salesforce.builder(server.url("/").uri(), SalesforceHarness.bearer())
        .contactExternalIdField(SalesforceHarness.KEY_FIELD).build());

    ActionError e = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(300);
    assertThat(e.message()).contains("0035g00000AbCdEQAZ, 0035g00000AbCdFQAZ", "unique");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** That an echoed token never shows is the kit's credential rule. */
  @Test
  void longMessagesAreCappedToOneLine() {
    server.enqueue(json(400, "[{\"message\":\"" + "x".repeat(2000) + "\\r\\nX-Injected: 1\",\"errorCode\":\"INVALID_FIELD\","
        + "\"fields\":[\"LastName\"]}]"));

    ActionError capped = getFails();

    assertThat(capped.message()).hasSizeLessThanOrEqualTo(300).doesNotContain("\r", "\n");
    assertThat(capped.fieldErrors().get("lastName")).hasSizeLessThanOrEqualTo(300);
  }
}
