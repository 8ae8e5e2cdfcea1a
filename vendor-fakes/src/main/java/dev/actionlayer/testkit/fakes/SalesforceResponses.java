package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.StatusLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * Builds FakeSalesforce's answers in Salesforce's shapes; bodies marked verbatim are the vendor
 * fact sheet's samples (section 2.2) byte for byte.
 */
final class SalesforceResponses {

  static final String JSON_UTF8 = "application/json;charset=UTF-8";

  /** Verbatim: an expired or unknown access token. */
  static final String INVALID_SESSION =
      "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
  /** Verbatim (jsforce test): a valid token that may not be used with the REST API. */
  static final String SESSION_NOT_FOR_REST =
      "[{\"message\":\"This session is not valid for use with the REST API\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
  /** Verbatim: an Authorization header of another scheme. */
  static final String INVALID_AUTH_HEADER =
      "[{\"message\":\"INVALID_HEADER_TYPE\",\"errorCode\":\"INVALID_AUTH_HEADER\"}]";
  /** Verbatim: the org's 24-hour allowance is spent. */
  static final String TOTAL_REQUESTS_EXCEEDED =
      "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
  /** The concurrency variant; the message is corroborated, the array around it follows the other errors. */
  static final String CONCURRENT_REQUESTS_EXCEEDED =
      "[{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
  /** Verbatim, with its errorCode-first key order. */
  static final String NOT_FOUND =
      "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]";
  /** Verbatim: the answer to a second DELETE. */
  static final String ENTITY_IS_DELETED =
      "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\",\"fields\":[]}]";
  /** Verbatim fixture; the message is unverified against a live capture. */
  static final String SERVER_UNAVAILABLE =
      "[{\"message\":\"Server Unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";
  /** Verbatim (Salesforce docs): an insert or upsert body carrying Id. */
  static final String ID_IN_BODY =
      "[{\"message\":\"The Id field should not be specified in the sobject data.\",\"errorCode\":\"INVALID_FIELD\"}]";
  /** The page jsforce's test uses for an org that cannot be reached. */
  static final String HTML_ERROR_PAGE = "\n<!DOCTYPE HTML>\n<html lang=en-US>\n<head>\n<meta charset=UTF-8>\n"
      + "<title>Error Page</title>\n</head>\n<body>\n    <p>Error</p>\n</body>\n</html>\n";
  /** The message of Salesforce's standard Contact duplicate rule (real v54.0 capture). */
  static final String DUPLICATE_MESSAGE =
      "You're creating a duplicate record. We recommend you use an existing record instead.";

  private SalesforceResponses() {}

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status))
        .setHeader("Content-Type", JSON_UTF8).body(body).build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().status(StatusLines.of(204)).build();
  }

  static MockResponse unauthorized(String body) {
    return json(401, body).newBuilder().setHeader("WWW-Authenticate", "Token").build();
  }

  /** One error in Salesforce's array, members in the usual message, errorCode, fields order. */
  static String error(String errorCode, String message, String... fields) {
    return Json.write(List.of(Json.object("message", message, "errorCode", errorCode, "fields", List.of(fields))));
  }

  /** The 201 (or 200) body of an insert or upsert; {@code created} is null before API v46.0. */
  static String saveResult(String id, Boolean created) {
    Map<String, Object> body = Json.object("id", id, "success", true, "errors", List.of());
    if (created != null) {
      body.put("created", created);
    }
    return Json.write(body);
  }

  /** A record with {@code attributes} first, then the selected fields in order. */
  static String record(SalesforcePath path, SalesforceStore.Stored stored, List<String> fields) {
    return Json.write(recordFields(path, stored, fields));
  }

  /** The members of {@link #record}, for embedding in a query's {@code records}. */
  static Map<String, Object> recordFields(SalesforcePath path, SalesforceStore.Stored stored, List<String> fields) {
    return recordFields(path, stored, fields, null);
  }

  /**
   * The members of a query's record; a relationship column ({@code Account.Name}) becomes the
   * related record with its own {@code attributes} (null when there is none), read from {@code store}.
   */
  static Map<String, Object> recordFields(SalesforcePath path, SalesforceStore.Stored stored, List<String> fields,
      SalesforceStore store) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("attributes", Json.object("type", stored.type(),
        "url", path.recordUrl(stored.type(), stored.id())));
    for (String field : fields) {
      int dot = field.indexOf('.');
      if (dot < 0) {
        body.put(field, value(stored, field));
        continue;
      }
      String relationship = field.substring(0, dot);
      SalesforceStore.Stored related = store == null ? null : store.related(stored, relationship);
      if (related == null) {
        body.putIfAbsent(relationship, null);
        continue;
      }
      Object existing = body.get(relationship);
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = existing instanceof Map ? (Map<String, Object>) existing
          : Json.object("attributes", Json.object("type", related.type(),
              "url", path.recordUrl(related.type(), related.id())));
      nested.put(field.substring(dot + 1), value(related, field.substring(dot + 1)));
      body.put(relationship, nested);
    }
    return body;
  }

  /** 300: the records an external id matches, as the URLs Salesforce lists. */
  static String multipleChoices(SalesforcePath path, List<SalesforceStore.Stored> matches) {
    List<String> urls = new ArrayList<>();
    for (SalesforceStore.Stored stored : matches) {
      urls.add(path.recordUrl(stored.type(), stored.id()));
    }
    return Json.write(urls);
  }

  /** DUPLICATES_DETECTED in the shape of a real v54.0 Contact capture, misspelled {@code duplicateResut} included. */
  static String duplicatesDetected(SalesforcePath path, List<SalesforceStore.Stored> matches) {
    List<Object> records = new ArrayList<>();
    for (SalesforceStore.Stored stored : matches) {
      records.add(Json.object("additionalInformation", List.of(), "fieldDiffs", List.of(),
          "matchConfidence", 100.0, "record", Json.object("attributes", Json.object("type", "Contact",
              "url", path.recordUrl("Contact", stored.id())), "Id", stored.id())));
    }
    Object matchResult = Json.object("entityType", "Contact", "errors", List.of(),
        "matchEngine", "FuzzyMatchEngine", "matchRecords", records,
        "rule", "Standard_Contact_Match_Rule_v1_1", "size", matches.size(), "success", true);
    Object result = Json.object("allowSave", true, "duplicateRule", "Standard_Contact_Duplicate_Rule",
        "duplicateRuleEntityType", "Contact", "errorMessage", DUPLICATE_MESSAGE,
        "matchResults", List.of(matchResult));
    return Json.write(List.of(Json.object("duplicateResut", result, "errorCode", "DUPLICATES_DETECTED",
        "message", DUPLICATE_MESSAGE)));
  }

  /** 405, in the wording Salesforce uses for a method a resource does not support. */
  static MockResponse methodNotAllowed(String method, String allowed) {
    return json(405, Json.write(List.of(Json.object("errorCode", "METHOD_NOT_ALLOWED",
        "message", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed))))
        .newBuilder().setHeader("Allow", allowed).build();
  }

  /** A field's value as a read or query renders it (Id, IsDeleted, a Contact's Name, a Task's IsClosed included). */
  static Object value(SalesforceStore.Stored stored, String field) {
    if (field.equals("Id")) {
      return stored.id();
    }
    if (field.equals("IsDeleted")) {
      return false;
    }
    if (field.equals("IsClosed")) {
      return "Completed".equals(stored.fields().get("Status"));
    }
    if (field.equals("Name") && stored.type().equals("Contact")) {
      Object first = stored.fields().get("FirstName");
      Object last = stored.fields().get("LastName");
      return first == null ? last : first + " " + last;
    }
    return stored.fields().get(field);
  }
}
