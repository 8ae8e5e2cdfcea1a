package dev.actionlayer.testkit;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The state of one rule run and the few things every rule does with it: a started fake that
 * accepts only a planted secret, fake time, the audit events, and the layers built on them. It
 * holds the connector's test as its typed hooks, so the rules reach the fake's records through
 * {@link ConnectorVerification#storedRecords} without a cast. One per rule; not thread-safe.
 */
final class Kit<F extends FakeVendor> implements AutoCloseable {
  /** The connection name the kit registers the connector under. */
  static final String CONNECTION = "subject";

  private final ConnectorVerification<F> hooks;
  private final String secret = "kitSecret" + UUID.randomUUID().toString().replace("-", "");
  private final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final List<ActionLayer> layers = new ArrayList<>();
  private final List<FakeVendor> extraFakes = new ArrayList<>();
  private final F fake;

  Kit(ConnectorVerification<F> hooks) {
    this.hooks = hooks;
    this.fake = hooks.newFake(secret);
    fake.start();
  }

  @Override
  public void close() {
    layers.forEach(ActionLayer::close);
    extraFakes.forEach(FakeVendor::close);
    fake.close();
  }

  /** The fake, started, accepting only {@link #secret()}. */
  F fake() {
    return fake;
  }

  /** The planted credential: it must never appear in any error, audit event or log. */
  String secret() {
    return secret;
  }

  /** The clock and sleeper of every layer the kit builds. */
  FakeTime time() {
    return time;
  }

  /** Every audit event of the current rule. */
  List<AuditEvent> events() {
    return events;
  }

  Subject subject() {
    return hooks.subject();
  }

  VendorSignals signals() {
    return hooks.signals();
  }

  String missingId() {
    return hooks.missingId();
  }

  /** How many records of the subject's kind the fake holds now. */
  int storedRecords() {
    return hooks.storedRecords(fake);
  }

  /** The connector under test on the fake, with the planted secret. */
  Connector connector() {
    return hooks.connector(hooks.baseUri(fake), secret);
  }

  /** The connector under test on a second fake of the vendor, started and closed by the kit. */
  Connector connectorOnAnotherFake() {
    F other = hooks.newFake(secret);
    other.start();
    extraFakes.add(other);
    return hooks.connector(hooks.baseUri(other), secret);
  }

  /**
   * A layer with the connector on the fake as {@link #CONNECTION}, the default policy adjusted by
   * {@code policy}; the client-side rate limit stays on (it runs on the fake clock).
   */
  ActionLayer layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    return track(layerBuilder().connection(CONNECTION, connector(), policy::apply).build());
  }

  ActionLayer layer() {
    return layer(UnaryOperator.identity());
  }

  /** A builder on fake time and the kit's audit events, for rules that need several connections. */
  ActionLayer.Builder layerBuilder() {
    return ActionLayer.builder().clock(time).sleeper(time).auditSink(events::add);
  }

  /** Tracks a layer built by a rule so that the kit closes it. */
  ActionLayer track(ActionLayer layer) {
    layers.add(layer);
    return layer;
  }

  String create(ActionLayer layer) {
    return hooks.subject().create(layer, CONNECTION);
  }

  String get(ActionLayer layer, String id) {
    return hooks.subject().get(layer, CONNECTION, id);
  }

  void delete(ActionLayer layer, String id) {
    hooks.subject().delete(layer, CONNECTION, id);
  }

  /** Whether the connector's resource can be updated ({@code Updatable}). */
  boolean canUpdate() {
    return resource() instanceof dev.actionlayer.spi.Updatable<?, ?>;
  }

  /** Whether the connector's resource can be listed ({@code Listable}). */
  boolean canList() {
    return resource() instanceof dev.actionlayer.spi.Listable<?, ?>;
  }

  private Object resource() {
    Connector c = connector();
    switch (hooks.subject().noun()) {
      case "tasks":
        return c.tasks();
      case "contacts":
        return c.contacts();
      default:
        return c.folders();
    }
  }

  /** The connector's declared create safety. */
  CreateSafety createSafety() {
    Connector c = connector();
    switch (hooks.subject().noun()) {
      case "tasks":
        return c.tasks().createSafety();
      case "contacts":
        return c.contacts().createSafety();
      default:
        return c.folders().createSafety();
    }
  }

  /** Requests the fake received that create a record. */
  List<RecordedCall> creates() {
    List<RecordedCall> out = new ArrayList<>();
    for (RecordedCall c : fake.requests()) if (fake.isCreate(c)) out.add(c);
    return out;
  }

  /** Runs {@code call}, which must fail with an {@link ActionException}; returns its error. */
  static ActionError failure(Runnable call) {
    try {
      call.run();
    } catch (ActionException e) {
      return e.error();
    }
    throw new AssertionError("expected an ActionException, but the call succeeded");
  }
}
