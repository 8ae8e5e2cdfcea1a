package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AsyncJsonLinesAuditSink;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.Slf4jAuditSink;
import dev.actionlayer.spi.CreateSafety;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile vendor echoes the credential everywhere it can; none of it may come out. */
class RedactionTest extends PipelineTestSupport {

  @Test
  void theCredentialNeverAppearsInErrorsAuditEventsLogsOrToString() throws Exception {
    String basicSecret = "basic-Secret-Token-4242";
    Credentials basic = Credentials.basic("dev@example.com", basicSecret);
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE))
        .connection("basic", new TestConnector(uri(), basic, CreateSafety.UNSAFE))
        .maxAttempts(1)
        .clock(time).sleeper(time)
        .auditSink(e -> {
          events.add(e);
          new Slf4jAuditSink().accept(e);
        })
        .build();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        return new MockResponse.Builder().code(401)
            .addHeader("Content-Type", "application/json")
            .addHeader("X-Echo-Authorization", auth)
            .addHeader("Set-Cookie", "session=" + auth)
            .addHeader("WWW-Authenticate", auth)
            .body("{\"error\":\"bad credentials " + auth + "\",\"field\":\"" + auth + "\",\"access_token\":\"" + auth
                + "\",\"echo\":\"" + auth.substring(auth.indexOf(' ') + 1) + "\"}")
            .build();
      }
    });

    List<String> outputs = new ArrayList<>();
    for (String connection : List.of("svc", "basic")) {
      ActionException e = thrown(() -> layer.tasks(connection).get("T-1"));
      assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      outputs.add(e.getMessage());
      outputs.add(e.error().toString());
      outputs.add(e.error().message());
      ActionException c = thrown(() -> layer.tasks(connection).create(new NewTask("P", "x", null)));
      outputs.add(c.getMessage());
    }
    for (AuditEvent event : events) {
      outputs.add(event.toJson());
      outputs.add(event.toString());
    }
    outputs.add(basic.toString());
    outputs.add(Credentials.bearer(SECRET).toString());
    outputs.add(Files.readString(Path.of("target/test-log.txt")));

    String basicEncoded = java.util.Base64.getEncoder().encodeToString(("dev@example.com:" + basicSecret).getBytes());
    assertThat(events).hasSize(4);
    for (String out : outputs) {
      assertThat(out).doesNotContain(SECRET).doesNotContain(basicSecret).doesNotContain(basicEncoded);
    }
    assertThat(events.get(0).upstream().headers()).containsEntry("set-cookie", "[REDACTED]");
    assertThat(events.get(0).upstream().body()).contains("[REDACTED]");
  }

  @Test
  void credentialsToStringShowsOnlyTheSchemeAndUser() {
    assertThat(Credentials.basic("dev@example.com", "tok-123456").toString())
        .isEqualTo("Credentials{Basic dev@example.com:[REDACTED]}");
    assertThat(Credentials.bearer("tok-123456").toString()).isEqualTo("Credentials{Bearer [REDACTED]}");
  }

  @Test
  void theAsyncJsonLinesSinkWritesTheEventAsRedacted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AsyncJsonLinesAuditSink sink = AsyncJsonLinesAuditSink.open(file)) {
      layer = ActionLayer.builder()
          .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), CreateSafety.UNSAFE))
          .maxAttempts(1).clock(time).sleeper(time).auditSink(sink).build();
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String auth = request.getHeaders().get("Authorization");
          return new MockResponse.Builder().code(401)
              .addHeader("Content-Type", "application/json")
              .addHeader("Set-Cookie", "session=" + auth)
              .body("{\"error\":\"bad credentials " + auth + "\",\"access_token\":\"" + auth + "\"}")
              .build();
        }
      });
      thrown(() -> layer.tasks("svc").get("T-1"));
    }

    String written = Files.readString(file);
    assertThat(written.lines()).hasSize(1);
    assertThat(written).doesNotContain(SECRET).contains("\"set-cookie\":\"[REDACTED]\"");
  }
}
