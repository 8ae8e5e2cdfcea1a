package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Rules on mapping the vendor's failures to the taxonomy by meaning. */
interface ErrorMappingRules extends Rules {

  @Test
  default void required_errors_authFailureIsUnauthenticated() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    kit.fake().on(Requests.any()).always().respond(kit.signals().unauthenticated());

    ActionError e = failure(() -> kit.get(layer, kit.missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  default void required_errors_permissionIsPermissionDenied() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.any()).always().respond(kit.signals().permissionDenied());

    ActionError e = failure(() -> kit.create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(kit.fake().requestCount()).as("a permission failure is never retried").isEqualTo(1);
  }

  @Test
  default void required_errors_validationCarriesFieldErrors() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.creates()).always().respond(kit.signals().validation());

    ActionError e = failure(() -> kit.create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsKey(kit.signals().validationField());
    assertThat(kit.creates()).hasSize(1);
  }

  @Test
  default void required_errors_rateLimitHonoursRetryAfterInSeconds() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    kit.fake().on(Requests.gets()).nth(1).respond(kit.signals().rateLimited().header("Retry-After", "3"));

    assertThat(kit.get(layer, id)).isEqualTo(id);

    assertThat(kit.time().sleeps()).as("waits before the retry").containsExactly(Duration.ofSeconds(3));
  }

  @Test
  default void required_errors_rateLimitHonoursRetryAfterAsAnHttpDate() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(kit.time().instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    kit.fake().on(Requests.gets()).nth(1).respond(kit.signals().rateLimited().header("Retry-After", date));

    assertThat(kit.get(layer, id)).isEqualTo(id);

    assertThat(kit.time().sleeps()).as("waits before the retry").containsExactly(Duration.ofSeconds(7));
  }

  @Test
  default void required_errors_rateLimitIsRateLimited() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    kit.fake().on(Requests.any()).always().respond(kit.signals().rateLimited().header("Retry-After", "3"));

    ActionError e = failure(() -> kit.get(layer, kit.missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  default void optional_errors_quotaIsQuotaExhausted() {
    Kit<?> kit = kit();
    Fault quota = kit.signals().quotaExhausted();
    assumeTrue(quota != null, "the vendor has no quota signal distinct from its rate limit");
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.any()).always().respond(quota);

    ActionError e = failure(() -> kit.get(layer, kit.missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(kit.fake().requestCount()).as("a spent quota is never retried at once").isEqualTo(1);
  }

  @Test
  default void required_errors_serverErrorIsRetriedThenSucceeds() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    kit.fake().on(Requests.gets()).nth(1).respond(Fault.empty(503));
    int before = kit.fake().requestCount();

    assertThat(kit.get(layer, id)).isEqualTo(id);
    assertThat(kit.fake().requestCount() - before).as("requests for one get").isEqualTo(2);
  }

  @Test
  default void required_errors_htmlErrorPagesMapByStatusWithoutHtmlInTheMessage() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    kit.fake().on(Requests.any()).always().respond(Fault.html(502));

    ActionError e = failure(() -> kit.get(layer, kit.missingId()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.message()).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("<body");
  }

  @Test
  default void required_errors_emptyAndTruncatedBodiesMapByStatus() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    kit.fake().on(Requests.any()).nth(1).respond(Fault.empty(503));
    kit.fake().on(Requests.any()).nth(2).respond(Fault.status(500).body("{\"error\":{\"message\":\"tru", "application/json"));

    assertThat(failure(() -> kit.get(layer, kit.missingId())).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failure(() -> kit.get(layer, kit.missingId())).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  default void required_errors_garbageOnACreatesSuccessNeverMakesTwoRecords() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    int before = kit.storedRecords();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    ActionError e = null;
    try {
      kit.create(layer);
    } catch (dev.actionlayer.ActionException ex) {
      e = ex.error();
    }

    if (e != null) assertThat(e.code()).as("the only honest failure").isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(kit.storedRecords()).as("records after one logical create").isEqualTo(before + 1);
  }
}
