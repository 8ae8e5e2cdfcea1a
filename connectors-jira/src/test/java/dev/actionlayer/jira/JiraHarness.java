package dev.actionlayer.jira;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.Tasks;
import dev.actionlayer.spi.Connector;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One layer with one "jira" connection on fake time: what every test in this package needs. */
final class JiraHarness implements AutoCloseable {
  static final String EMAIL = "dev@example.com";
  static final String TOKEN = "secret-token-123";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");

  final MutableClock clock = new MutableClock(START);
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private ActionLayer layer;

  static Credentials basic() {
    return Credentials.basic(EMAIL, TOKEN);
  }

  /** Builds the layer; the client-side rate limit is off so it never adds waits of its own. */
  Tasks tasks(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    layer = ActionLayer.builder()
        .connection("jira", connector, p -> policy.apply(p.noRateLimit()))
        .clock(clock)
        .sleeper(sleeper)
        .build();
    return layer.tasks("jira");
  }

  Tasks tasks(Connector connector) {
    return tasks(connector, UnaryOperator.identity());
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
