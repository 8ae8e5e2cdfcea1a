package dev.actionlayer.gitlab;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps GitLab's answers by meaning: {@code {"message":"401 Unauthorized"}}, a validation
 * {@code {"message":{"<attribute>":["<problem>"]}}} or {@code {"message":"400 (Bad request)
 * \"title\" not given"}}, Grape's and OAuth's {@code {"error":…}}, and the rate limiter's plain
 * {@code Retry later} with {@code Retry-After} and {@code RateLimit-Reset}. A 404 without GitLab's
 * JSON came from elsewhere (a base URI without {@code /api/v4}).
 */
final class GitLabErrors {
  private static final Map<String, String> CANONICAL = Map.of("title", "title", "description", "description",
      "assignee_ids", "assignee", "assignee_id", "assignee", "due_date", "dueDate", "labels", "labels",
      "state_event", "status", "id", "project");
  private static final Pattern NOT_GIVEN = Pattern.compile(".*\"([a-z_]{1,64})\" (.+)");
  private static final Pattern MISSING = Pattern.compile("([a-z_]{1,64}) (is missing|is invalid|does not have a valid value.*)");

  private GitLabErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    Object message = body == null ? null : body.get("message");
    String error = Json.string(body, "error");
    if (status == 404 && message == null && error == null) {
      return HttpErrors.foreignNotFound(response, "GitLab", "the connection's base URI, normally "
          + GitLab.DEFAULT_BASE_URI).build();
    }
    ActionError.Builder b = HttpErrors.byStatus(response);
    if (status == 429 && HttpErrors.retryAfter(response).isEmpty()) {
      long reset = number(response.header("RateLimit-Reset"));
      if (reset >= 0) b.retryAfter(HttpErrors.untilOrZero(response.receivedAt(), Instant.ofEpochSecond(reset)));
    }
    if (message instanceof String text && !text.isBlank()) {
      b.message("GitLab: " + text.strip());
      Matcher m = NOT_GIVEN.matcher(text);
      if (status == 400 && m.matches()) b.fieldError(canonical(m.group(1)), m.group(2));
    } else if (message instanceof Map<?, ?> fields) {
      StringBuilder all = new StringBuilder("GitLab:");
      for (Map.Entry<?, ?> e : fields.entrySet()) {
        String problems = e.getValue() instanceof List<?> list ? join(list) : String.valueOf(e.getValue());
        if (e.getKey().equals("error")) {
          all.append(' ').append(problems);
        } else {
          b.fieldError(canonical(String.valueOf(e.getKey())), problems);
          all.append(' ').append(e.getKey()).append(' ').append(problems).append(';');
        }
      }
      b.message(all.toString());
    } else if (error != null && !error.isBlank()) {
      String description = Json.string(body, "error_description");
      b.message("GitLab: " + (description != null ? description : error));
      if (error.matches("[a-z_]{1,64}")) b.vendorCode(error);
      Matcher m = MISSING.matcher(error);
      if (m.matches()) b.fieldError(canonical(m.group(1)), m.group(2));
    }
    return b.build();
  }

  /** A non-negative header number, or -1 when absent or not a number. */
  static long number(String value) {
    String v = value == null ? null : value.trim();
    return v == null || !v.matches("\\d{1,15}") ? -1 : Long.parseLong(v);
  }

  private static String canonical(String field) {
    return CANONICAL.getOrDefault(field, field);
  }

  private static String join(List<?> list) {
    StringBuilder s = new StringBuilder();
    for (Object o : list) s.append(s.length() == 0 ? "" : ", ").append(o);
    return s.toString();
  }
}
