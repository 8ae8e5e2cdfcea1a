package dev.actionlayer.linear;

import static dev.actionlayer.linear.LinearGraphQL.request;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tasks as Linear issues: {@code issueCreate} (with a key-derived id), {@code issue},
 * {@code issueUpdate} (workflow states and labels looked up first when they change),
 * {@code issueDelete}, and {@code issues(filter, first, after)}.
 */
final class LinearIssues implements Resource<NewTask, Task>, Updatable<TaskChanges, Task>,
    Listable<TaskQuery, Task> {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9]{0,9}-[1-9][0-9]{0,8}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/.:-]{1,200}");
  private static final Map<TaskStatus, List<String>> TYPES = Map.of(TaskStatus.OPEN, List.of("triage", "backlog", "unstarted"),
      TaskStatus.IN_PROGRESS, List.of("started"), TaskStatus.DONE, List.of("completed", "canceled"));

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("id", issueId(context.idempotencyKey()));
    in.put("teamId", requireUuid(input.project(), "project"));
    in.put("title", input.title());
    if (input.description() != null) in.put("description", input.description());
    return request(LinearGraphQL.CREATE, Map.of("input", in));
  }

  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context) throws IOException {
    return LinearGraphQL.task(issue(LinearGraphQL.payloadIssue(response, "issueCreate")), response.status());
  }

  @Override
  public VendorRequest get(String id) {
    return request(LinearGraphQL.GET, Map.of("id", requireIssueId(id)));
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return LinearGraphQL.task(issue(Json.object(LinearGraphQL.data(response), "issue")), response.status());
  }

  @Override
  public VendorRequest delete(String id) {
    return request(LinearGraphQL.DELETE, Map.of("id", requireIssueId(id)));
  }

  /** {@code issueDelete}'s failures arrive in a 2xx body: an errors array, or {@code success: false}. */
  @Override
  public void readDeleted(VendorResponse response, String id, CallContext context) throws IOException {
    Map<String, Object> payload = Json.object(LinearGraphQL.data(response), "issueDelete");
    if (payload == null || !Boolean.TRUE.equals(payload.get("success"))) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
          .httpStatus(response.status()).message("Linear did not confirm the delete (success is not true)").build());
    }
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.FINDABLE;
  }

  /** The issue with the id this call's create chose; consistent at once (a lookup by primary key). */
  @Override
  public VendorRequest find(NewTask input, CallContext context) {
    return request(LinearGraphQL.FIND, Map.of("filter", Map.of("id", Map.of("eq", issueId(context.idempotencyKey())))));
  }

  @Override
  public Task readFound(VendorResponse response, NewTask input, CallContext context) throws IOException {
    Map<String, Object> issues = Json.object(LinearGraphQL.data(response), "issues");
    if (issues == null || !(issues.get("nodes") instanceof List<?> nodes)) throw new IOException("Linear answered without issues");
    if (nodes.isEmpty()) return null;
    return LinearGraphQL.task(issue(nodes.get(0)), response.status());
  }

  @Override
  public VendorRequest update(String id, TaskChanges changes, CallContext context) {
    String issueId = requireIssueId(id);
    if (!changes.extra().isEmpty()) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
          .fieldError("extra", "the connector changes no Linear-specific field").message("Linear: extra is not supported").build());
    }
    Map<String, Object> in = new LinkedHashMap<>();
    if (changes.title() != null) in.put("title", changes.title());
    if (changes.description() != null) in.put("description", changes.description().isEmpty() ? null : changes.description());
    if (changes.status() != null || changes.vendorStatus() != null) in.put("stateId", stateId(issueId, changes, context));
    if (changes.assignee() != null) {
      in.put("assigneeId", changes.assignee().isEmpty() ? null : requireUuid(changes.assignee(), "assignee"));
    }
    if (changes.dueDate() != null) in.put("dueDate", changes.dueDate().isEmpty() ? null : changes.dueDate());
    if (changes.labels() != null) in.put("labelIds", labelIds(changes.labels(), context));
    return request(LinearGraphQL.UPDATE, Map.of("id", issueId, "input", in));
  }

  @Override
  public Task readUpdated(VendorResponse response, String id, TaskChanges changes, CallContext context)
      throws IOException {
    return LinearGraphQL.task(issue(LinearGraphQL.payloadIssue(response, "issueUpdate")), response.status());
  }

  @Override
  public VendorRequest list(TaskQuery query, CallContext context) {
    Map<String, Object> filter = new LinkedHashMap<>();
    if (query.project() != null) filter.put("team", Map.of("id", Map.of("eq", requireUuid(query.project(), "project"))));
    if (query.status() != null) filter.put("state", Map.of("type", Map.of("in", TYPES.get(query.status()))));
    if (query.assignee() != null) filter.put("assignee", Map.of("id", Map.of("eq", requireUuid(query.assignee(), "assignee"))));
    if (query.text() != null) {
      filter.put("or", List.of(Map.of("title", Map.of("containsIgnoreCase", query.text())),
          Map.of("description", Map.of("containsIgnoreCase", query.text()))));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("filter", filter);
    variables.put("first", query.pageSize());
    if (query.cursor() != null) {
      if (!CURSOR.matcher(query.cursor()).matches()) throw ActionException.invalidField("cursor", "is not a cursor this connector made");
      variables.put("after", query.cursor());
    }
    return request(LinearGraphQL.LIST, variables);
  }

  @Override
  public Page<Task> readPage(VendorResponse response, TaskQuery query, CallContext context) throws IOException {
    Map<String, Object> issues = Json.object(LinearGraphQL.data(response), "issues");
    if (issues == null || !(issues.get("nodes") instanceof List<?> nodes)) throw new IOException("Linear answered without issues");
    List<Task> tasks = new ArrayList<>();
    for (Object node : nodes) tasks.add(LinearGraphQL.task(issue(node), response.status()));
    Map<String, Object> pageInfo = Json.object(issues, "pageInfo");
    boolean more = pageInfo != null && Boolean.TRUE.equals(pageInfo.get("hasNextPage"));
    return new Page<>(tasks, more ? Json.string(pageInfo, "endCursor") : null);
  }

  /** The id of the team state the change names, looked up on the issue's team (one request). */
  private static String stateId(String issueId, TaskChanges changes, CallContext context) {
    Map<String, Object> filter = changes.status() != null
        ? Map.of("type", Map.of("eq", switch (changes.status()) {
            case OPEN -> "unstarted";
            case IN_PROGRESS -> "started";
            case DONE -> "completed";
          }))
        : Map.of("name", Map.of("eqIgnoreCase", changes.vendorStatus()));
    VendorResponse answer = context.exchange(request(LinearGraphQL.STATES, Map.of("id", issueId, "filter", filter)));
    if (!answer.isSuccessful()) throw context.failure(answer);
    Map<?, ?> best = null;
    try {
      Map<String, Object> team = Json.object(issue(Json.object(LinearGraphQL.data(answer), "issue")), "team");
      for (Object node : Json.array(Json.object(team, "states"), "nodes")) {
        if (node instanceof Map<?, ?> m && m.get("id") instanceof String && (best == null || position(m) < position(best))) best = m;
      }
    } catch (IOException e) {
      throw unreadable(answer, "workflow states");
    }
    String field = changes.status() != null ? "status" : "vendorStatus";
    if (best == null) throw ActionException.invalidField(field, "the issue's team has no such workflow state");
    return (String) best.get("id");
  }

  /** Label ids by name; a name the workspace does not have is an invalid request. */
  private static List<String> labelIds(List<String> names, CallContext context) {
    if (names.isEmpty()) return List.of();
    VendorResponse answer = context.exchange(request(LinearGraphQL.LABELS, Map.of("filter", Map.of("name", Map.of("in", names)))));
    if (!answer.isSuccessful()) throw context.failure(answer);
    Map<String, String> byName = new LinkedHashMap<>();
    try {
      for (Object node : Json.array(Json.object(LinearGraphQL.data(answer), "issueLabels"), "nodes")) {
        if (node instanceof Map<?, ?> m && m.get("name") instanceof String n && m.get("id") instanceof String id) byName.putIfAbsent(n, id);
      }
    } catch (IOException e) {
      throw unreadable(answer, "labels");
    }
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      String id = byName.get(name);
      if (id == null) throw ActionException.invalidField("labels", "Linear has no label named " + name);
      ids.add(id);
    }
    return ids;
  }

  /**
   * The issue id a create under {@code key} chooses: SHA-256 of the key in the shape of a v4 UUID,
   * so that every attempt and every later lookup (a saga's recovery in another process) agree.
   */
  static String issueId(String key) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(("actionlayer:" + key).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    h[6] = (byte) ((h[6] & 0x0f) | 0x40);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    String hex = HexFormat.of().formatHex(h, 0, 16);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20, 32);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> issue(Object node) throws IOException {
    if (!(node instanceof Map<?, ?>)) throw new IOException("Linear answered without the issue");
    return (Map<String, Object>) node;
  }

  private static double position(Map<?, ?> state) {
    return state.get("position") instanceof Number n ? n.doubleValue() : Double.MAX_VALUE;
  }

  private static ActionException unreadable(VendorResponse answer, String what) {
    return new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(true).httpStatus(answer.status())
        .message("Linear's answer listing " + what + " could not be read").build());
  }

  private static String requireIssueId(String id) {
    if (id == null || !(UUID.matcher(id).matches() || IDENTIFIER.matcher(id).matches())) {
      throw ActionException.invalidField("id", "is not a Linear issue id (a UUID, or an identifier such as ENG-123)");
    }
    return id;
  }

  private static String requireUuid(String value, String field) {
    if (value == null || !UUID.matcher(value).matches()) throw ActionException.invalidField(field, "is not a Linear id (a UUID)");
    return value;
  }
}
