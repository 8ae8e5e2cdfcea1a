package dev.actionlayer;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CreateSafety;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer, fake time, an audit collector and a layer over {@link TestConnector}. */
abstract class PipelineTestSupport {
  static final String SECRET = "s3cr3t-Token-Value-987";

  final FakeTime time = new FakeTime();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  MockWebServer server;
  ActionLayer layer;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    if (layer != null) layer.close();
    server.close();
  }

  URI uri() {
    return server.url("/").uri();
  }

  ActionLayer layer(CreateSafety safety, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), Credentials.bearer(SECRET), safety),
            p -> policy.apply(p.noRateLimit()))
        .clock(time)
        .sleeper(time)
        .auditSink(events::add)
        .build();
    return layer;
  }

  ActionLayer layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(CreateSafety.UNSAFE, policy);
  }

  ActionLayer layer() {
    return layer(UnaryOperator.identity());
  }

  Tasks tasks() {
    return layer.tasks("svc");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse task(String id) {
    return json(200, "{\"id\":\"" + id + "\",\"title\":\"Fix it\"}");
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** The vendor read the request (and may have applied it), then the connection dropped. */
  static MockResponse lostResponse() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  AuditEvent onlyEvent() {
    org.assertj.core.api.Assertions.assertThat(events).hasSize(1);
    return events.get(0);
  }

  static ActionException thrown(Runnable r) {
    try {
      r.run();
    } catch (ActionException e) {
      return e;
    }
    throw new AssertionError("expected an ActionException");
  }
}
