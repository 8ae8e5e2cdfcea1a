package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * What a connector and the audit see of a response's headers: names in lower case whatever the
 * vendor sent, repeated headers together in arrival order, and a 503's {@code Retry-After} under
 * its own name although the transport hides it from OkHttp's own retry.
 */
class ResponseHeadersTest extends PipelineTestSupport {

  @Test
  void namesAreLowerCasedAndRepeatedHeadersKeepTheirOrder() {
    layer();
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json")
        .addHeader("X-REQUEST-ID", "req-77")
        .addHeader("x-usage", "3/10")
        .addHeader("X-Multi", "first")
        .addHeader("x-multi", "second")
        .addHeader("X-MULTI", "third")
        .body("{\"id\":\"T-1\",\"title\":\"Fix it\"}")
        .build());

    assertThat(tasks().get("T-1").id()).isEqualTo("T-1");

    AuditEvent event = onlyEvent();
    assertThat(event.vendorRequestId()).isEqualTo("req-77"); // the connector asked for "X-Request-Id"
    assertThat(event.vendorUsage()).isEqualTo("3/10"); // and for "X-Usage"
    assertThat(event.upstream().headers())
        .containsEntry("x-multi", "first, second, third")
        .containsEntry("x-request-id", "req-77")
        .containsEntry("content-type", "application/json");
    assertThat(event.upstream().headers().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
  }

  @Test
  void aRetryAfterOnA503IsSeenUnderItsOwnName() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(onlyEvent().upstream().headers())
        .containsEntry("retry-after", "7")
        .doesNotContainKey("x-actionlayer-retry-after");
  }
}
