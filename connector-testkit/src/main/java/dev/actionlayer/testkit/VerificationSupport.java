package dev.actionlayer.testkit;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The state and hooks every rule of {@link ConnectorVerification} shares: a started fake that
 * accepts only a planted secret, fake time, the audit events, and the layers built on them.
 */
@ExtendWith(ConformanceReport.class)
abstract class VerificationSupport {
  /** The connection name the kit registers the connector under. */
  static final String CONNECTION = "subject";

  /** The fake, started, accepting only {@link #secret}. */
  protected FakeVendor fake;
  /** The planted credential: it must never appear in any error, audit event or log. */
  protected String secret;
  /** The clock and sleeper of every layer the kit builds. */
  protected FakeTime time;
  /** Every audit event of the current rule. */
  protected final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final List<ActionLayer> layers = new ArrayList<>();
  private final List<FakeVendor> extraFakes = new ArrayList<>();

  /** A new, unstarted fake of the vendor that accepts only {@code secret} as credential. */
  protected abstract FakeVendor newFake(String secret);

  /** The connector under test for {@code baseUri}, authenticating with {@code secret}. */
  protected abstract Connector connector(URI baseUri, String secret);

  /** The canonical resource to exercise and its sample input. */
  protected abstract Subject subject();

  /** How the vendor signals failures. */
  protected abstract VendorSignals signals();

  /** How many records of the subject's kind {@code fake} holds now. */
  protected abstract int storedRecords(FakeVendor fake);

  /** A well-formed id the fake never issued. */
  protected abstract String missingId();

  /**
   * The base URI the connector gets for {@code fake}: its root by default; override when the
   * vendor's API lives under a path (Asana's {@code /api/1.0}, Jira's OAuth gateway).
   */
  protected URI baseUri(FakeVendor fake) {
    return fake.uri();
  }

  @BeforeEach
  final void startKit() {
    secret = "kitSecret" + UUID.randomUUID().toString().replace("-", "");
    time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    fake = newFake(secret);
    fake.start();
  }

  @AfterEach
  final void stopKit() {
    layers.forEach(ActionLayer::close);
    extraFakes.forEach(FakeVendor::close);
    fake.close();
  }

  /** A layer with the connector on {@link #fake} as {@link #CONNECTION}; rate limit off. */
  protected final ActionLayer layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    ActionLayer layer = ActionLayer.builder()
        .connection(CONNECTION, connector(baseUri(fake), secret), p -> policy.apply(p.noRateLimit()))
        .clock(time).sleeper(time).auditSink(events::add).build();
    layers.add(layer);
    return layer;
  }

  protected final ActionLayer layer() {
    return layer(UnaryOperator.identity());
  }

  /** A second fake of the same vendor, started and closed by the kit. */
  protected final FakeVendor anotherFake() {
    FakeVendor other = newFake(secret);
    other.start();
    extraFakes.add(other);
    return other;
  }

  /** Tracks a layer built by a rule so that the kit closes it. */
  protected final ActionLayer track(ActionLayer layer) {
    layers.add(layer);
    return layer;
  }

  protected final String create(ActionLayer layer) {
    return subject().create(layer, CONNECTION);
  }

  protected final String get(ActionLayer layer, String id) {
    return subject().get(layer, CONNECTION, id);
  }

  protected final void delete(ActionLayer layer, String id) {
    subject().delete(layer, CONNECTION, id);
  }

  /** The connector's declared create safety. */
  protected final CreateSafety createSafety() {
    Connector c = connector(baseUri(fake), secret);
    switch (subject().noun()) {
      case "tasks":
        return c.tasks().createSafety();
      case "contacts":
        return c.contacts().createSafety();
      default:
        return c.folders().createSafety();
    }
  }

  /** Runs {@code call}, which must fail with an {@link ActionException}; returns its error. */
  protected static ActionError failure(Runnable call) {
    try {
      call.run();
    } catch (ActionException e) {
      return e.error();
    }
    throw new AssertionError("expected an ActionException, but the call succeeded");
  }

  /** Requests the fake received that create a record. */
  protected final List<RecordedCall> creates() {
    List<RecordedCall> out = new ArrayList<>();
    for (RecordedCall c : fake.requests()) if (fake.isCreate(c)) out.add(c);
    return out;
  }
}
