package dev.actionlayer.pipedrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Pipedrive's {@code {"success":false,"error","error_info","code"?}} answers by meaning: a
 * 402 or a 403 feature cap (a plan limit) is a permission the account lacks; a 429 waits for
 * {@code Retry-After}, else the window's {@code x-ratelimit-reset}; a 400 naming a field
 * ({@code "Validation failed: emails: …"}) becomes a field error under the canonical name.
 */
final class PipedriveErrors {
  private static final Pattern FIELD = Pattern.compile("(?:Validation failed: )?([a-z_]{1,64})(?:\\[\\d+])?(?:\\.[a-z_]+)?: (.+)", Pattern.DOTALL);
  private static final Map<String, String> CANONICAL = Map.of(
      "name", "lastName", "emails", "email", "email", "email", "phones", "phone", "phone", "phone", "org_id", "company");

  private PipedriveErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    boolean pipedrive = body != null && Boolean.FALSE.equals(body.get("success"));
    if (status == 404 && !pipedrive) {
      return HttpErrors.foreignNotFound(response, "Pipedrive", "the connection's base URI, normally " + Pipedrive.DEFAULT_BASE_URI).build();
    }
    ActionError.Builder b = status == 402 ? HttpErrors.byStatus(response, ErrorCode.PERMISSION_DENIED) : HttpErrors.byStatus(response);
    if (status == 429 && response.header("Retry-After") == null) {
      try {
        b.retryAfter(Duration.ofSeconds(Long.parseLong(response.header("x-ratelimit-reset").trim())));
      } catch (RuntimeException e) {
        // no reset header: the pipeline's backoff decides
      }
    }
    if (!pipedrive) return b.build();
    String error = Json.string(body, "error");
    if (error != null && !error.isBlank()) b.message("Pipedrive: " + error.strip());
    Object code = body.get("code") != null ? body.get("code") : body.get("errorCode");
    if (code instanceof String text) b.vendorCode(text);
    else if (code instanceof Number n) b.vendorCode(String.valueOf(n.intValue()));
    if (status == 400 && error != null) {
      Matcher m = FIELD.matcher(error.strip());
      if (m.matches()) b.fieldError(CANONICAL.getOrDefault(m.group(1), m.group(1)), m.group(2));
    }
    return b.build();
  }
}
