package dev.actionlayer.internal.tools;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolHints;
import dev.actionlayer.tools.ToolParameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a model reads: tool descriptions, parameter lists and schemas, and error JSON with a hint. */
final class ToolTexts {
  private ToolTexts() {}

  private static final Map<String, String> WHAT = Map.of(
      "tasks", "a task (an issue or to-do in a work tracker)",
      "contacts", "a contact (a person in a CRM or billing system)",
      "folders", "a folder (in a file store)");

  /**
   * @param duplicateWindows the distinct non-zero duplicate windows of the connections offering
   *     the tool, shortest first: a create repeated within one is answered from the first
   */
  static Tool tool(String noun, String verb, List<String> connections, List<String> described,
      ToolHints hints, String keyPattern, List<Duration> duplicateWindows) {
    String what = WHAT.get(noun);
    List<ToolParameter> params = new ArrayList<>();
    params.add(new ToolParameter("connection", "Where to act: one of " + String.join(", ", described) + ".",
        true, connections, 64, null));
    String description;
    switch (verb) {
      case "create" -> {
        params.addAll(createParams(noun));
        params.add(new ToolParameter("idempotencyKey",
            "Optional. A key you choose (8-64 letters, digits, dashes) for this one create. Repeat it"
                + " when you retry the same create after an unclear failure: where the vendor supports"
                + " keys, the record is made once.", false, List.of(), 64, keyPattern));
        description = "Create " + what + ". Returns the created record with its id. On error the"
            + " result is {\"error\":{...}}: follow its hint. If retryable is true, wait"
            + " retryAfterSeconds and call again with the same arguments; if the code is"
            + " OUTCOME_UNKNOWN the record may exist, so do not create it again except with the same"
            + " idempotencyKey." + duplicateNote(duplicateWindows);
      }
      case "get" -> {
        params.add(idParam(noun));
        description = "Read " + what + " by its id. Returns the record; NOT_FOUND when no record"
            + " has that id. Read-only.";
      }
      case "update" -> {
        params.add(idParam(noun));
        params.addAll(updateParams(noun));
        description = "Change " + what + ": only the fields you give change; the others keep their"
            + " values. Returns the record as it is after the change. NOT_FOUND when no record has"
            + " that id; UNSUPPORTED when this connection cannot make such a change. Safe to repeat"
            + " with the same arguments.";
      }
      case "list" -> {
        params.addAll(listParams(noun));
        params.add(ToolParameter.integer("pageSize", "Optional. How many records to return, at most"
            + " 100; 25 when omitted.", 100));
        params.add(new ToolParameter("cursor", "Optional. The nextCursor of the previous page, to read"
            + " on; omit it for the first page.", false, List.of(), 2_048, null));
        description = "List " + WHAT_PLURAL.get(noun) + " matching the filters you give, one page at a time."
            + " Returns {\"items\":[...],\"nextCursor\":...}; when nextCursor is not null, call again with"
            + " it as cursor to read the next page. Read-only.";
      }
      default -> {
        params.add(idParam(noun));
        description = "Delete " + what + " by its id, permanently. Returns {\"deleted\":true}."
            + " NOT_FOUND means it is already gone. Safe to repeat.";
      }
    }
    params.add(ToolParameter.flag("dryRun", "Optional. true to see, without doing it, whether the"
        + " call is allowed and the request it would send: nothing is sent or changed."));
    return new Tool(noun + "_" + verb, description, schema(params), params, hints);
  }

  private static final Map<String, String> WHAT_PLURAL = Map.of(
      "tasks", "tasks (issues or to-dos in a work tracker)",
      "contacts", "contacts (people in a CRM or billing system)",
      "folders", "folders (in a file store)");

  private static List<ToolParameter> updateParams(String noun) {
    return switch (noun) {
      case "tasks" -> List.of(
          optional("title", "New one-line title.", 255),
          optional("description", "New details, plain text; \"\" clears them.", 32_000),
          new ToolParameter("status", "Optional. The new state: open, in_progress or done (done closes"
              + " or resolves the task).", false, List.of("open", "in_progress", "done"), 11, null),
          optional("vendorStatus", "Optional, instead of status: the vendor's own status name, such as"
              + " \"In Review\".", 100),
          optional("assignee", "The vendor's id or login of the new assignee; \"\" unassigns.", 255),
          new ToolParameter("dueDate", "Optional. The due date, YYYY-MM-DD; \"\" clears it.", false,
              List.of(), 10, "(\\d{4}-\\d{2}-\\d{2})?"),
          optional("labels", "The labels the task should end with, comma-separated (each one word);"
              + " \"\" removes them all.", 2_000));
      case "contacts" -> List.of(
          optional("firstName", "New given name; \"\" clears it.", 40),
          optional("lastName", "New family name.", 80),
          optional("email", "New email address.", 254),
          optional("phone", "New phone number; \"\" clears it.", 40),
          optional("company", "New company or organisation name; \"\" clears it.", 255));
      default -> List.of(
          optional("name", "New name (rename).", 255),
          optional("parentId", "The id of the folder to move it into (move).", 255));
    };
  }

  private static List<ToolParameter> listParams(String noun) {
    return switch (noun) {
      case "tasks" -> List.of(
          optional("project", "Only tasks in this container (a Jira project key, a repository).", 255),
          new ToolParameter("status", "Optional. Only tasks in this state.", false,
              List.of("open", "in_progress", "done"), 11, null),
          optional("assignee", "Only tasks assigned to this vendor id or login.", 255),
          optional("text", "Only tasks whose title or description contains this text.", 255));
      case "contacts" -> List.of(
          optional("email", "Only the contact with exactly this email address.", 254),
          optional("name", "Only contacts whose name matches this text.", 255));
      default -> List.of(
          optional("parentId", "Only folders directly inside this folder; omit for the top level.", 255),
          optional("name", "Only folders whose name matches this text.", 255));
    };
  }

  private static ToolParameter optional(String name, String description, int maxLength) {
    return new ToolParameter(name, description.startsWith("Optional") ? description : "Optional. " + description,
        false, List.of(), maxLength, null);
  }

  private static ToolParameter idParam(String noun) {
    return new ToolParameter("id", "The vendor's id of the record, as returned by " + noun + "_create.",
        true, List.of(), 255, null);
  }

  private static List<ToolParameter> createParams(String noun) {
    return switch (noun) {
      case "tasks" -> List.of(
          new ToolParameter("project", "The container, where the vendor has one: a Jira project key"
              + " such as PROJ. Omit it otherwise.", false, List.of(), 255, null),
          new ToolParameter("title", "One line summarising the task.", true, List.of(), 255, null),
          new ToolParameter("description", "Optional details, plain text.", false, List.of(), 32_000, null));
      case "contacts" -> List.of(
          new ToolParameter("firstName", "Optional given name.", false, List.of(), 40, null),
          new ToolParameter("lastName", "Family name.", true, List.of(), 80, null),
          new ToolParameter("email", "Optional email address.", false, List.of(), 254, null));
      default -> List.of(
          new ToolParameter("name", "The folder's name.", true, List.of(), 255, null),
          new ToolParameter("parentId", "Optional id of the parent folder; omit for the top level.",
              false, List.of(), 255, null));
    };
  }

  static String schema(List<ToolParameter> params) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (ToolParameter p : params) {
      Map<String, Object> prop = new LinkedHashMap<>();
      prop.put("type", p.type());
      prop.put("description", p.description());
      if (p.isInteger()) {
        prop.put("minimum", 1);
        prop.put("maximum", p.maxLength());
      }
      if (p.isBoolean() || p.isInteger()) {
        properties.put(p.name(), prop);
        if (p.required()) required.add(p.name());
        continue;
      }
      if (!p.allowed().isEmpty()) prop.put("enum", p.allowed());
      prop.put("maxLength", p.maxLength());
      if (p.pattern() != null) prop.put("pattern", "^" + p.pattern() + "$");
      properties.put(p.name(), prop);
      if (p.required()) required.add(p.name());
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return Json.write(schema);
  }

  private static String duplicateNote(List<Duration> windows) {
    if (windows.isEmpty()) return "";
    String within = windows.size() == 1 ? windows.get(0).toSeconds() + " seconds"
        : windows.get(0).toSeconds() + " to " + windows.get(windows.size() - 1).toSeconds()
            + " seconds, depending on the connection";
    return " An identical create (same arguments) repeated within " + within + " is not sent"
        + " again: the result is the record the earlier call created, marked \"deduplicated\":true.";
  }

  /**
   * A created record as the model reads it; one served from the duplicate window says so, so that
   * "created now" and "already created by your earlier call" never look the same.
   */
  static Object createdMap(Object record, boolean deduplicated, String toolName) {
    Object map = recordMap(record);
    if (!deduplicated || !(map instanceof Map<?, ?> fields)) return map;
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> out.put(String.valueOf(k), v));
    out.put("deduplicated", true);
    out.put("note", "Nothing was created now: an earlier identical " + toolName + " call"
        + " already created this record, and this is its result.");
    return out;
  }

  static Object recordMap(Object record) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    String json = ((com.squareup.moshi.JsonAdapter) Json.MOSHI.adapter(record.getClass())).toJson(record);
    return Json.parseOrNull(json);
  }

  /**
   * A dry run's answer: {@code {"dryRun":true,"decision":{"allowed":…,"rule":…,"approval":…},
   * "request":{"method":…,"path":…,"body":…}}}; a denied one says why and shows no request.
   */
  static String dryRunJson(dev.actionlayer.internal.ResourceCalls.Preview p) {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("allowed", p.decision().allowed());
    decision.put("rule", p.decision().rule());
    decision.put("approval", p.decision().approval());
    if (p.denial() != null) {
      decision.put("code", p.denial().code().name());
      decision.put("message", p.denial().message());
      if (!p.denial().fieldErrors().isEmpty()) decision.put("fieldErrors", p.denial().fieldErrors());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    out.put("decision", decision);
    if (p.request() != null) out.put("request", p.request());
    if (p.note() != null) out.put("note", p.note());
    out.put("hint", p.denial() != null
        ? "Nothing was sent. This call would be refused; see decision.message."
        : "Nothing was sent. Repeat the call without dryRun to do it"
            + ("required".equals(p.decision().approval()) ? " (a person must approve it first)." : "."));
    return Json.write(out);
  }

  static String errorJson(ActionError e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code().name());
    error.put("retryable", e.retryable());
    e.retryAfter().ifPresent(d -> error.put("retryAfterSeconds", Math.max(1, (d.toMillis() + 999) / 1000)));
    e.approvalId().ifPresent(id -> error.put("approvalId", id));
    if (!e.fieldErrors().isEmpty()) error.put("fieldErrors", e.fieldErrors());
    error.put("message", e.message());
    error.put("hint", hint(e));
    if (e.vendor() != null && !e.vendor().isEmpty()) error.put("vendor", e.vendor());
    if (e.traceId() != null && !e.traceId().isEmpty()) error.put("traceId", e.traceId());
    return Json.write(Map.of("error", error));
  }

  static String hint(ActionError e) {
    return switch (e.code()) {
      case INVALID_REQUEST -> e.fieldErrors().isEmpty()
          ? "The vendor refused the request as invalid; read the message, change the arguments, then call again."
          : "Fix the arguments named in fieldErrors, then call again.";
      case UNAUTHENTICATED -> "The connection's credentials were refused; retrying will not help."
          + " Tell the user the connection needs to be re-authorized.";
      case PERMISSION_DENIED -> e.message().startsWith("policy: ")
          ? "Your policy does not allow this call; retrying will not help. Do something it allows"
              + (e.fieldErrors().isEmpty() ? "" : " (see fieldErrors)") + ", or tell the user."
          : "The connection may not do this; retrying will not help. Tell the user.";
      case APPROVAL_REQUIRED -> "A person must approve this call first (approvalId). Tell the user"
          + " what you want to do and the approvalId; once they approved it, repeat exactly the same"
          + " call with the same arguments.";
      case NOT_FOUND -> "No record has this id (or it is not visible). Check the id; for a delete,"
          + " the record is already gone.";
      case CONFLICT -> "The vendor refused it as a conflict (a duplicate, say). Look the existing"
          + " record up instead of creating it again.";
      case RATE_LIMITED -> "Too many requests. Wait retryAfterSeconds, then call again with the same arguments.";
      case QUOTA_EXHAUSTED -> (e.message().startsWith("policy: ") ? "Your quota for this is spent; do not retry soon"
          : "The vendor's allowance is spent; do not retry soon")
          + (e.retryAfter().isPresent() ? " (not before retryAfterSeconds)." : ". Tell the user.");
      case OUTCOME_UNKNOWN -> "The record may or may not have been created. Do not create it again"
          + " without the same idempotencyKey; look for it first, or tell the user.";
      case UNSUPPORTED -> "This connection cannot do that; choose another connection.";
      case INTERNAL -> "Something failed inside the tool; retrying will not help. Give the traceId"
          + " to a developer.";
      default -> e.retryable()
          ? "A temporary failure. Wait " + (e.retryAfter().isPresent() ? "retryAfterSeconds" : "a few seconds")
              + ", then call again with the same arguments (and the same idempotencyKey for a create)."
          : "The vendor is failing; retrying now will not help. Try again later or tell the user.";
    };
  }

  static String clip(String s) {
    if (s == null) return "null";
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
