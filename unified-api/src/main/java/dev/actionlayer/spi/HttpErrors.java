package dev.actionlayer.spi;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The error-mapping helpers every connector starts from: the meaning of an HTTP status, and the
 * standard rate-limit signals. Connectors refine the result from the vendor's body; they never
 * parse {@code Retry-After} themselves.
 */
public final class HttpErrors {
  private HttpErrors() {}

  /**
   * A builder with the code, retryability, status and {@code Retry-After} implied by the status
   * alone, and a safe default message (never the body).
   */
  public static ActionError.Builder byStatus(VendorResponse response) {
    return byStatus(response, codeFor(response.status()));
  }

  /**
   * Like {@link #byStatus(VendorResponse)} but with the code the vendor's body means (a 429 that
   * is really a spent quota, a 404 page that is really a wrong base URI); retryability defaults
   * from {@code code}.
   */
  public static ActionError.Builder byStatus(VendorResponse response, ErrorCode code) {
    int status = response.status();
    ActionError.Builder b = ActionError.builder(code).httpStatus(status);
    if (status >= 300 && status < 400) {
      b.retryable(false).message("unexpected redirect (HTTP " + status + "); redirects are never followed");
    } else {
      b.message(describe(response));
    }
    retryAfter(response).ifPresent(b::retryAfter);
    return b;
  }

  /** The taxonomy code an HTTP status means when nothing else is known. */
  public static ErrorCode codeFor(int status) {
    switch (status) {
      case 400:
      case 405:
      case 413:
      case 414:
      case 415:
      case 422:
        return ErrorCode.INVALID_REQUEST;
      case 401:
        return ErrorCode.UNAUTHENTICATED;
      case 403:
      case 451: // unavailable for legal reasons (RFC 7725): no retry or fix on the caller's side
        return ErrorCode.PERMISSION_DENIED;
      case 404:
      case 410:
        return ErrorCode.NOT_FOUND;
      case 408:
        return ErrorCode.TIMEOUT;
      case 409:
      case 412:
        return ErrorCode.CONFLICT;
      case 429:
        return ErrorCode.RATE_LIMITED;
      case 502:
      case 503:
      case 504:
        return ErrorCode.UNAVAILABLE;
      default:
        if (status >= 500) return ErrorCode.UPSTREAM_ERROR;
        if (status >= 300 && status < 400) return ErrorCode.UPSTREAM_ERROR;
        return ErrorCode.INVALID_REQUEST;
    }
  }

  /**
   * The wait a {@code Retry-After} header asks for, as delta-seconds or as an HTTP-date (relative
   * to {@link VendorResponse#receivedAt()}); empty when absent or unreadable. A date in the past
   * means zero.
   */
  public static Optional<Duration> retryAfter(VendorResponse response) {
    String value = response.header("Retry-After");
    if (value == null) return Optional.empty();
    return parseRetryAfter(value.trim(), response.receivedAt());
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value.isEmpty()) return Optional.empty();
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 9) return Optional.of(Duration.ofSeconds(999_999_999L));
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(untilOrZero(now, at));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The duration from {@code now} until {@code resetAt}, never negative. */
  public static Duration untilOrZero(Instant now, Instant resetAt) {
    Duration d = Duration.between(now, resetAt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * A 404 that is not the vendor's own "no such record" answer (an HTML page, an empty body,
   * another service's JSON) came from a path the API does not serve: a wrong base URI. It must
   * never read as {@code NOT_FOUND}, or a compensating delete would count a delete that never
   * happened as done. {@code UPSTREAM_ERROR}, not retryable.
   *
   * @param vendor the vendor's display name, e.g. {@code "Jira"}
   * @param check what the caller should check, e.g. {@code "the connection's base URI (https://api.stripe.com)"}
   */
  public static ActionError.Builder foreignNotFound(VendorResponse response, String vendor, String check) {
    return byStatus(response, ErrorCode.UPSTREAM_ERROR).retryable(false)
        .message(vendor + " answered " + describe(response) + " instead of its API's own error:"
            + " the path does not exist there; check " + check);
  }

  /** A short, safe description of a response that says what kind of body came back. */
  public static String describe(VendorResponse response) {
    String kind;
    if (!response.hasBody()) kind = "an empty body";
    else if (response.isHtml()) kind = "an HTML page";
    else if (response.isJson()) kind = "a JSON body";
    else kind = "a " + (response.mediaType().isEmpty() ? "non-JSON" : response.mediaType()) + " body";
    return "HTTP " + response.status() + " with " + kind;
  }
}
