package dev.actionlayer.testkit.fake;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Contacts;
import dev.actionlayer.Folders;
import dev.actionlayer.Tasks;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A connector test's layer: one named connection on {@link FakeTime}, with the client-side rate
 * limit off so that every wait in {@link FakeTime#sleeps()} is the pipeline's own decision, and
 * every audit event recorded. Each {@code tasks}/{@code contacts}/{@code folders} call builds a
 * fresh layer on the same time and audit list; {@link #close()} closes them all.
 * <pre>{@code
 * LayerHarness harness = new LayerHarness("jira", Instant.parse("2024-05-05T18:01:00Z"));
 * Tasks tasks = harness.tasks(Jira.connector(server.url("/").uri(), credentials), p -> p.maxAttempts(1));
 * ActionError e = LayerHarness.failure(() -> tasks.get("PROJ-404")).error();
 * }</pre>
 * Not thread-safe to build layers from several threads; the layers themselves are.
 */
public final class LayerHarness implements AutoCloseable {
  private final String connection;
  private final FakeTime time;
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<ActionLayer> layers = new CopyOnWriteArrayList<>();

  /** A harness whose connection is called {@code connection} and whose clock starts at {@code start}. */
  public LayerHarness(String connection, Instant start) {
    this.connection = Objects.requireNonNull(connection, "connection == null");
    this.time = new FakeTime(start);
  }

  /** The clock and sleeper of every layer this harness builds. */
  public FakeTime time() {
    return time;
  }

  /** Every audit event so far, oldest first: a read-only live view. */
  public List<AuditEvent> audit() {
    return Collections.unmodifiableList(audit);
  }

  /** The audit event of the most recent logical call; an {@link AssertionError} if none. */
  public AuditEvent lastEvent() {
    if (audit.isEmpty()) throw new AssertionError("no audit event recorded");
    return audit.get(audit.size() - 1);
  }

  /** Builds a layer with {@code connector} as the connection, its policy adjusted by {@code policy}. */
  public ActionLayer layer(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    Objects.requireNonNull(policy, "policy == null");
    ActionLayer layer = ActionLayer.builder()
        .connection(connection, connector, policy::apply) // the rate limit runs on the fake clock too
        .clock(time)
        .sleeper(time)
        .auditSink(audit::add)
        .build();
    layers.add(layer);
    return layer;
  }

  /** The connection's tasks on a new layer with the given policy adjustments. */
  public Tasks tasks(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(connector, policy).tasks(connection);
  }

  /** The connection's tasks on a new layer with the default policy. */
  public Tasks tasks(Connector connector) {
    return tasks(connector, UnaryOperator.identity());
  }

  /** The connection's contacts on a new layer with the given policy adjustments. */
  public Contacts contacts(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(connector, policy).contacts(connection);
  }

  /** The connection's contacts on a new layer with the default policy. */
  public Contacts contacts(Connector connector) {
    return contacts(connector, UnaryOperator.identity());
  }

  /** The connection's folders on a new layer with the given policy adjustments. */
  public Folders folders(Connector connector, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(connector, policy).folders(connection);
  }

  /** The connection's folders on a new layer with the default policy. */
  public Folders folders(Connector connector) {
    return folders(connector, UnaryOperator.identity());
  }

  /**
   * Runs {@code call}, which must fail with an {@link ActionException}, and returns it; anything
   * else (success or another throwable) is an {@link AssertionError}.
   */
  public static ActionException failure(Call call) {
    try {
      call.run();
    } catch (ActionException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected an ActionException", t);
    }
    throw new AssertionError("expected an ActionException, but the call succeeded");
  }

  /** Closes every layer this harness built. */
  @Override
  public void close() {
    for (ActionLayer layer : layers) layer.close();
    layers.clear();
  }

  /** A call expected to fail; may throw anything. */
  @FunctionalInterface
  public interface Call {
    /** Makes the call. */
    void run() throws Throwable;
  }
}
