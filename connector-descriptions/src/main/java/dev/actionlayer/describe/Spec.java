package dev.actionlayer.describe;

import dev.actionlayer.ErrorCode;
import dev.actionlayer.TaskStatus;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated description, as {@link Reader} builds it: immutable data, nothing vendor-specific in code. */
final class Spec {
  private Spec() {}

  /** The whole description. */
  record Vendor(String vendor, String name, URI baseUri, String auth, Map<String, Option> options,
      String requestIdHeader, Usage usage, Errors errors, Map<String, Res> resources) {}

  /** A configuration value ({@code {config.<name>}}), checked against {@code pattern} when the connector is made. */
  record Option(String name, Pattern pattern, String describe, String defaultValue) {}

  /** Allowance headers: {@code used = limit - remaining} (or {@code used}); {@code reset} when a 429 has no Retry-After. */
  record Usage(String remaining, String used, String limit, String reset, String resetIn) {}

  record Errors(Pointer recognizedBy, Pointer message, String messagePrefix, Pointer vendorCode,
      Pointer requestId, Pointer retryAfter, FieldErrors fieldErrors, Map<Integer, Rule> byStatus,
      List<Rule> byBody) {}

  /**
   * Where per-field problems are: each message matching {@code pattern} (group 1 the field, 2 the
   * problem), or one {@code field} pointer with its {@code problem} pointer, or an object {@code map}
   * of field to problem; {@code names} turns vendor names into canonical ones.
   */
  record FieldErrors(Pointer messages, Pattern pattern, Pointer field, Pointer problem, Pointer map,
      Set<Integer> statuses, Map<String, String> names) {}

  /** A refinement: for a status ({@code byStatus}) or a body value ({@code pointer} equals {@code equals}). */
  record Rule(Pointer pointer, String equals, Set<Integer> statuses, ErrorCode code, Boolean retryable,
      String message) {}

  /** One resource (tasks, contacts or folders). */
  record Res(Kind kind, Pattern idShape, String idMessage, Pointer record, Map<String, Pointer> fields,
      String urlTemplate, Status status, Request create, Request find, Request get, Request update,
      Map<TaskStatus, Request> statusRequests, Request delete, Request list) {}

  /** The vendor's status field and its mapping both ways. */
  record Status(Pointer field, Map<String, TaskStatus> toCanonical, Map<TaskStatus, Object> fromCanonical) {}

  /**
   * One request: method, path segments (literal or one placeholder each), query (name → template),
   * a JSON body template or null; for a create, the idempotency header and its length limit; for a
   * list or find, where the items are, and the cursor ({@code cursorFrom} a body pointer or
   * {@code "offset"}); for a find, the pointer that must hold the key.
   */
  record Request(String method, List<String> path, List<Map.Entry<String, String>> query, Object body,
      String idempotencyHeader, int keyMaxLength, Pointer items, Pointer cursor, boolean offsetCursor,
      Pointer match) {}
}
