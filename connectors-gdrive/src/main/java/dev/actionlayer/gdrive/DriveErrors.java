package dev.actionlayer.gdrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.util.Map;

/**
 * Maps Google Drive error answers to the taxonomy by meaning (vendor fact sheet, sections 3.2 to
 * 3.5 and 5): by {@code errors[].reason} first, then the envelope's {@code status}, then the HTTP
 * status. A 401 is always {@code UNAUTHENTICATED}, a 429 always {@code RATE_LIMITED}, and a 5xx
 * keeps its status's meaning. A body that is not Google's JSON envelope says nothing, so a 403
 * page is {@code PERMISSION_DENIED}, never guessed to be a rate limit.
 */
final class DriveErrors {
  static final String FILE_ID_IN_USE = "fileIdInUse";

  private static final Map<String, ErrorCode> REASONS = Map.ofEntries(
      Map.entry("userRateLimitExceeded", ErrorCode.RATE_LIMITED),
      Map.entry("rateLimitExceeded", ErrorCode.RATE_LIMITED),
      Map.entry("dailyLimitExceeded", ErrorCode.QUOTA_EXHAUSTED),
      Map.entry("dailyLimitExceededUnreg", ErrorCode.QUOTA_EXHAUSTED),
      Map.entry("quotaExceeded", ErrorCode.QUOTA_EXHAUSTED),
      Map.entry("storageQuotaExceeded", ErrorCode.QUOTA_EXHAUSTED),
      Map.entry("insufficientPermissions", ErrorCode.PERMISSION_DENIED),
      Map.entry("insufficientFilePermissions", ErrorCode.PERMISSION_DENIED),
      Map.entry("forbidden", ErrorCode.PERMISSION_DENIED),
      Map.entry("domainPolicy", ErrorCode.PERMISSION_DENIED),
      Map.entry("appNotAuthorizedToFile", ErrorCode.PERMISSION_DENIED),
      Map.entry("accessNotConfigured", ErrorCode.PERMISSION_DENIED),
      Map.entry("notFound", ErrorCode.NOT_FOUND),
      Map.entry("authError", ErrorCode.UNAUTHENTICATED),
      Map.entry("badRequest", ErrorCode.INVALID_REQUEST),
      Map.entry("invalid", ErrorCode.INVALID_REQUEST),
      Map.entry("required", ErrorCode.INVALID_REQUEST),
      Map.entry("invalidParameter", ErrorCode.INVALID_REQUEST),
      Map.entry("parseError", ErrorCode.INVALID_REQUEST),
      Map.entry("invalidSharingRequest", ErrorCode.INVALID_REQUEST),
      // files.update: parents sent in the body, a parent that is not a folder (both 403s that
      // are the request's fault), and a second parent, which Drive refuses as not permitted.
      Map.entry("fieldNotWritable", ErrorCode.INVALID_REQUEST),
      Map.entry("parentNotAFolder", ErrorCode.INVALID_REQUEST),
      Map.entry("cannotAddParent", ErrorCode.PERMISSION_DENIED),
      Map.entry(FILE_ID_IN_USE, ErrorCode.CONFLICT),
      Map.entry("duplicate", ErrorCode.CONFLICT),
      Map.entry("backendError", ErrorCode.UPSTREAM_ERROR),
      Map.entry("internalError", ErrorCode.UPSTREAM_ERROR));

  private static final Map<String, ErrorCode> STATUSES = Map.ofEntries(
      Map.entry("UNAUTHENTICATED", ErrorCode.UNAUTHENTICATED),
      Map.entry("PERMISSION_DENIED", ErrorCode.PERMISSION_DENIED),
      Map.entry("NOT_FOUND", ErrorCode.NOT_FOUND),
      Map.entry("RESOURCE_EXHAUSTED", ErrorCode.RATE_LIMITED),
      Map.entry("INVALID_ARGUMENT", ErrorCode.INVALID_REQUEST),
      Map.entry("FAILED_PRECONDITION", ErrorCode.INVALID_REQUEST),
      Map.entry("OUT_OF_RANGE", ErrorCode.INVALID_REQUEST),
      Map.entry("ALREADY_EXISTS", ErrorCode.CONFLICT),
      Map.entry("ABORTED", ErrorCode.CONFLICT));

  private DriveErrors() {}

  static ActionError map(VendorResponse response) {
    DriveErrorBody body = DriveErrorBody.parse(response);
    if (!body.isEnvelope()) return foreign(response, body);
    String reason = decisiveReason(body);
    ErrorCode code = code(response.status(), reason, body.status());
    ActionError.Builder b = HttpErrors.byStatus(response, code)
        .vendorCode(reason != null ? reason : body.status());
    String text = body.text();
    if (code == ErrorCode.UNAUTHENTICATED) {
      b.message("Google rejected the credentials" + (text == null ? "" : ": " + text));
    } else {
      b.message(text);
    }
    if (code == ErrorCode.INVALID_REQUEST) b.fieldErrors(DriveFieldErrors.of(body));
    return b.build();
  }

  /** The first reason the table knows, else the first reason given, else null. */
  private static String decisiveReason(DriveErrorBody body) {
    for (DriveErrorBody.Item item : body.items()) {
      if (item.reason() != null && REASONS.containsKey(item.reason())) return item.reason();
    }
    for (DriveErrorBody.Item item : body.items()) {
      if (item.reason() != null) return item.reason();
    }
    return null;
  }

  private static ErrorCode code(int status, String reason, String statusName) {
    if (status == 401) return ErrorCode.UNAUTHENTICATED;
    if (status == 429) return ErrorCode.RATE_LIMITED;
    // The status is the front end's verdict on a failed backend; a reason cannot soften it.
    if (status >= 500) return HttpErrors.codeFor(status);
    ErrorCode byReason = reason == null ? null : REASONS.get(reason);
    if (byReason != null) return byReason;
    ErrorCode byStatusName = statusName == null ? null : STATUSES.get(statusName);
    return byStatusName != null ? byStatusName : HttpErrors.codeFor(status);
  }

  /**
   * An HTML page, empty body or foreign JSON: the status's own meaning with a safe message. A 404
   * that is not Drive's JSON comes from a path Drive does not serve, never from a missing folder:
   * calling it NOT_FOUND would let a saga count a delete that never happened as done.
   */
  private static ActionError foreign(VendorResponse response, DriveErrorBody body) {
    String what = HttpErrors.describe(response)
        + (body.htmlTitle() == null ? "" : " (\"" + body.htmlTitle() + "\")");
    if (response.status() == 404) {
      return HttpErrors.foreignNotFound(response, "Google",
          "the connection's base URI (https://www.googleapis.com)" + (body.htmlTitle() == null ? ""
              : "; the page said \"" + body.htmlTitle() + "\"")).build();
    }
    if (response.status() == 401) {
      return HttpErrors.byStatus(response).message("Google rejected the credentials (" + what + ")").build();
    }
    return HttpErrors.byStatus(response).message("Google answered " + what).build();
  }
}
