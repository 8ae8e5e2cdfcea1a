package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FakeSalesforce's {@code /query}: the SOQL that finds a record by its external id, and that lists records. */
class FakeSalesforceQueryTest {
  private static final String KEY = "Actionlayer_Key__c";
  private static final String CONTACT_1 = "0035g0000000001AAA";
  private static final String BY_KEY = "SELECT Id,FirstName,LastName,Email FROM Contact WHERE " + KEY + " = ";

  private final FakeSalesforce sf = new FakeSalesforce().externalIdField("Contact", KEY).externalIdField("Task", KEY);
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

  private Response query(String soql) throws IOException {
    return http.get("/services/data/v63.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
  }

  private String seedContact(String key) {
    return sf.seed("Contact", Map.of("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com", KEY, key));
  }

  @Test
  void aMatchIsTheRecordWithItsAttributesAndOnlyTheSelectedFields() throws IOException {
    seedContact("k-1");

    try (Response response = query(BY_KEY + "'k-1' LIMIT 1")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
      assertThat(response.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/15000");
      assertThat(response.body().string()).isEqualTo("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":"
          + "{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/" + CONTACT_1 + "\"},"
          + "\"Id\":\"" + CONTACT_1 + "\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
          + "\"Email\":\"ada@example.com\"}]}");
    }
  }

  @Test
  void noMatchIsTotalSizeZeroWithAnEmptyRecordsArray() throws IOException {
    seedContact("k-0");

    assertThat(SalesforceHttp.body(query(BY_KEY + "'k-1' LIMIT 1")))
        .isEqualTo("{\"totalSize\":0,\"done\":true,\"records\":[]}");
  }

  @Test
  void aDeletedRecordIsNotReturned() throws IOException {
    String id = seedContact("k-1");
    SalesforceHttp.body(http.delete("Contact/" + id));

    assertThat(SalesforceHttp.body(query(BY_KEY + "'k-1'"))).isEqualTo("{\"totalSize\":0,\"done\":true,\"records\":[]}");
  }

  @Test
  void escapedLiteralsAreReadBackslashAndQuoteIncluded() throws IOException {
    String id = seedContact("a'b\\c");
    seedContact("a'b");

    assertThat(SalesforceHttp.body(query(BY_KEY + "'a\\'b\\\\c'"))).contains("\"totalSize\":1", id);
    assertThat(SalesforceHttp.body(query(BY_KEY + "'a\\'b\\\\'"))).contains("\"totalSize\":0");
  }

  @Test
  void tasksAreQueriedTooAndLimitBoundsTheRecords() throws IOException {
    sf.seed("Task", Map.of("Subject", "Call Ada", KEY, "k-1"));
    sf.seed("Task", Map.of("Subject", "Call Ada again", KEY, "k-1"));

    String body = SalesforceHttp.body(query("select Id, Subject, Description, WhatId from Task where " + KEY
        + " = 'k-1' limit 1"));

    assertThat(body).isEqualTo("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Task\","
        + "\"url\":\"/services/data/v63.0/sobjects/Task/00T5g0000000001EAA\"},\"Id\":\"00T5g0000000001EAA\","
        + "\"Subject\":\"Call Ada\",\"Description\":null,\"WhatId\":null}]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT Id FROM Contact WHERE",
      "SELECT Id FROM Contact WHERE " + KEY + " = 'k-1' OR Email = 'x'",
      "SELECT Id FROM Contact WHERE " + KEY + " = 'k-1",
      "SELECT Id FROM Contact WHERE " + KEY + " = 'a'b'",
      "SELECT Id FROM Contact WHERE " + KEY + " = 'a\\qb'",
      "SELECT Id FROM Contact WHERE " + KEY + " LIKE k",
      "SELECT Id FROM Contact WHERE (" + KEY + " = 'k-1')",
      "SELECT Id FROM Contact ORDER Id",
      "SELECT Id, FROM Contact WHERE " + KEY + " = 'k-1'",
      "SELECT Id FROM Contact WHERE " + KEY + " = 'k-1' LIMIT many",
      "DELETE FROM Contact"})
  void anyOtherShapeIsMalformedQuery(String soql) throws IOException {
    try (Response response = query(soql)) {
      assertThat(response.code()).isEqualTo(400);
      String body = response.body().string();
      assertThat(body).startsWith("[{\"message\":\"").endsWith("\",\"errorCode\":\"MALFORMED_QUERY\"}]")
          .contains("ERROR at Row:1:Column:");
    }
  }

  @Test
  void anUnknownColumnIsInvalidFieldAndAnUnknownObjectInvalidType() throws IOException {
    try (Response response = query("SELECT Id, Phone__c FROM Contact WHERE " + KEY + " = 'k-1'")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).isEqualTo("[{\"message\":\"\\nSELECT Id, Phone__c FROM Contact WHERE "
          + KEY + " = 'k-1'\\n           ^\\nERROR at Row:1:Column:12\\nNo such column 'Phone__c' on entity 'Contact'."
          + " If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
          + " Please reference your WSDL or the describe call for the appropriate names.\","
          + "\"errorCode\":\"INVALID_FIELD\"}]");
    }
    try (Response response = query("SELECT Id FROM Lead WHERE Email = 'x'")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("sObject type 'Lead' is not supported.",
          "\"errorCode\":\"INVALID_TYPE\"");
    }
  }

  @Test
  void withoutQAQueryIsMalformedAndOnlyGetIsAllowed() throws IOException {
    try (Response response = http.get("/services/data/v63.0/query/")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .isEqualTo("[{\"message\":\"A query string has to be specified\",\"errorCode\":\"MALFORMED_QUERY\"}]");
    }
    try (Response response = http.post("/services/data/v63.0/query", "{}")) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("HEAD,GET");
    }
    assertThat(sf.isCreate(new RecordedCall("GET", "/services/data/v63.0/query?q=x", Map.of(), ""))).isFalse();
  }
}
