package dev.actionlayer.jira;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.time.Duration;

/**
 * Maps Jira error responses to the taxonomy by meaning (vendor fact sheet, sections 1.3 to 1.6
 * and 5). Starts from {@link HttpErrors#byStatus} and refines it from Jira's body and headers;
 * messages hold Jira's own explanations, never a page or a header that could carry a secret. The
 * pipeline caps them, and fills and checks the request id from {@link #REQUEST_ID_HEADER}.
 */
final class JiraErrors {
  static final String REQUEST_ID_HEADER = "X-AREQUESTID";

  private JiraErrors() {}

  static ActionError map(VendorResponse response) {
    ActionError base = HttpErrors.byStatus(response).build();
    JiraErrorBody body = JiraErrorBody.parse(response);
    ActionError.Builder b;
    switch (response.status()) {
      case 401:
        b = base.toBuilder().message("Jira rejected the credentials"
            + (body.text() == null ? " (" + HttpErrors.describe(response) + ")" : ": " + body.text()));
        break;
      case 404:
        b = body.isJiraJson() ? base.toBuilder().message(body.text()) : wrongPath(response);
        break;
      case 429:
      case 503:
        b = rateLimited(base, response, body);
        break;
      default:
        b = base.toBuilder().message(body.text());
    }
    return b.fieldErrors(body.fieldErrors()).build();
  }

  /**
   * Jira's REST API answers a missing issue with JSON; an HTML (or otherwise foreign) 404 means the
   * request reached the wrong place. That is not "already deleted", and repeating will not help.
   */
  private static ActionError.Builder wrongPath(VendorResponse response) {
    return HttpErrors.foreignNotFound(response, "Jira", "the connection's base URI (the site, e.g."
        + " https://your-domain.atlassian.net, or https://api.atlassian.com/ex/jira/{cloudId})");
  }

  /**
   * A 429, or a 503 Jira sends when a resource limit is reached: the wait comes from {@code
   * Retry-After} (already parsed) or the reset time; a quota reason means waiting for the quota
   * window rather than retrying soon.
   */
  private static ActionError.Builder rateLimited(ActionError base, VendorResponse response,
      JiraErrorBody body) {
    String reason = JiraRateLimits.reason(response);
    Duration wait = base.retryAfter().orElseGet(() -> JiraRateLimits.untilReset(response));
    ActionError.Builder b;
    if (JiraRateLimits.isQuota(reason)) {
      b = HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED).retryable(false)
          .message("Jira's rate-limit quota is spent (" + reason + ")"
              + (body.text() == null ? "" : ": " + body.text()));
    } else if (response.status() == 429) {
      b = base.toBuilder().message(body.text() != null ? body.text()
          : "Jira rate-limited the request (" + HttpErrors.describe(response) + ")");
    } else {
      b = base.toBuilder().message(body.text());
    }
    return b.retryAfter(wait).vendorCode(reason);
  }

}
