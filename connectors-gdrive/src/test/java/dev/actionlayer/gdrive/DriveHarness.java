package dev.actionlayer.gdrive;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folders;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One layer with one "drive" connection on fake time: what every test in this package needs. */
final class DriveHarness implements AutoCloseable {
  static final String TOKEN = "ya29.a0-test-access-token";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");

  final DriveClock clock = new DriveClock(START);
  final DriveSleeper sleeper = new DriveSleeper(clock);
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private ActionLayer layer;

  static Credentials bearer() {
    return Credentials.bearer(TOKEN);
  }

  /** Builds the layer; the client-side rate limit is off so it never adds waits of its own. */
  Folders folders(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = ActionLayer.builder()
        .connection("drive", connector, p -> policy.apply(p.noRateLimit()))
        .clock(clock)
        .sleeper(sleeper)
        .auditSink(audit::add)
        .build();
    return layer.folders("drive");
  }

  Folders folders(Connector connector) {
    return folders(connector, UnaryOperator.identity());
  }

  /** Runs {@code call}, which must fail, and returns its exception. */
  static ActionException failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (ActionException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected an ActionException", t);
    }
    throw new AssertionError("expected an ActionException, but the call succeeded");
  }

  @Override
  public void close() {
    if (layer != null) layer.close();
  }
}
