package dev.actionlayer.salesforce;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps Salesforce error responses to the taxonomy by meaning (vendor fact sheet, sections 2.2 to
 * 2.5 and 5): by {@code errorCode} first, then by status. Messages hold Salesforce's own
 * explanations, never a page; the pipeline caps them.
 */
final class SalesforceErrors {
  private static final int MAX_MATCHES = 10;

  private SalesforceErrors() {}

  static ActionError map(VendorResponse response) {
    if (response.status() == 300) return multipleMatches(response);
    SalesforceErrorBody body = SalesforceErrorBody.parse(response);
    if (body.isHtml()) return htmlPage(response);
    SalesforceErrorBody.Error first = body.first();
    if (first == null) return withoutErrorBody(response);
    ErrorCode code = codeFor(first);
    ActionError.Builder b = code == null ? HttpErrors.byStatus(response) : HttpErrors.byStatus(response, code);
    return b.vendorCode(first.code()).message(message(code, first, body))
        .fieldErrors(body.fieldErrors()).build();
  }

  /** The meaning of an error code; null when only the status can tell. */
  static ErrorCode codeFor(SalesforceErrorBody.Error error) {
    String code = error.code();
    switch (code) {
      case "REQUEST_LIMIT_EXCEEDED":
        // One code for two limits: the org's rolling 24-hour total, and the concurrency limiter
        // for long requests, which frees up in seconds.
        return isConcurrencyLimit(error) ? ErrorCode.RATE_LIMITED : ErrorCode.QUOTA_EXHAUSTED;
      case "INVALID_SESSION_ID":
        return isSessionUnfitForApi(error) ? ErrorCode.PERMISSION_DENIED : ErrorCode.UNAUTHENTICATED;
      case "INVALID_AUTH_HEADER":
      case "invalid_grant":
        return ErrorCode.UNAUTHENTICATED;
      case "DUPLICATES_DETECTED":
      case "DUPLICATE_VALUE":
        return ErrorCode.CONFLICT;
      case "ENTITY_IS_DELETED":
      case "NOT_FOUND":
        return ErrorCode.NOT_FOUND;
      case "REQUIRED_FIELD_MISSING":
      case "INVALID_FIELD":
      case "FIELD_CUSTOM_VALIDATION_EXCEPTION":
      case "STRING_TOO_LONG":
      case "MALFORMED_ID":
      case "INVALID_EMAIL_ADDRESS":
      case "INVALID_CROSS_REFERENCE_KEY":
      case "FIELD_INTEGRITY_EXCEPTION":
      case "INVALID_FIELD_FOR_INSERT_UPDATE":
      case "INVALID_TYPE_ON_FIELD_IN_RECORD":
      case "JSON_PARSER_ERROR":
      case "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST":
      case "MALFORMED_QUERY":
      case "INVALID_QUERY_FILTER_OPERATOR":
        return ErrorCode.INVALID_REQUEST;
      case "API_DISABLED_FOR_ORG":
      case "API_CURRENTLY_DISABLED":
        return ErrorCode.PERMISSION_DENIED;
      case "SERVER_UNAVAILABLE":
        return ErrorCode.UNAVAILABLE;
      default:
        return code.startsWith("INSUFFICIENT_ACCESS") ? ErrorCode.PERMISSION_DENIED : null;
    }
  }

  private static boolean isConcurrencyLimit(SalesforceErrorBody.Error error) {
    return error.message().toLowerCase(Locale.ROOT).contains("concurrent");
  }

  /**
   * jsforce's list of INVALID_SESSION_ID messages that a new token would not cure: the token is
   * valid but may not be used here, so refreshing it would only repeat the failure.
   */
  private static boolean isSessionUnfitForApi(SalesforceErrorBody.Error error) {
    String m = error.message().toLowerCase(Locale.ROOT);
    return m.contains("not valid for use with the rest api") || m.contains("not attached to agent");
  }

  private static String message(ErrorCode code, SalesforceErrorBody.Error first, SalesforceErrorBody body) {
    String text = body.text();
    String said = text == null ? first.code() : text;
    if (code == null) return text;
    switch (code) {
      case UNAUTHENTICATED:
        return "Salesforce rejected the access token: " + said;
      case QUOTA_EXHAUSTED:
        return "the org's API request limit for the last 24 hours is spent: " + said;
      case RATE_LIMITED:
        return "the org's limit on concurrent long-running requests is reached: " + said;
      case PERMISSION_DENIED:
        return first.code().equals("INVALID_SESSION_ID")
            ? "the access token may not be used with the REST API (a new token will not help): " + said
            : said;
      case CONFLICT:
        return first.duplicateIds().isEmpty() ? said
            : said + " (matching records: " + String.join(", ", first.duplicateIds()) + ")";
      default:
        return text;
    }
  }

  private static ActionError withoutErrorBody(VendorResponse response) {
    switch (response.status()) {
      case 401:
        return HttpErrors.byStatus(response)
            .message("Salesforce rejected the access token (" + HttpErrors.describe(response) + ")").build();
      case 404:
        // Salesforce's REST API answers a missing record with its JSON error array; anything else
        // came from elsewhere, and "already deleted" would be a dangerous guess.
        return HttpErrors.foreignNotFound(response, "Salesforce",
            "the connection's instance URL and API version").build();
      default:
        return HttpErrors.byStatus(response).build();
    }
  }

  /**
   * An HTML page instead of the API's JSON: jsforce's reading is that the org does not exist or
   * cannot be reached (a deleted org, a wrong My Domain). 5xx and 429 pages keep their status's
   * meaning, since a struggling front end sends those too.
   */
  private static ActionError htmlPage(VendorResponse response) {
    String hint = "check that the org exists and can be reached at the connection's instance URL"
        + " (https://MyDomainName.my.salesforce.com)";
    int status = response.status();
    if (status >= 500 || status == 429) {
      return HttpErrors.byStatus(response).message(HttpErrors.describe(response) + "; " + hint).build();
    }
    return HttpErrors.byStatus(response, ErrorCode.UPSTREAM_ERROR).retryable(false)
        .message("Salesforce answered " + HttpErrors.describe(response) + " instead of a REST API error: "
            + hint).build();
  }

  /** 300: the external id of an upsert or lookup matches several records; the body lists their URLs. */
  private static ActionError multipleMatches(VendorResponse response) {
    List<String> ids = new ArrayList<>();
    List<?> urls = response.isTruncated() ? null : Json.arrayOrNull(response.bodyString());
    for (Object url : urls == null ? List.of() : urls) {
      if (!(url instanceof String)) continue;
      String id = ((String) url).substring(((String) url).lastIndexOf('/') + 1);
      if (SalesforceIds.isRecordId(id) && ids.size() < MAX_MATCHES) ids.add(id);
    }
    return HttpErrors.byStatus(response, ErrorCode.CONFLICT).retryable(false)
        .message("the external id matches several Salesforce records"
            + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")")
            + "; the external-id field must be unique for creates to be repeatable").build();
  }
}
