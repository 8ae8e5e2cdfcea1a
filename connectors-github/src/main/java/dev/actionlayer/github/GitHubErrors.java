package dev.actionlayer.github;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps GitHub's {@code {"message", "documentation_url", "errors":[{resource, field, code}]}}
 * answers by meaning. A 403 or 429 is a rate limit when {@code x-ratelimit-remaining} is {@code 0}
 * (the primary limit: wait until {@code x-ratelimit-reset}) or the message names a secondary rate
 * limit (wait {@code retry-after}, else a minute, as GitHub asks); any other 403 is a permission.
 * A 422's per-field errors become field errors under canonical names. A 404 without GitHub's JSON
 * came from elsewhere. GraphQL answers its errors with 200: {@link #graphql} reads those.
 */
final class GitHubErrors {
  private static final Map<String, String> CANONICAL = Map.of("title", "title", "body", "description",
      "assignees", "assignee", "assignee", "assignee", "labels", "labels", "state", "status",
      "state_reason", "status", "repository", "project");
  private static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

  private GitHubErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    String message = Json.string(body, "message");
    if (status == 404 && message == null) {
      return HttpErrors.foreignNotFound(response, "GitHub", "the connection's base URI, normally "
          + GitHub.DEFAULT_BASE_URI).build();
    }
    ActionError.Builder b;
    if ((status == 403 || status == 429) && "0".equals(trim(response.header("x-ratelimit-remaining")))) {
      b = HttpErrors.byStatus(response, ErrorCode.RATE_LIMITED).retryable(true);
      if (HttpErrors.retryAfter(response).isEmpty()) {
        long reset = number(response.header("x-ratelimit-reset"));
        if (reset >= 0) b.retryAfter(HttpErrors.untilOrZero(response.receivedAt(), Instant.ofEpochSecond(reset)));
      }
    } else if ((status == 403 || status == 429) && message != null
        && message.toLowerCase(Locale.ROOT).contains("secondary rate limit")) {
      b = HttpErrors.byStatus(response, ErrorCode.RATE_LIMITED).retryable(true);
      if (HttpErrors.retryAfter(response).isEmpty()) b.retryAfter(SECONDARY_WAIT);
    } else {
      b = HttpErrors.byStatus(response);
    }
    if (message != null && !message.isBlank()) b.message("GitHub: " + message.strip());
    for (Object item : Json.array(body, "errors")) {
      if (!(item instanceof Map<?, ?> error)) continue;
      Object code = error.get("code");
      if (code instanceof String c && !c.isBlank()) b.vendorCode(c);
      if (status == 422 && error.get("field") instanceof String field) {
        Object detail = error.get("message");
        b.fieldError(CANONICAL.getOrDefault(field, field), detail instanceof String d ? d : String.valueOf(code));
      }
    }
    return b.build();
  }

  /**
   * The failure a GraphQL answer reports in its {@code errors} array ({@code type} NOT_FOUND,
   * FORBIDDEN, RATE_LIMITED…), or null when it reports none.
   */
  static ActionError graphql(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) {
      return ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false).httpStatus(response.status())
          .message("GitHub's GraphQL answer could not be read (" + HttpErrors.describe(response) + ")").build();
    }
    List<?> errors = Json.array(body, "errors");
    if (errors.isEmpty()) return null;
    Map<?, ?> first = errors.get(0) instanceof Map<?, ?> m ? m : Map.of();
    String type = first.get("type") instanceof String t ? t : "";
    ErrorCode code = switch (type) {
      case "NOT_FOUND" -> ErrorCode.NOT_FOUND;
      case "FORBIDDEN" -> ErrorCode.PERMISSION_DENIED;
      case "RATE_LIMITED" -> ErrorCode.RATE_LIMITED;
      case "INTERNAL" -> ErrorCode.UPSTREAM_ERROR;
      default -> ErrorCode.INVALID_REQUEST;
    };
    ActionError.Builder b = ActionError.builder(code).httpStatus(response.status())
        .retryable(code == ErrorCode.RATE_LIMITED || code == ErrorCode.UPSTREAM_ERROR);
    if (!type.isEmpty()) b.vendorCode(type);
    if (first.get("message") instanceof String text && !text.isBlank()) b.message("GitHub: " + text.strip());
    else b.message("GitHub's GraphQL API refused the request (" + (type.isEmpty() ? "no type" : type) + ")");
    if (code == ErrorCode.RATE_LIMITED) {
      long reset = number(response.header("x-ratelimit-reset"));
      if (reset >= 0) b.retryAfter(HttpErrors.untilOrZero(response.receivedAt(), Instant.ofEpochSecond(reset)));
    }
    return b.build();
  }

  /** A non-negative header number, or -1 when absent or not a number. */
  static long number(String value) {
    String v = trim(value);
    return v == null || !v.matches("\\d{1,15}") ? -1 : Long.parseLong(v);
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
