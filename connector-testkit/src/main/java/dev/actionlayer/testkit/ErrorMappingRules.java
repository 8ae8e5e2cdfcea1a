package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Rules on mapping the vendor's failures to the taxonomy by meaning. */
abstract class ErrorMappingRules extends RoundTripRules {

  @Test
  public void required_errors_authFailureIsUnauthenticated() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    fake.on(Requests.any()).always().respond(signals().unauthenticated());

    ActionError e = failure(() -> get(layer, missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  public void required_errors_permissionIsPermissionDenied() {
    ActionLayer layer = layer();
    fake.on(Requests.any()).always().respond(signals().permissionDenied());

    ActionError e = failure(() -> create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(fake.requestCount()).as("a permission failure is never retried").isEqualTo(1);
  }

  @Test
  public void required_errors_validationCarriesFieldErrors() {
    ActionLayer layer = layer();
    fake.on(Requests.creates()).always().respond(signals().validation());

    ActionError e = failure(() -> create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsKey(signals().validationField());
    assertThat(creates()).hasSize(1);
  }

  @Test
  public void required_errors_rateLimitHonoursRetryAfterInSeconds() {
    ActionLayer layer = layer();
    String id = create(layer);
    fake.on(Requests.gets()).nth(1).respond(signals().rateLimited().header("Retry-After", "3"));

    assertThat(get(layer, id)).isEqualTo(id);

    assertThat(time.sleeps()).as("waits before the retry").containsExactly(Duration.ofSeconds(3));
  }

  @Test
  public void required_errors_rateLimitHonoursRetryAfterAsAnHttpDate() {
    ActionLayer layer = layer();
    String id = create(layer);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    fake.on(Requests.gets()).nth(1).respond(signals().rateLimited().header("Retry-After", date));

    assertThat(get(layer, id)).isEqualTo(id);

    assertThat(time.sleeps()).as("waits before the retry").containsExactly(Duration.ofSeconds(7));
  }

  @Test
  public void required_errors_rateLimitIsRateLimited() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    fake.on(Requests.any()).always().respond(signals().rateLimited().header("Retry-After", "3"));

    ActionError e = failure(() -> get(layer, missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  public void optional_errors_quotaIsQuotaExhausted() {
    Fault quota = signals().quotaExhausted();
    assumeTrue(quota != null, "the vendor has no quota signal distinct from its rate limit");
    ActionLayer layer = layer();
    fake.on(Requests.any()).always().respond(quota);

    ActionError e = failure(() -> get(layer, missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(fake.requestCount()).as("a spent quota is never retried at once").isEqualTo(1);
  }

  @Test
  public void required_errors_serverErrorIsRetriedThenSucceeds() {
    ActionLayer layer = layer();
    String id = create(layer);
    fake.on(Requests.gets()).nth(1).respond(Fault.empty(503));
    int before = fake.requestCount();

    assertThat(get(layer, id)).isEqualTo(id);
    assertThat(fake.requestCount() - before).as("requests for one get").isEqualTo(2);
  }

  @Test
  public void required_errors_htmlErrorPagesMapByStatusWithoutHtmlInTheMessage() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    fake.on(Requests.any()).always().respond(Fault.html(502));

    ActionError e = failure(() -> get(layer, missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.message()).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("<body");
  }

  @Test
  public void required_errors_emptyAndTruncatedBodiesMapByStatus() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    fake.on(Requests.any()).nth(1).respond(Fault.empty(503));
    fake.on(Requests.any()).nth(2).respond(Fault.status(500).body("{\"error\":{\"message\":\"tru", "application/json"));

    assertThat(failure(() -> get(layer, missingId())).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failure(() -> get(layer, missingId())).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  public void required_errors_garbageOnACreatesSuccessNeverMakesTwoRecords() {
    ActionLayer layer = layer();
    int before = storedRecords(fake);
    fake.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    ActionError e = null;
    try {
      create(layer);
    } catch (dev.actionlayer.ActionException ex) {
      e = ex.error();
    }

    if (e != null) assertThat(e.code()).as("the only honest failure").isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(storedRecords(fake)).as("records after one logical create").isEqualTo(before + 1);
  }
}
