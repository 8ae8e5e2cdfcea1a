package dev.actionlayer.dropbox;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Maps Dropbox's answers to the taxonomy by meaning. A 409 is Dropbox's "endpoint-specific error",
 * {@code {"error_summary":"path/not_found/..","error":{".tag":…}}}: its summary decides (not found,
 * a conflict, a full account, a name or path Dropbox refuses, an expired cursor, too many writes).
 * A 400 is a plain-text message; one that names a missing scope is a permission the app lacks, as is
 * a 401 {@code missing_scope}. A 429 waits for {@code Retry-After}, or the body's {@code
 * retry_after}. Dropbox never answers a missing item with 404: a 404 is a wrong base URI.
 */
final class DropboxErrors {
  private DropboxErrors() {}

  static ActionError map(VendorResponse response) {
    int status = response.status();
    if (status == 404) {
      return HttpErrors.foreignNotFound(response, "Dropbox", "the connection's base URI, normally " + Dropbox.DEFAULT_BASE_URI)
          .build();
    }
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    String summary = Json.string(body, "error_summary");
    if (status == 400 && body == null && response.hasBody() && !response.isHtml()) {
      String text = response.bodyString().strip();
      ActionError.Builder b = text.contains("required scope")
          ? HttpErrors.byStatus(response, ErrorCode.PERMISSION_DENIED) : HttpErrors.byStatus(response);
      return b.message("Dropbox: " + text).build();
    }
    String tag = Json.string(Json.object(body, "error"), ".tag");
    String s = summary == null ? "" : summary;
    ActionError.Builder b;
    String field = null;
    if (status == 401 && "missing_scope".equals(tag)) {
      b = HttpErrors.byStatus(response, ErrorCode.PERMISSION_DENIED);
    } else if (status == 429 || s.contains("too_many_write_operations") || s.contains("too_many_requests")) {
      b = HttpErrors.byStatus(response, ErrorCode.RATE_LIMITED).retryable(true);
      if (HttpErrors.retryAfter(response).isEmpty() && Json.object(body, "error") != null
          && Json.object(body, "error").get("retry_after") instanceof Number n && n.doubleValue() >= 0) {
        b.retryAfter(Duration.ofSeconds(n.longValue())); // a negative wait means none (found by fuzzing)
      }
    } else if (status != 409) {
      b = HttpErrors.byStatus(response);
    } else if (s.contains("not_found")) {
      b = HttpErrors.byStatus(response, ErrorCode.NOT_FOUND);
    } else if (s.contains("insufficient_space")) {
      b = HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED).retryable(false);
    } else if (s.contains("no_write_permission") || s.contains("team_folder")) {
      b = HttpErrors.byStatus(response, ErrorCode.PERMISSION_DENIED);
    } else if (s.contains("disallowed_name") || s.contains("malformed_path")) {
      b = HttpErrors.byStatus(response, ErrorCode.INVALID_REQUEST);
      field = "name";
    } else if (s.startsWith("reset")) {
      b = HttpErrors.byStatus(response, ErrorCode.INVALID_REQUEST).message("Dropbox: the cursor expired; list again from the start");
      field = "cursor";
    } else if (s.contains("not_folder") || s.contains("cant_move_folder_into_itself") || s.contains("cant_nest_shared_folder")) {
      b = HttpErrors.byStatus(response, ErrorCode.INVALID_REQUEST);
      field = "parentId";
    } else {
      b = HttpErrors.byStatus(response, ErrorCode.CONFLICT);
      if (s.contains("conflict")) field = "name";
    }
    // "path/not_found/.." -> "path/not_found": the summary without Dropbox's trailing dots.
    String code = s.replaceAll("[/.]+$", "");
    if (!code.isEmpty()) {
      b.vendorCode(code);
      if (!s.startsWith("reset")) b.message("Dropbox: " + code);
      if (field != null) b.fieldError(field, code);
    }
    Map<String, Object> userMessage = Json.object(body, "user_message");
    if (Json.string(userMessage, "text") != null) b.message("Dropbox: " + Json.string(userMessage, "text"));
    return b.build();
  }
}
