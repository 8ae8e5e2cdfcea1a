package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.FaultRule;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeSalesforceTest {

  private static final String CONTACT_1 = "0035g0000000001AAA";
  private static final String ADA = "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Email\":\"ada@example.com\"}";
  private static final String NOT_FOUND =
      "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]";

  private final FakeSalesforce sf = new FakeSalesforce();
  private SalesforceHttp http;

  @BeforeEach
  void start() {
    sf.start();
    http = new SalesforceHttp(sf);
  }

  @AfterEach
  void stop() {
    sf.close();
  }

  @Test
  void insertGetDeleteRoundTripWithSalesforceShapes() throws IOException {
    try (Response created = http.post("Contact/", ADA)) {
      assertThat(created.code()).isEqualTo(201);
      assertThat(created.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
      assertThat(created.body().string()).isEqualTo("{\"id\":\"" + CONTACT_1 + "\",\"success\":true,\"errors\":[]}");
    }
    assertThat(SalesforceHttp.body(http.get("Contact/" + CONTACT_1 + "?fields=Id,FirstName,LastName,Email")))
        .isEqualTo("{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/"
            + CONTACT_1 + "\"},\"Id\":\"" + CONTACT_1 + "\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
            + "\"Email\":\"ada@example.com\"}");
    assertThat(sf.contacts()).containsExactly(
        new FakeSalesforce.StoredContact(CONTACT_1, "Ada", "Lovelace", "ada@example.com", null));

    try (Response deleted = http.delete("Contact/" + CONTACT_1)) {
      assertThat(deleted.code()).isEqualTo(204);
      assertThat(deleted.body().contentLength()).isZero();
    }
    try (Response again = http.delete("Contact/" + CONTACT_1)) {
      assertThat(again.code()).isEqualTo(404);
      assertThat(again.body().string())
          .isEqualTo("[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\",\"fields\":[]}]");
    }
    try (Response read = http.get("Contact/" + CONTACT_1)) {
      assertThat(read.code()).isEqualTo(404);
      assertThat(read.body().string()).isEqualTo(NOT_FOUND);
    }
    assertThat(sf.contactCount()).isZero();
    assertThat(sf.insertCount()).isEqualTo(1);
  }

  @Test
  void idsCarryTheKeyPrefixAndTheCaseSafeSuffixAndResolveIn15CharacterForm() throws IOException {
    SalesforceHttp.body(http.post("Contact", ADA));
    SalesforceHttp.body(http.post("Task", "{\"Subject\":\"Call Ada\"}"));

    assertThat(sf.tasks()).singleElement().extracting(FakeSalesforce.StoredTask::id).isEqualTo("00T5g0000000001EAA");
    assertThat(SalesforceHttp.body(http.get("Contact/" + CONTACT_1.substring(0, 15) + "?fields=Id")))
        .contains("\"Id\":\"" + CONTACT_1 + "\"");
    assertThat(SalesforceStore.suffix("001D000000IqhSL")).isEqualTo("IAZ"); // the docs' Account id
  }

  @Test
  void getWithoutFieldsReturnsEveryFieldAndTasksGetTheirDefaults() throws IOException {
    SalesforceHttp.body(http.post("Task", "{\"Subject\":\"Call\",\"WhatId\":\"001D000000IqhSLIAZ\"}"));

    String body = SalesforceHttp.body(http.get("Task/00T5g0000000001EAA"));

    assertThat(body).contains("\"Id\":\"00T5g0000000001EAA\"", "\"IsDeleted\":false", "\"Subject\":\"Call\"",
        "\"Description\":null", "\"WhatId\":\"001D000000IqhSLIAZ\"", "\"Status\":\"Not Started\"",
        "\"Priority\":\"Normal\"");
  }

  @Test
  void unknownFieldsInAReadAreInvalidField() throws IOException {
    SalesforceHttp.body(http.post("Contact", ADA));
    try (Response response = http.get("Contact/" + CONTACT_1 + "?fields=Id,Nope__c")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"errorCode\":\"INVALID_FIELD\"", "Nope__c");
    }
  }

  @Test
  void aContactWithoutLastNameGetsTheVerbatimRequiredFieldError() throws IOException {
    try (Response response = http.post("Contact", "{\"FirstName\":\"Ada\"}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).isEqualTo("[{\"message\":\"Required fields are missing: [LastName]\","
          + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]");
    }
    assertThat(sf.insertCount()).isZero();
  }

  @Test
  void invalidValuesGetSalesforcesFieldErrors() throws IOException {
    assertThat(SalesforceHttp.body(http.post("Contact", "{\"LastName\":\"L\",\"Id\":\"" + CONTACT_1 + "\"}")))
        .isEqualTo("[{\"message\":\"The Id field should not be specified in the sobject data.\","
            + "\"errorCode\":\"INVALID_FIELD\"}]");
    assertThat(SalesforceHttp.body(http.post("Contact", "{\"LastName\":\"L\",\"Email\":\"Not a real email address\"}")))
        .isEqualTo("[{\"message\":\"Email: invalid email address: Not a real email address\","
            + "\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":[\"Email\"]}]");
    assertThat(SalesforceHttp.body(http.post("Contact", "{\"LastName\":\"" + "x".repeat(81) + "\"}")))
        .contains("\"errorCode\":\"STRING_TOO_LONG\"", "(max length=80)", "\"fields\":[\"LastName\"]");
    assertThat(SalesforceHttp.body(http.post("Contact", "{\"LastName\":\"L\",\"Shoe__c\":\"9\"}")))
        .contains("\"errorCode\":\"INVALID_FIELD\"", "No such column 'Shoe__c' on sobject of type Contact");
    assertThat(SalesforceHttp.body(http.post("Task", "{\"Subject\":\"s\",\"WhatId\":\"../x\"}")))
        .contains("\"errorCode\":\"MALFORMED_ID\"", "\"fields\":[\"WhatId\"]");
    assertThat(SalesforceHttp.body(http.post("Contact", "not json"))).contains("JSON_PARSER_ERROR");
    assertThat(sf.insertCount()).isZero();
  }

  @Test
  void upsertInsertsOnceThenUpdatesTheSameRecordForTheSameKey() throws IOException {
    sf.externalIdField("Contact", "Actionlayer_Key__c");

    try (Response first = http.patch("Contact/Actionlayer_Key__c/key-1", ADA)) {
      assertThat(first.code()).isEqualTo(201);
      assertThat(first.body().string())
          .isEqualTo("{\"id\":\"" + CONTACT_1 + "\",\"success\":true,\"errors\":[],\"created\":true}");
    }
    try (Response second = http.patch("Contact/Actionlayer_Key__c/KEY-1", "{\"LastName\":\"Byron\"}")) {
      assertThat(second.code()).isEqualTo(200);
      assertThat(second.body().string())
          .isEqualTo("{\"id\":\"" + CONTACT_1 + "\",\"success\":true,\"errors\":[],\"created\":false}");
    }

    assertThat(sf.contacts()).containsExactly(
        new FakeSalesforce.StoredContact(CONTACT_1, "Ada", "Byron", "ada@example.com", "key-1"));
    assertThat(SalesforceHttp.body(http.get("Contact/Actionlayer_Key__c/key-1?fields=Id,LastName")))
        .endsWith("\"Id\":\"" + CONTACT_1 + "\",\"LastName\":\"Byron\"}");
  }

  @Test
  void upsertUpdatesAnswer204WhenConfiguredAndBeforeVersion46() throws IOException {
    sf.externalIdField("Contact", "Actionlayer_Key__c");
    SalesforceHttp.body(http.patch("Contact/Actionlayer_Key__c/k", ADA));
    try (Response old = http.patch("/services/data/v45.0/sobjects/Contact/Actionlayer_Key__c/k", ADA)) {
      assertThat(old.code()).isEqualTo(204);
    }
    sf.upsertUpdateStatus(204);
    try (Response configured = http.patch("Contact/Actionlayer_Key__c/k", ADA)) {
      assertThat(configured.code()).isEqualTo(204);
      assertThat(configured.body().contentLength()).isZero();
    }
    assertThat(sf.contactCount()).isEqualTo(1);
  }

  @Test
  void upsertRefusesTheExternalIdFieldOrIdInTheBodyAndAnUnknownField() throws IOException {
    sf.externalIdField("Contact", "Actionlayer_Key__c");

    assertThat(SalesforceHttp.body(http.patch("Contact/Actionlayer_Key__c/k",
        "{\"LastName\":\"L\",\"Actionlayer_Key__c\":\"k\"}"))).contains("\"errorCode\":\"INVALID_FIELD\"");
    assertThat(SalesforceHttp.body(http.patch("Contact/Actionlayer_Key__c/k",
        "{\"LastName\":\"L\",\"Id\":\"" + CONTACT_1 + "\"}"))).contains("The Id field should not be specified");
    try (Response wrongField = http.patch("Contact/Other_Key__c/k", ADA)) {
      assertThat(wrongField.code()).isEqualTo(404);
      assertThat(wrongField.body().string()).isEqualTo(NOT_FOUND);
    }
    assertThat(sf.insertCount()).isZero();
  }

  @Test
  void anExternalIdMatchingSeveralRecordsIs300ListingThem() throws IOException {
    sf.externalIdField("Contact", "Actionlayer_Key__c");
    String a = sf.seed("Contact", Map.of("LastName", "A", "Actionlayer_Key__c", "dup"));
    String b = sf.seed("Contact", Map.of("LastName", "B", "Actionlayer_Key__c", "DUP"));

    try (Response response = http.patch("Contact/Actionlayer_Key__c/dup", ADA)) {
      assertThat(response.code()).isEqualTo(300);
      assertThat(response.body().string()).isEqualTo("[\"/services/data/v63.0/sobjects/Contact/" + a
          + "\",\"/services/data/v63.0/sobjects/Contact/" + b + "\"]");
    }
    assertThat(SalesforceHttp.code(http.get("Contact/Actionlayer_Key__c/dup"))).isEqualTo(300);
    assertThat(sf.contactCount()).isEqualTo(2);
  }

  @Test
  void aWrongTokenGetsTheVerbatimInvalidSessionAndAnotherSchemeAnInvalidAuthHeader() throws IOException {
    sf.requireBearer("token-123");

    try (Response wrong = http.authorization("Bearer expired").post("Contact", ADA)) {
      assertThat(wrong.code()).isEqualTo(401);
      assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Token");
      assertThat(wrong.body().string())
          .isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }
    assertThat(SalesforceHttp.body(http.authorization("Basic dXNlcjpwdw==").post("Contact", ADA)))
        .isEqualTo("[{\"message\":\"INVALID_HEADER_TYPE\",\"errorCode\":\"INVALID_AUTH_HEADER\"}]");
    assertThat(SalesforceHttp.code(http.authorization(null).post("Contact", ADA))).isEqualTo(401);
    assertThat(SalesforceHttp.code(http.authorization("Bearer token-123").post("Contact", ADA))).isEqualTo(201);
    assertThat(sf.apiUsed()).isEqualTo(1);
  }

  @Test
  void aTokenSupplierIsAskedAtEachRequestSoReplacedTokensAreRefused() throws IOException {
    String[] current = {"access-1"};
    sf.requireBearer(() -> current[0]);

    assertThat(SalesforceHttp.code(http.authorization("Bearer access-1").post("Contact", ADA))).isEqualTo(201);
    current[0] = "access-2";
    assertThat(SalesforceHttp.code(http.authorization("Bearer access-1").post("Contact", ADA))).isEqualTo(401);
    assertThat(SalesforceHttp.code(http.authorization("Bearer access-2").post("Contact", ADA))).isEqualTo(201);
  }

  @Test
  void everyResponseReportsUsageCountingUpUntilTheLimitThen403() throws IOException {
    sf.apiLimit(13, 15);

    try (Response first = http.post("Contact", ADA)) {
      assertThat(first.header("Sforce-Limit-Info")).isEqualTo("api-usage=14/15");
    }
    try (Response second = http.get("Contact/" + CONTACT_1)) {
      assertThat(second.header("Sforce-Limit-Info")).isEqualTo("api-usage=15/15");
    }
    try (Response spent = http.get("Contact/" + CONTACT_1)) {
      assertThat(spent.code()).isEqualTo(403);
      assertThat(spent.header("Sforce-Limit-Info")).isEqualTo("api-usage=15/15");
      assertThat(spent.body().string())
          .isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    }
  }

  @Test
  void theDuplicateRuleRefusesASecondContactWithTheSameEmailNamingTheFirst() throws IOException {
    sf.duplicateRule(true).externalIdField("Contact", "Actionlayer_Key__c");
    SalesforceHttp.body(http.post("Contact", ADA));

    try (Response response = http.post("Contact", ADA.replace("Ada", "Augusta"))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).startsWith("[{\"duplicateResut\":{\"allowSave\":true,")
          .contains("\"matchConfidence\":100.0", "\"Id\":\"" + CONTACT_1 + "\"")
          .endsWith("\"errorCode\":\"DUPLICATES_DETECTED\",\"message\":\"You're creating a duplicate record."
              + " We recommend you use an existing record instead.\"}]");
    }
    // Updating the record itself is not a duplicate of itself.
    SalesforceHttp.body(http.patch("Contact/Actionlayer_Key__c/k", ADA.replace("ada@", "other@")));
    assertThat(SalesforceHttp.code(http.patch("Contact/Actionlayer_Key__c/k", ADA.replace("ada@", "other@")))).isEqualTo(200);
    assertThat(sf.contactCount()).isEqualTo(2);
  }

  @Test
  void idsOfAnotherTypeAreMalformedAndOtherPathsAreNotFound() throws IOException {
    assertThat(SalesforceHttp.body(http.get("Contact/00T5g0000000001EAA")))
        .isEqualTo("[{\"message\":\"Contact ID: id value of incorrect type: 00T5g0000000001EAA\","
            + "\"errorCode\":\"MALFORMED_ID\",\"fields\":[\"Id\"]}]");
    assertThat(SalesforceHttp.body(http.delete("Contact/not-an-id"))).isEqualTo(NOT_FOUND);
    assertThat(SalesforceHttp.body(http.get("Lead/" + CONTACT_1))).isEqualTo(NOT_FOUND);
    assertThat(SalesforceHttp.body(http.get("/services/data/63.0/sobjects/Contact/" + CONTACT_1))).isEqualTo(NOT_FOUND);
    assertThat(SalesforceHttp.body(http.delete("Contact/" + CONTACT_1))).isEqualTo(NOT_FOUND);
    assertThat(SalesforceHttp.body(http.put("Contact/" + CONTACT_1, ADA))).contains("METHOD_NOT_ALLOWED");
  }

  @Test
  void applyThenResetStoresTheCreateAndCreatesSelectsInsertsAndUpserts() throws IOException {
    sf.externalIdField("Task", "Key__c");
    FaultRule rule = sf.on(Requests.creates()).times(2).respond(Fault.applyThenReset());

    assertThatThrownBy(() -> http.post("Contact", ADA)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> http.patch("Task/Key__c/k1", "{\"Subject\":\"s\"}")).isInstanceOf(IOException.class);
    assertThat(SalesforceHttp.code(http.get("Contact/" + CONTACT_1))).isEqualTo(200);

    assertThat(rule.hits()).isEqualTo(2);
    assertThat(sf.contactCount()).isEqualTo(1);
    assertThat(sf.tasks()).extracting(FakeSalesforce.StoredTask::externalId).containsExactly("k1");
    assertThat(sf.isCreate(new RecordedCall("GET", "/services/data/v63.0/sobjects/Contact/x", Map.of(), "")))
        .isFalse();
    assertThat(sf.isCreate(new RecordedCall("PATCH", "/services/data/v63.0/sobjects/Contact/" + CONTACT_1,
        Map.of(), ""))).isFalse();
  }

  @Test
  void staticFaultsCarryTheVerbatimSampleBodies() throws IOException {
    sf.on(Requests.any()).nth(1).respond(FakeSalesforce.invalidSession401());
    sf.on(Requests.any()).nth(2).respond(FakeSalesforce.concurrentRequestLimit403());
    sf.on(Requests.any()).nth(3).respond(FakeSalesforce.serverUnavailable503());
    sf.on(Requests.any()).nth(4).respond(FakeSalesforce.htmlPage(404));

    try (Response session = http.get("Contact/" + CONTACT_1)) {
      assertThat(session.code()).isEqualTo(401);
      assertThat(session.header("WWW-Authenticate")).isEqualTo("Token");
    }
    assertThat(SalesforceHttp.body(http.get("Contact/" + CONTACT_1)))
        .isEqualTo("[{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(SalesforceHttp.body(http.get("Contact/" + CONTACT_1)))
        .isEqualTo("[{\"message\":\"Server Unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
    try (Response page = http.get("Contact/" + CONTACT_1)) {
      assertThat(page.header("Content-Type")).isEqualTo("text/html");
      assertThat(page.body().string()).contains("<title>Error Page</title>");
    }
    assertThat(sf.apiUsed()).isZero(); // canned faults never reach the org
  }

  @Test
  void configurationIsValidatedAndResetForgetsRecords() throws IOException {
    assertThatThrownBy(() -> sf.externalIdField("Lead", "K__c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sf.externalIdField("Contact", "Id")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sf.apiLimit(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sf.upsertUpdateStatus(201)).isInstanceOf(IllegalArgumentException.class);
    SalesforceHttp.body(http.post("Contact", ADA));

    sf.reset();

    assertThat(sf.contacts()).isEmpty();
    assertThat(sf.requests()).isEmpty();
    assertThat(SalesforceHttp.body(http.post("Contact", ADA))).contains(CONTACT_1);
  }
}
