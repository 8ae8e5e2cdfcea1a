package dev.actionlayer.linear;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Linear's GraphQL errors by meaning, whatever the HTTP status they came with (200, 400 or
 * another): {@code errors[0].extensions.code} ({@code RATELIMITED}, {@code AUTHENTICATION_ERROR},
 * {@code FORBIDDEN}, {@code INPUT_ERROR}…) or its {@code type} ({@code "ratelimited"},
 * {@code "authentication error"}, {@code "feature not accessible"}, {@code "usage limit exceeded"},
 * {@code "lock timeout"}…, the names Linear's SDK reads). The message is the error's
 * {@code userPresentableMessage}, else its {@code message}; class-validator's
 * {@code validationErrors} become field errors. A rate limit waits {@code Retry-After}, else until
 * {@code X-RateLimit-Requests-Reset} (epoch milliseconds).
 */
final class LinearErrors {
  private static final Map<String, String> CANONICAL = Map.of("title", "title", "description", "description",
      "teamId", "project", "assigneeId", "assignee", "dueDate", "dueDate", "labelIds", "labels", "stateId", "status");

  private LinearErrors() {}

  /** A non-2xx answer. */
  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    ActionError error = body == null ? null : fromBody(response, body);
    if (error != null) return error;
    if (response.status() == 404) {
      return HttpErrors.foreignNotFound(response, "Linear", "the connection's base URI, normally " + Linear.DEFAULT_BASE_URI).build();
    }
    return HttpErrors.byStatus(response).build();
  }

  /** What the body's {@code errors} array means, or null when it has none (any status). */
  static ActionError fromBody(VendorResponse response, Map<String, Object> body) {
    List<?> errors = Json.array(body, "errors");
    if (errors.isEmpty() || !(errors.get(0) instanceof Map<?, ?> first)) return null;
    Map<?, ?> extensions = first.get("extensions") instanceof Map<?, ?> e ? e : Map.of();
    String code = extensions.get("code") instanceof String c ? c : "";
    String type = extensions.get("type") instanceof String t ? t.toLowerCase(Locale.ROOT) : "";
    String message = first.get("message") instanceof String m ? m : "";
    ErrorCode meaning = meaning(code, type, message, response.status());
    ActionError.Builder b = HttpErrors.byStatus(response, meaning);
    if (meaning == ErrorCode.UNAVAILABLE || meaning == ErrorCode.RATE_LIMITED) b.retryable(true);
    if (meaning == ErrorCode.RATE_LIMITED && HttpErrors.retryAfter(response).isEmpty()) {
      long resetMillis = number(response.header("X-RateLimit-Requests-Reset"));
      if (resetMillis >= 0) b.retryAfter(HttpErrors.untilOrZero(response.receivedAt(), Instant.ofEpochMilli(resetMillis)));
    }
    Object presentable = extensions.get("userPresentableMessage");
    String text = presentable instanceof String p && !p.isBlank() ? p : message;
    if (!text.isBlank()) b.message("Linear: " + text.strip());
    if (!code.isEmpty()) b.vendorCode(code);
    for (Object item : extensions.get("validationErrors") instanceof List<?> list ? list : List.of()) {
      if (item instanceof Map<?, ?> v && v.get("property") instanceof String property) {
        Object constraints = v.get("constraints");
        String problem = constraints instanceof Map<?, ?> c && !c.isEmpty() ? String.valueOf(c.values().iterator().next()) : "is invalid";
        b.fieldError(CANONICAL.getOrDefault(property, property), problem);
      }
    }
    return b.build();
  }

  private static ErrorCode meaning(String code, String type, String message, int status) {
    if (code.equals("RATELIMITED") || type.equals("ratelimited")) return ErrorCode.RATE_LIMITED;
    if (code.equals("AUTHENTICATION_ERROR") || type.equals("authentication error")) return ErrorCode.UNAUTHENTICATED;
    if (code.equals("FORBIDDEN") || type.equals("forbidden") || type.equals("feature not accessible")) {
      return ErrorCode.PERMISSION_DENIED;
    }
    if (type.equals("usage limit exceeded")) return ErrorCode.QUOTA_EXHAUSTED;
    if (type.equals("lock timeout")) return ErrorCode.UNAVAILABLE;
    if (message.startsWith("Entity not found")) return ErrorCode.NOT_FOUND;
    if (code.equals("INTERNAL_SERVER_ERROR") || type.equals("internal error")) return ErrorCode.UPSTREAM_ERROR;
    if (code.equals("INPUT_ERROR") || code.equals("INVALID_INPUT") || code.equals("GRAPHQL_VALIDATION_FAILED")
        || code.equals("BAD_USER_INPUT") || type.equals("invalid input") || type.equals("user error")
        || type.equals("graphql error")) {
      return ErrorCode.INVALID_REQUEST;
    }
    return status >= 200 && status < 300 ? ErrorCode.UPSTREAM_ERROR : HttpErrors.codeFor(status);
  }

  /** A non-negative header number, or -1 when absent or not a number. */
  static long number(String value) {
    String v = value == null ? null : value.trim();
    return v == null || !v.matches("\\d{1,15}") ? -1 : Long.parseLong(v);
  }
}
