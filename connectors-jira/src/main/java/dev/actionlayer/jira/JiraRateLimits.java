package dev.actionlayer.jira;

import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Jira's rate-limit headers beyond {@code Retry-After}: the reset time ({@code X-RateLimit-Reset},
 * ISO 8601 {@code yyyy-MM-ddTHH:mmZ}) and the reason ({@code RateLimit-Reason}); each also in the
 * {@code X-Beta-} form Jira's points-based limits send.
 */
final class JiraRateLimits {
  private static final int MAX_REASON = 100;

  private JiraRateLimits() {}

  /** The vendor's reason ({@code jira-burst-based}, {@code jira-quota-tenant-based}...), or null. */
  static String reason(VendorResponse response) {
    String reason = first(response, "RateLimit-Reason", "X-Beta-Ratelimit-Reason");
    if (reason == null) return null;
    String safe = reason.replaceAll("[^A-Za-z0-9._-]", "");
    if (safe.isEmpty()) return null;
    return safe.length() <= MAX_REASON ? safe : safe.substring(0, MAX_REASON);
  }

  /** Whether the reason names a longer-term quota rather than a burst limit. */
  static boolean isQuota(String reason) {
    return reason != null && reason.toLowerCase(Locale.ROOT).contains("quota");
  }

  /**
   * The wait until the reset time, from {@link VendorResponse#receivedAt()}; null when absent,
   * unreadable, or not in the future (then clock skew says nothing, and the pipeline's backoff
   * is safer than an immediate retry).
   */
  static Duration untilReset(VendorResponse response) {
    String value = first(response, "X-RateLimit-Reset", "X-Beta-Ratelimit-Reset");
    if (value == null) return null;
    Instant resetAt = parseInstant(value.trim());
    if (resetAt == null) return null;
    Duration wait = HttpErrors.untilOrZero(response.receivedAt(), resetAt);
    return wait.isZero() ? null : wait;
  }

  /** ISO 8601 with minutes or seconds, with {@code Z} or an offset; an offset-less time is UTC. */
  static Instant parseInstant(String value) {
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException again) {
        return null;
      }
    }
  }

  private static String first(VendorResponse response, String name, String fallback) {
    String value = response.header(name);
    if (value == null || value.isBlank()) value = response.header(fallback);
    return value == null || value.isBlank() ? null : value;
  }

  /** A non-negative header number, or -1 when absent or not a number. */
  static long number(String value) {
    if (value == null || !value.trim().matches("\\d{1,15}")) return -1;
    return Long.parseLong(value.trim());
  }
}
