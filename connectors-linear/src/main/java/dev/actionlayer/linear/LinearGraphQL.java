package dev.actionlayer.linear;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL documents this connector sends (constants: values travel only as variables), the
 * request that carries one, and the reading of Linear's {@code {"data", "errors"}} envelope.
 */
final class LinearGraphQL {
  static final String FIELDS = "id identifier title description url dueDate trashed team { id } "
      + "state { name type } assignee { id } labels { nodes { name } }";
  static final String CREATE = "mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) "
      + "{ success issue { " + FIELDS + " } } }";
  static final String GET = "query Issue($id: String!) { issue(id: $id) { " + FIELDS + " } }";
  static final String UPDATE = "mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) "
      + "{ issueUpdate(id: $id, input: $input) { success issue { " + FIELDS + " } } }";
  static final String DELETE = "mutation IssueDelete($id: String!) { issueDelete(id: $id) { success } }";
  static final String LIST = "query Issues($filter: IssueFilter, $first: Int!, $after: String) "
      + "{ issues(filter: $filter, first: $first, after: $after) { nodes { " + FIELDS + " } "
      + "pageInfo { hasNextPage endCursor } } }";
  static final String FIND = "query FindIssue($filter: IssueFilter) { issues(filter: $filter, first: 2) "
      + "{ nodes { " + FIELDS + " } } }";
  static final String STATES = "query TeamStates($id: String!, $filter: WorkflowStateFilter) { issue(id: $id) "
      + "{ team { states(filter: $filter) { nodes { id name type position } } } } }";
  static final String LABELS = "query Labels($filter: IssueLabelFilter) { issueLabels(filter: $filter, first: 100) "
      + "{ nodes { id name } } }";

  /** Writes null members: {@code assigneeId: null} unassigns, {@code dueDate: null} clears. */
  private static final JsonAdapter<Object> WRITER = Json.MOSHI.adapter(Object.class).serializeNulls();

  private LinearGraphQL() {}

  static VendorRequest request(String document, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", document);
    body.put("variables", variables);
    return VendorRequest.post().path("graphql").json(WRITER.toJson(body)).build();
  }

  /**
   * The {@code data} object of a 2xx answer.
   *
   * @throws ActionException what an {@code errors} array means, even with HTTP 200
   * @throws IOException when the body is not Linear's envelope
   */
  static Map<String, Object> data(VendorResponse response) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) throw new IOException("Linear answered without a JSON object");
    ActionError error = LinearErrors.fromBody(response, body);
    if (error != null) throw new ActionException(error);
    Map<String, Object> data = Json.object(body, "data");
    if (data == null) throw new IOException("Linear answered without data");
    return data;
  }

  /** A mutation payload's {@code issue}, after checking its {@code success}. */
  static Map<String, Object> payloadIssue(VendorResponse response, String mutation) throws IOException {
    Map<String, Object> payload = Json.object(data(response), mutation);
    if (payload == null) throw new IOException("Linear answered without " + mutation);
    if (!Boolean.TRUE.equals(payload.get("success"))) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
          .httpStatus(response.status()).message("Linear answered " + mutation + " with success: false").build());
    }
    return Json.object(payload, "issue");
  }

  /**
   * The canonical task of an issue node.
   *
   * @throws ActionException {@code NOT_FOUND} for an issue in the trash (deleted)
   */
  static Task task(Map<String, Object> node, int status) throws IOException {
    String id = Json.string(node, "id");
    if (id == null || id.isBlank()) throw new IOException("Linear answered without an issue id");
    if (Boolean.TRUE.equals(node.get("trashed"))) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND).retryable(false).httpStatus(status)
          .message("Linear: the issue is in the trash (deleted)").build());
    }
    Map<String, Object> state = Json.object(node, "state");
    List<String> labels = new ArrayList<>();
    for (Object label : Json.array(Json.object(node, "labels"), "nodes")) {
      if (label instanceof Map<?, ?> l && l.get("name") instanceof String name) labels.add(name);
    }
    return new Task(id, Json.string(Json.object(node, "team"), "id"), Json.string(node, "title"),
        blankToNull(Json.string(node, "description")), status(Json.string(state, "type")),
        Json.string(state, "name"), Json.string(Json.object(node, "assignee"), "id"), Json.string(node, "dueDate"),
        labels, Json.string(node, "identifier"), Json.string(node, "url"), Map.of());
  }

  /** A workflow state type as the canonical status; null for a type Linear adds later. */
  static TaskStatus status(String type) {
    if (type == null) return null;
    return switch (type) {
      case "triage", "backlog", "unstarted" -> TaskStatus.OPEN;
      case "started" -> TaskStatus.IN_PROGRESS;
      case "completed", "canceled" -> TaskStatus.DONE;
      default -> null;
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
