package dev.actionlayer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonWriter;
import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditEvent#toJson()} is written by hand; these tests hold it to the line Moshi's {@code
 * JsonWriter} wrote before, character for character, escapes and unpaired surrogates included.
 */
class AuditEventJsonTest {
  private static final String ODD = "q\"b\\s/\t\b\n\r\f\u0000\u0001\u001f\u007f é \u2028\u2029 😀 "
      + "\ud800x \udc00 end\ud800";

  @Test
  void aFullEvent_rendersAsMoshiRenderedIt() {
    ActionError error = ActionError.builder(ErrorCode.RATE_LIMITED).retryAfter(Duration.ofMillis(1500))
        .httpStatus(429).vendorCode("limit" + ODD).message("slow down " + ODD)
        .fieldErrors(Map.of("b", "2", "a", ODD)).build();
    Map<String, String> request = new LinkedHashMap<>();
    request.put("summary", ODD);
    request.put("id", "PROJ-1");
    AuditEvent event = new AuditEvent("0af7651916cd43dd8448eb211c80319c", Instant.parse("2026-01-02T03:04:05.678Z"),
        "agent" + ODD, "jira", "jira", "tasks.get", request, "key-1",
        List.of(new AuditEvent.Attempt(1, "call", 503, "UNAVAILABLE", 0, 12, true),
            new AuditEvent.Attempt(2, "aux", 0, null, 250, 3, false)),
        "CLOSED", AuditEvent.Outcome.FAILURE, "10000", error,
        new AuditEvent.Upstream(429, Map.of("retry-after", "2", "content-type", "application/json"),
            "{\"errorMessages\":[\"" + ODD + "\"]}", true),
        true, false, "req-1", 42, "9/10", Map.of("sagaId", "s-1", "step", "0"));

    assertThat(event.toJson()).isEqualTo(moshi(event));
  }

  @Test
  void nullsAndEmptiesAreLeftOutAsMoshiLeftThemOut() {
    AuditEvent event = new AuditEvent("0af7651916cd43dd8448eb211c80319c", Instant.EPOCH, null, null, null,
        "saga.run", Map.of(), null, List.of(), null, AuditEvent.Outcome.SUCCESS, null, null, null,
        false, true, null, 0, null, Map.of());

    assertThat(event.toJson()).isEqualTo(moshi(event));
  }

  @Test
  void randomText_rendersAsMoshiRenderedIt() {
    Random random = new Random(20260601);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(4);
        s.append(kind == 0 ? (char) random.nextInt(0x80) : kind == 1 ? (char) (0xd7f0 + random.nextInt(0x820))
            : kind == 2 ? (char) (0x2020 + random.nextInt(16)) : (char) random.nextInt(0x10000));
      }
      String text = s.toString();
      AuditEvent event = new AuditEvent("0af7651916cd43dd8448eb211c80319c", Instant.EPOCH, text, "c", "v",
          "tasks.get", Map.of("k", text), null, List.of(), "CLOSED", AuditEvent.Outcome.SUCCESS, text,
          null, new AuditEvent.Upstream(200, Map.of(), text, false), false, false, null, 1, null,
          Map.of());
      assertThat(event.toJson()).as("round %d", round).isEqualTo(moshi(event));
    }
  }

  @Test
  void longTextOfEveryLength_rendersAsMoshiRenderedIt() {
    // Lengths around the renderer's buffers (the line starts at 4 KiB, the escaping spare at 2 K
    // characters, neither kept past 32 K), escapes early, late and everywhere, on one thread in a
    // row, so that a buffer grown or dropped by one event is reused by the next.
    Random random = new Random(20261206);
    int[] lengths = {0, 1, 2_047, 2_048, 2_049, 4_095, 4_096, 4_097, 9_000, 32_767, 32_768, 32_769, 70_000, 5};
    for (int length : lengths) {
      for (int shape = 0; shape < 4; shape++) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          boolean special = shape == 1 ? i == 0 : shape == 2 ? i == length - 1 : shape == 3 && random.nextInt(3) == 0;
          s.append(special ? "\"\\\n\u0001\u2028\ud83d".charAt(random.nextInt(6)) : (char) ('a' + random.nextInt(26)));
        }
        String text = s.toString();
        AuditEvent event = new AuditEvent("0af7651916cd43dd8448eb211c80319c", Instant.EPOCH, "p", "c", "v",
            "tasks.get", Map.of("k", text), null, List.of(), "CLOSED", AuditEvent.Outcome.SUCCESS, "r",
            null, new AuditEvent.Upstream(200, Map.of(), text, false), false, false, null, 1, null,
            Map.of());
        assertThat(event.toJson()).as("length %d, shape %d", length, shape).isEqualTo(moshi(event));
      }
    }
  }

  /** The rendering as it was: Moshi's JsonWriter into a buffer, nulls left out, maps sorted. */
  private static String moshi(AuditEvent e) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(false);
      w.beginObject();
      w.name("traceId").value(e.traceId());
      w.name("timestamp").value(e.timestamp().toString());
      w.name("principal").value(e.principal());
      w.name("connection").value(e.connection());
      w.name("vendor").value(e.vendor());
      w.name("operation").value(e.operation());
      map(w, "request", e.request());
      w.name("idempotencyKey").value(e.idempotencyKey());
      w.name("attempts").beginArray();
      for (AuditEvent.Attempt a : e.attempts()) {
        w.beginObject();
        w.name("n").value(a.number());
        w.name("kind").value(a.kind());
        w.name("status").value(a.status());
        w.name("code").value(a.code());
        w.name("delayBeforeMs").value(a.delayBeforeMs());
        w.name("durationMs").value(a.durationMs());
        w.name("sent").value(a.sent());
        w.endObject();
      }
      w.endArray();
      w.name("breakerState").value(e.breakerState());
      w.name("outcome").value(e.outcome().name());
      w.name("resourceId").value(e.resourceId());
      ActionError err = e.error();
      if (err != null) {
        w.name("error").beginObject();
        w.name("code").value(err.code().name());
        w.name("retryable").value(err.retryable());
        if (err.retryAfter().isPresent()) w.name("retryAfterMs").value(err.retryAfter().get().toMillis());
        w.name("httpStatus").value(err.httpStatus());
        if (!err.vendorCode().isEmpty()) w.name("vendorCode").value(err.vendorCode());
        w.name("message").value(err.message());
        if (!err.fieldErrors().isEmpty()) map(w, "fieldErrors", err.fieldErrors());
        w.endObject();
      }
      if (e.upstream() != null) {
        w.name("upstream").beginObject();
        w.name("status").value(e.upstream().status());
        map(w, "headers", e.upstream().headers());
        w.name("body").value(e.upstream().body());
        w.name("bodyTruncated").value(e.upstream().bodyTruncated());
        w.endObject();
      }
      w.name("deduplicated").value(e.deduplicated());
      w.name("reconciled").value(e.reconciled());
      w.name("vendorRequestId").value(e.vendorRequestId());
      w.name("durationMs").value(e.durationMs());
      w.name("vendorUsage").value(e.vendorUsage());
      if (!e.context().isEmpty()) map(w, "context", e.context());
      w.endObject();
    } catch (IOException x) {
      throw new AssertionError(x);
    }
    return buffer.readUtf8();
  }

  private static void map(JsonWriter w, String name, Map<String, String> map) throws IOException {
    w.name(name).beginObject();
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) w.name(e.getKey()).value(e.getValue());
    w.endObject();
  }
}
