package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.StatusLines;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;

/** Builds FakeJira's answers in Jira Cloud's shapes (bodies verbatim where the fact sheet has them). */
final class JiraResponses {

  static final String JSON_UTF8 = "application/json;charset=UTF-8";
  static final String NOT_FOUND =
      "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}";
  static final String UNAUTHORIZED_TEXT = "Client must be authenticated to access this resource.";
  static final String EXPAND =
      "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

  private JiraResponses() {}

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status))
        .setHeader("Content-Type", JSON_UTF8).body(body).build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().status(StatusLines.of(204)).build();
  }

  static MockResponse created(URI base, JiraStore.Stored stored) {
    FakeJira.Issue issue = stored.issue();
    return json(201, Json.write(Json.object(
        "id", issue.id(), "key", issue.key(), "self", self(base, issue))));
  }

  static MockResponse issue(URI base, JiraStore store, JiraStore.Stored stored, String fields, String expand) {
    Map<String, Object> bean = bean(base, store, stored, fields);
    if (expand != null && List.of(expand.split(",")).contains("transitions")) {
      bean.put("transitions", JiraWorkflow.transitionsJson(base, stored.issue().status()));
    }
    return json(200, Json.write(bean));
  }

  /** One page of a search: {@code nextPageToken} while more follow, {@code isLast} always. */
  static MockResponse search(URI base, JiraStore store, List<JiraStore.Stored> page, String fields,
      String nextPageToken) {
    List<Object> issues = new ArrayList<>();
    for (JiraStore.Stored stored : page) {
      // /search/jql returns only ids unless fields are requested.
      issues.add(fields == null || fields.isBlank()
          ? Json.object("id", stored.issue().id())
          : bean(base, store, stored, fields));
    }
    Map<String, Object> body = Json.object("issues", issues);
    if (nextPageToken != null) body.put("nextPageToken", nextPageToken);
    body.put("isLast", nextPageToken == null);
    return json(200, Json.write(body));
  }

  static MockResponse transitions(URI base, JiraStore.Stored stored) {
    return json(200, Json.write(Json.object("expand", "transitions",
        "transitions", JiraWorkflow.transitionsJson(base, stored.issue().status()))));
  }

  static MockResponse unauthorized(boolean asJson, boolean credentialsSent) {
    MockResponse.Builder builder = new MockResponse.Builder().status(StatusLines.of(401))
        .setHeader("WWW-Authenticate", "Basic realm=\"protected-area\"");
    if (credentialsSent) {
      builder.setHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
    }
    if (asJson) {
      return builder.setHeader("Content-Type", JSON_UTF8)
          .body(Json.errorCollection(List.of(UNAUTHORIZED_TEXT), Map.of())).build();
    }
    return builder.setHeader("Content-Type", "text/plain;charset=UTF-8").body(UNAUTHORIZED_TEXT).build();
  }

  static MockResponse deadLink() {
    return new MockResponse.Builder().status(StatusLines.of(404))
        .setHeader("Content-Type", "text/html;charset=UTF-8").body(jiraDeadLink()).build();
  }

  /** Jira's page for a path it does not know ("Oops, you've found a dead link. - JIRA"). */
  private static String jiraDeadLink() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>Oops, you&#39;ve found a dead link. - JIRA</title>\n"
        + "<meta name=\"decorator\" content=\"none\" />\n"
        + "<link type=\"text/css\" rel=\"stylesheet\" href=\"/static-assets/metal-all.css\" media=\"all\">\n"
        + "</head>\n<body id=\"jira\" class=\"aui-layout aui-style-default page-type-message\">\n"
        + "<div class=\"aui-page-panel\"><div class=\"aui-page-panel-inner\">\n"
        + "<section class=\"aui-page-panel-content\"><div class=\"aui-message aui-message-warning\">\n"
        + "<p class=\"title\"><strong>Oops, you&#39;ve found a dead link.</strong></p>\n"
        + "<p>Go back to the <a href=\"/\">Jira home page</a>.</p>\n"
        + "</div></section></div></div>\n</body>\n</html>\n";
  }

  static MockResponse methodNotAllowed(String allow) {
    return new MockResponse.Builder().status(StatusLines.of(405)).setHeader("Allow", allow).build();
  }

  static MockResponse badJql(String message) {
    return json(400, Json.errorCollection(List.of(message), Map.of()));
  }

  private static String self(URI base, FakeJira.Issue issue) {
    return base + "/rest/api/3/issue/" + issue.id();
  }

  private static Map<String, Object> bean(URI base, JiraStore store, JiraStore.Stored stored,
      String fields) {
    FakeJira.Issue issue = stored.issue();
    JiraStore.Project project = store.projectOf(issue.project());
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("summary", issue.summary());
    all.put("description", stored.description());
    all.put("project", Json.object("self", base + "/rest/api/3/project/" + project.id(),
        "id", project.id(), "key", project.key(), "name", project.name(),
        "projectTypeKey", "software"));
    all.put("issuetype", Json.object("name", stored.issueType(), "subtask", false));
    all.put("labels", issue.labels());
    all.put("status", JiraWorkflow.json(base, JiraWorkflow.status(issue.status())));
    all.put("assignee", issue.assignee() == null ? null : Json.object(
        "self", base + "/rest/api/3/user?accountId=" + issue.assignee(),
        "accountId", issue.assignee(), "displayName", "User " + issue.assignee(), "active", true,
        "accountType", "atlassian"));
    all.put("duedate", issue.dueDate());
    return Json.object("expand", EXPAND, "id", issue.id(), "self", self(base, issue),
        "key", issue.key(), "fields", select(all, fields));
  }

  /** Applies the {@code fields} query parameter: a comma list, or {@code *all}/{@code *navigable}. */
  private static Map<String, Object> select(Map<String, Object> all, String fields) {
    if (fields == null || fields.isBlank()) {
      return all;
    }
    Set<String> wanted = Arrays.stream(fields.split(",")).map(String::strip)
        .collect(Collectors.toSet());
    if (wanted.contains("*all") || wanted.contains("*navigable")) {
      return all;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    all.forEach((name, value) -> {
      if (wanted.contains(name)) {
        selected.put(name, value);
      }
    });
    return selected;
  }
}
