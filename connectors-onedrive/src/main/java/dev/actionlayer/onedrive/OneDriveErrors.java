package dev.actionlayer.onedrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.Map;

/**
 * Maps Graph's {@code {"error":{"code","message","innerError":{"code"?,"request-id","date"}}}} to
 * the taxonomy by meaning. The status decides, as {@link HttpErrors#byStatus} says, except: a full
 * drive ({@code quotaLimitReached}, 507) is a quota; 509 (bandwidth) is a rate limit; a 404 without
 * Graph's JSON came from somewhere else. The most specific code Graph nests in {@code innerError}
 * (such as {@code invalidPath}) decides the field error; the top-level code is the vendor code.
 */
final class OneDriveErrors {
  private OneDriveErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> error = Json.object(Json.objectOrNull(response.bodyString()), "error");
    int status = response.status();
    if (status == 404 && error == null) {
      return HttpErrors.foreignNotFound(response, "Microsoft Graph",
          "the connection's base URI, normally " + OneDrive.DEFAULT_BASE_URI).build();
    }
    String code = Json.string(error, "code");
    ActionError.Builder b;
    if (status == 507 || "quotaLimitReached".equals(code)) {
      b = HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED).retryable(false);
    } else if (status == 509) {
      b = HttpErrors.byStatus(response, ErrorCode.RATE_LIMITED).retryable(true);
    } else {
      b = HttpErrors.byStatus(response);
    }
    String message = Json.string(error, "message");
    if (message != null && !message.isBlank()) b.message("OneDrive: " + message.strip());
    if (code != null) b.vendorCode(code);
    String detail = code;
    Map<String, Object> inner = Json.object(error, "innerError") != null ? Json.object(error, "innerError")
        : Json.object(error, "innererror");
    for (int depth = 0; inner != null && depth < 8; depth++) {
      if (Json.string(inner, "request-id") != null) b.vendorRequestId(Json.string(inner, "request-id"));
      if (Json.string(inner, "code") != null) detail = Json.string(inner, "code");
      inner = Json.object(inner, "innererror");
    }
    if ("nameAlreadyExists".equals(detail) || "invalidPath".equals(detail)) {
      b.fieldError("name", message == null ? detail : message);
    }
    return b.build();
  }
}
