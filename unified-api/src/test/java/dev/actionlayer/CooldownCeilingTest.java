package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.ToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * A vendor (or anything between) cannot switch a connection off with one header: the
 * connection-wide pause stops at {@code maxCooldown}, then one request probes.
 */
class CooldownCeilingTest extends PipelineTestSupport {
  private static final Duration CEILING = ConnectionPolicy.defaults().maxCooldown();

  private static MockResponse tooMany(String retryAfter) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build();
  }

  @Test
  void anAbsurdRetryAfterIsReportedAsTheCeilingTheLayerWillActuallyWait() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("999999"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.error().retryAfter()).contains(CEILING);
    assertThat(e.error().message()).contains("asked to wait 999999 s", "300 s ceiling", "probe");
    ActionException later = thrown(() -> tasks().get("T-2"));
    assertThat(later.error().retryAfter()).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(CEILING));
    assertThat(later.error().message()).contains("nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theToolResultTellsTheModelToWaitTheCeilingNotTheVendorsFigure() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("999999"));

    ToolResult r = layer.tools().execute("tasks_get", "{\"connection\":\"svc\",\"id\":\"T-1\"}");

    assertThat(r.isError()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) Json.parseOrNull(r.json())).get("error");
    assertThat(((Number) error.get("retryAfterSeconds")).longValue()).isEqualTo(CEILING.toSeconds());
    assertThat(r.json()).doesNotContain("retryAfterSeconds\":999999");
  }

  @Test
  void afterTheCeilingTheVendorIsProbedAndARecoveredVendorIsUsedAgain() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("999999"));
    thrown(() -> tasks().get("T-1"));

    time.advance(CEILING);
    server.enqueue(task("T-2"));
    server.enqueue(task("T-3"));

    assertThat(tasks().get("T-2").id()).isEqualTo("T-2");
    assertThat(tasks().get("T-3").id()).isEqualTo("T-3");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aProbeThatIsRefusedAgainPausesTheConnectionForTheCeilingAgain() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("999999"));
    thrown(() -> tasks().get("T-1"));
    time.advance(CEILING);
    server.enqueue(tooMany("999999"));

    assertThat(thrown(() -> tasks().get("T-2")).error().retryAfter()).contains(CEILING);
    ActionException paused = thrown(() -> tasks().get("T-3"));

    assertThat(paused.error().message()).contains("paused", "nothing was sent");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void whileTheProbeIsOutTheOtherCallersSendNothing() throws Exception {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("999999"));
    thrown(() -> tasks().get("T-1"));
    time.advance(CEILING);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"id\":\"P\",\"title\":\"probe\"}").headersDelay(500, TimeUnit.MILLISECONDS).build());

    CompletableFuture<Task> probe = CompletableFuture.supplyAsync(() -> tasks().get("P"));
    server.takeRequest(); // the first request, T-1's
    server.takeRequest(); // the probe has reached the vendor and waits for its answer
    ActionException other = thrown(() -> tasks().get("T-2"));

    assertThat(other.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(other.error().message()).contains("probing", "nothing was sent");
    assertThat(probe.get(5, TimeUnit.SECONDS).id()).isEqualTo("P");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theCeilingIsConfigurablePerConnection() {
    layer(p -> p.maxAttempts(1).maxCooldown(Duration.ofSeconds(20)));
    server.enqueue(tooMany("3600"));

    assertThat(thrown(() -> tasks().get("T-1")).error().retryAfter()).contains(Duration.ofSeconds(20));
    time.advance(Duration.ofSeconds(20));
    server.enqueue(task("T-2"));
    assertThat(tasks().get("T-2").id()).isEqualTo("T-2");
  }

  @Test
  void aRetryAfterWithinTheCeilingIsHonouredExactlyWithoutAProbe() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(tooMany("5"));
    server.enqueue(task("T-2"));

    assertThat(thrown(() -> tasks().get("T-1")).error().retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(tasks().get("T-2").id()).isEqualTo("T-2");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
  }
}
