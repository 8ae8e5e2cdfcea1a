package dev.actionlayer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpErrors#retryAfter} on any header value a server can send: delta-seconds of any
 * length, HTTP-dates of any shape, anything else. Never throws, never negative, never beyond the
 * cap it puts on delta-seconds, and no time spent on a huge number. (The reset headers connectors
 * read themselves are fuzzed with their mappers, in {@code fuzz-tests}.)
 */
class RetryAfterFuzzTest {
  static final Duration DELTA_CAP = Duration.ofSeconds(999_999_999L);

  static Optional<Duration> retryAfter(String value, Instant receivedAt) {
    VendorResponse r = new VendorResponse(429, Map.of("retry-after", List.of(value)), new byte[0], false, receivedAt);
    return HttpErrors.retryAfter(r);
  }

  @Test
  void readsSecondsAndDatesAndIgnoresTheRest() {
    Instant now = Instant.parse("2024-05-05T18:01:00Z");

    assertThat(retryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(retryAfter("99999999999999999999999", now)).contains(DELTA_CAP);
    assertThat(retryAfter("Sun, 05 May 2024 18:02:00 GMT", now)).contains(Duration.ofSeconds(60));
    assertThat(retryAfter("Sun, 05 May 2024 18:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(retryAfter("-5", now)).isEmpty();
    assertThat(retryAfter("soon", now)).isEmpty();
    assertThat(retryAfter("120\u3000", now)).as("a Unicode space is no HTTP white space").isEmpty();
  }

  @FuzzTest
  void anyValueGivesAWaitThatIsNeverNegative(FuzzedDataProvider data) {
    Instant receivedAt = Instant.ofEpochSecond(data.consumeLong(0, 253_402_300_799L)); // up to 9999-12-31
    String value = data.consumeRemainingAsString();

    Optional<Duration> wait = retryAfter(value, receivedAt);

    wait.ifPresent(d -> assertThat(d.isNegative()).as("negative wait for a Retry-After").isFalse());
    // Delta-seconds are ASCII digits between optional white space (RFC 9110: SP or HTAB); a
    // Unicode space around them makes the value unreadable, which is empty, not a wait.
    String digits = value.trim();
    if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      assertThat(wait).as("delta-seconds").isPresent();
      assertThat(wait.get()).isLessThanOrEqualTo(DELTA_CAP);
    }
  }
}
