package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CreateSafety;
import java.time.Duration;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryTest extends PipelineTestSupport {

  @Test
  void retriesA503ThenSucceeds() throws Exception {
    layer();
    server.enqueue(status(503));
    server.enqueue(task("T-1"));

    Task t = tasks().get("T-1");

    assertThat(t.id()).isEqualTo("T-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps).hasSize(1);
    assertThat(time.sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(250));
    assertThat(server.takeRequest().getTarget()).isEqualTo("/tasks/T-1");
  }

  @Test
  void anErrorAnswerCutOffMidBody_isRetriedNotTakenAsTheVendorsWord() {
    // A 404 whose body never fully arrived: the vendor may have said "no such record", or
    // something else entirely (Salesforce's deleted-record answer, a wrong-path page).
    layer();
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(404)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":\"no such task, and more words than arrive before the cut\"}")
        .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket())
        .build());
    server.enqueue(task("T-1"));

    Task t = tasks().get("T-1");

    assertThat(t.id()).isEqualTo("T-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(onlyEvent().attempts().get(0).status()).isEqualTo(404);
  }

  @Test
  void backoffGrowsExponentiallyWithFullJitterWithinTheCap() {
    layer(p -> p.maxAttempts(6).backoff(Duration.ofMillis(100), Duration.ofMillis(300))
        .deadline(Duration.ofMinutes(5)).breaker(10, 10, Duration.ofSeconds(30)));
    for (int i = 0; i < 6; i++) server.enqueue(status(503));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(server.getRequestCount()).isEqualTo(6);
    List<AuditEvent.Attempt> attempts = onlyEvent().attempts();
    assertThat(attempts).hasSize(6);
    assertThat(attempts.get(0).delayBeforeMs()).isZero();
    long[] ceilings = {100, 200, 300, 300, 300};
    for (int i = 0; i < 5; i++) {
      assertThat(attempts.get(i + 1).delayBeforeMs()).isBetween(0L, ceilings[i]);
    }
    assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofMillis(1200));
    assertThat(e.error().attempts()).isEqualTo(6);
  }

  @Test
  void honoursRetryAfterInSeconds() {
    layer();
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() {
    layer();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", date).build());
    server.enqueue(task("T-1"));

    tasks().get("T-1");

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void failsFastWithRateLimitedWhenRetryAfterExceedsTheCapOnAnyWait() {
    layer(p -> p.maxWait(Duration.ofSeconds(30)).deadline(Duration.ofMinutes(10)));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void neverSleepsPastTheDeadline() {
    layer(p -> p.deadline(Duration.ofSeconds(5)));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "10").build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(10));
    assertThat(e.error().retryable()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void neverRetriesAClientError() {
    layer();
    server.enqueue(json(400, "{\"error\":\"title too long\"}"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.error().message()).isEqualTo("title too long");
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void maxAttemptsOfOneTurnsRetriesOff() {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), dev.actionlayer.spi.CreateSafety.UNSAFE))
        .maxAttempts(1).clock(time).sleeper(time).auditSink(events::add).build();
    server.enqueue(status(503));
    server.enqueue(task("T-1"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetryAfterOfZeroIsPacedByTheBackoffNotRetriedAtOnce() {
    // Full jitter draws the wait from [0, 200 ms]: one draw may be 0 ms (a 1-in-200 chance, which
    // made a single call flaky), twenty in a row are not, unless Retry-After: 0 were taken literally.
    for (int i = 0; i < 20; i++) {
      if (layer != null) layer.close();
      layer(p -> p.backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
      server.enqueue(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
      server.enqueue(task("T-1"));

      tasks().get("T-1");
    }

    assertThat(time.sleeps).hasSize(20)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(200)))
        .anySatisfy(d -> assertThat(d).isPositive());
  }

  @Test
  void okHttpNeverSilentlyRepeatsA503WithRetryAfterZero() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(task("T-1"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.error().retryAfter()).contains(Duration.ZERO);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void neverFollowsARedirect() {
    layer();
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(302)
        .addHeader("Location", "https://evil.example/steal").build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.error().retryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStalledVendorTimesOutEachAttemptAndTheCallReportsTimeout() {
    layer(p -> p.maxAttempts(2).attemptTimeout(Duration.ofMillis(300)));
    server.enqueue(new mockwebserver3.MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new mockwebserver3.MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.error().attempts()).isEqualTo(2);
    assertThat(onlyEvent().attempts()).extracting(AuditEvent.Attempt::code).containsExactly("TIMEOUT", "TIMEOUT");
  }

  @Test
  void aGarbage2xxOnAReadIsAnUpstreamError() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body("<html>proxy</html>").build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.error().httpStatus()).isEqualTo(200);
  }

  @Test
  void aHugeErrorPageIsReadOnlyUpToTheCapAndStillMapped() {
    layer(p -> p.maxAttempts(1));
    String page = "<html><body>" + "x".repeat(12 * 1024 * 1024) + "</body></html>";
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(502)
        .addHeader("Content-Type", "text/html").body(page).build());

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.error().message()).isEqualTo("HTTP 502 with an HTML page");
    AuditEvent.Upstream up = onlyEvent().upstream();
    assertThat(up.body().length()).isLessThanOrEqualTo(8 * 1024);
    assertThat(up.bodyTruncated()).isTrue();
  }

  @Test
  void anEmptyBody503AndATruncatedJsonErrorStillMapPrecisely() {
    layer(p -> p.maxAttempts(1));
    server.enqueue(status(503));
    server.enqueue(json(500, "{\"error\":\"boo"));

    assertThat(thrown(() -> tasks().get("T-1")).error().message()).isEqualTo("HTTP 503 with an empty body");
    ActionException e = thrown(() -> tasks().get("T-1"));
    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.error().message()).isEqualTo("HTTP 500 with a JSON body");
  }

  private static mockwebserver3.MockResponse hugeTask(int bytes) {
    return json(200, "{\"id\":\"T-1\",\"title\":\"" + "x".repeat(bytes) + "\"}");
  }

  @Test
  void aSuccessfulAnswerOverTheCapIsItsOwnFinalErrorAndIsNotRetried() {
    layer(p -> p.maxAttempts(3).maxResponseBytes(64 * 1024));
    for (int i = 0; i < 3; i++) server.enqueue(hugeTask(200 * 1024));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.error().retryable()).isFalse();
    assertThat(e.error().message()).contains("larger than the connection's 64 KiB cap", "maxResponseBytes")
        .doesNotContain("could not be read");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theDefaultCapOfEightMibIsNamedWhenAnAnswerExceedsIt() {
    layer(p -> p.maxAttempts(3));
    server.enqueue(hugeTask(9 * 1024 * 1024));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.error().message()).contains("8 MiB cap");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateAnsweredOverTheCapIsOutcomeUnknownAndNeverRepeated() {
    layer(CreateSafety.UNSAFE, p -> p.maxAttempts(3).maxResponseBytes(64 * 1024));
    server.enqueue(hugeTask(200 * 1024));

    ActionException e = thrown(() -> tasks().create(new NewTask("P", "Fix it", null)));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.error().message()).contains("64 KiB cap");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aKeyedCreateAnsweredOverTheCapIsNotReplayedUnderItsKey() {
    layer(CreateSafety.KEYED, p -> p.maxAttempts(3).maxResponseBytes(64 * 1024));
    for (int i = 0; i < 3; i++) server.enqueue(hugeTask(200 * 1024));

    ActionException e = thrown(() -> tasks().create(new NewTask("P", "Fix it", null)));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anEndlessSuccessfulAnswerIsReadOnlyUpToTheCap() throws Exception {
    try (java.net.ServerSocket endless = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread vendor = new Thread(() -> {
        try (java.net.Socket s = endless.accept()) {
          java.io.InputStream in = s.getInputStream();
          while (in.available() == 0) Thread.sleep(1);
          in.skip(in.available());
          java.io.OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
          while (true) out.write(chunk); // until the client hangs up
        } catch (Exception hungUp) {
          // the client stopped reading at its cap
        }
      });
      vendor.setDaemon(true);
      vendor.start();
      layer = ActionLayer.builder()
          .connection("svc", new TestConnector(java.net.URI.create("http://127.0.0.1:" + endless.getLocalPort() + "/"),
              Credentials.bearer(SECRET), CreateSafety.UNSAFE), p -> p.noRateLimit().maxResponseBytes(256 * 1024))
          .clock(time).sleeper(time).build();

      ActionException e = thrown(() -> tasks().get("T-1"));

      assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
      assertThat(e.error().message()).contains("256 KiB cap");
      assertThat(e.error().attempts()).isEqualTo(1);
    }
  }
}
