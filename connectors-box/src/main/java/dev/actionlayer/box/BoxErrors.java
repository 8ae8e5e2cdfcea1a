package dev.actionlayer.box;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.Map;

/**
 * Maps Box's client errors ({@code {"type":"error","status","code","message","context_info",
 * "help_url","request_id"}}) to the taxonomy by meaning. The status decides, as {@link
 * HttpErrors#byStatus} says, except: a spent storage allowance (403) is a quota; a folder that is
 * not empty (400) and a cycle are the folder's state, not bad input; a name Box reserves for a
 * duplicate request still in flight, or a folder locked by another operation (409), is worth
 * retrying; a 404 without Box's JSON came from somewhere else.
 */
final class BoxErrors {
  private BoxErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    boolean boxError = body != null && "error".equals(Json.string(body, "type"));
    if (status == 404 && !boxError) {
      return HttpErrors.foreignNotFound(response, "Box", "the connection's base URI, normally " + Box.DEFAULT_BASE_URI)
          .build();
    }
    String code = Json.string(body, "code");
    ActionError.Builder b = code == null ? HttpErrors.byStatus(response) : switch (code) {
      case "storage_limit_exceeded" -> HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED).retryable(false);
      case "folder_not_empty" -> HttpErrors.byStatus(response, ErrorCode.CONFLICT).retryable(false);
      case "name_temporarily_reserved", "operation_blocked_temporary" ->
          HttpErrors.byStatus(response, ErrorCode.CONFLICT).retryable(true);
      default -> HttpErrors.byStatus(response);
    };
    String message = Json.string(body, "message");
    if (message != null && !message.isBlank()) b.message("Box: " + message.strip());
    if (code != null) b.vendorCode(code);
    String requestId = Json.string(body, "request_id");
    if (requestId != null) b.vendorRequestId(requestId);
    if (code != null) {
      switch (code) {
        case "item_name_invalid", "item_name_too_long", "item_name_in_use" ->
            b.fieldError("name", message == null ? code : message);
        case "cyclical_folder_structure" -> b.fieldError("parentId", message == null ? code : message);
        default -> { }
      }
    }
    return b.build();
  }
}
