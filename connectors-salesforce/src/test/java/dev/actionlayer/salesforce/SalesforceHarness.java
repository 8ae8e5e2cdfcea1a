package dev.actionlayer.salesforce;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.Tasks;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One layer with one "sf" connection on fake time, recording audit events: what every test here needs. */
final class SalesforceHarness implements AutoCloseable {
  static final String TOKEN = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");
  static final String KEY_FIELD = "Actionlayer_Key__c";

  final MutableClock clock = new MutableClock(START);
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private ActionLayer layer;

  static Credentials bearer() {
    return Credentials.bearer(TOKEN);
  }

  /** Builds the layer; the client-side rate limit is off so it never adds waits of its own. */
  ActionLayer layer(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    if (layer != null) layer.close();
    layer = ActionLayer.builder()
        .connection("sf", connector, p -> policy.apply(p.noRateLimit()))
        .clock(clock)
        .sleeper(sleeper)
        .auditSink(audit::add)
        .build();
    return layer;
  }

  Contacts contacts(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(connector, policy).contacts("sf");
  }

  Contacts contacts(Connector connector) {
    return contacts(connector, UnaryOperator.identity());
  }

  Tasks tasks(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(connector, policy).tasks("sf");
  }

  Tasks tasks(Connector connector) {
    return tasks(connector, UnaryOperator.identity());
  }

  /** The audit event of the last logical call. */
  AuditEvent lastEvent() {
    if (audit.isEmpty()) throw new AssertionError("no audit event");
    return audit.get(audit.size() - 1);
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
