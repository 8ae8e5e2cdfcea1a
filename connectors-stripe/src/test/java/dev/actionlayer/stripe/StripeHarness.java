package dev.actionlayer.stripe;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One layer with one "stripe" connection on fake time, recording its audit events. */
final class StripeHarness implements AutoCloseable {
  static final String SECRET_KEY = "sk_test_51HarnessKeyForTestsOnly9x";
  static final Instant START = Instant.parse("2024-06-20T09:30:00Z");

  final MutableClock clock = new MutableClock(START);
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private ActionLayer layer;

  static Credentials bearer() {
    return Credentials.bearer(SECRET_KEY);
  }

  /** Builds the layer; the client-side rate limit is off so it never adds waits of its own. */
  Contacts contacts(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = ActionLayer.builder()
        .connection("stripe", connector, p -> policy.apply(p.noRateLimit()))
        .clock(clock)
        .sleeper(sleeper)
        .auditSink(events::add)
        .build();
    return layer.contacts("stripe");
  }

  Contacts contacts(Connector connector) {
    return contacts(connector, UnaryOperator.identity());
  }

  /** The audit event of the most recent logical call. */
  AuditEvent lastEvent() {
    if (events.isEmpty()) throw new AssertionError("no audit event recorded");
    return events.get(events.size() - 1);
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
