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
  private final VendorDocument document;
  private DocumentCheck documentCheck;

  Kit(ConnectorVerification<F> hooks) {
    this.hooks = hooks;
    this.fake = hooks.newFake(secret);
    this.document = hooks.document();
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

  /** The path of the connector's base URI on the fake ({@code /api/1.0}), "" at its root. */
  String basePath() {
    String path = hooks.baseUri(fake).getPath();
    return path == null ? "" : path;
  }

  /** The connector's document, loaded (once per JVM); null when the test names none. */
  DocumentCheck documentCheck() {
    if (document != null && documentCheck == null) documentCheck = DocumentCheck.of(document);
    return documentCheck;
  }

  /** Why the requests are not checked against a document. */
  String noDocumentReason() {
    String vendor = connector().vendor();
    String none = DocumentIndex.none(vendor);
    return "the connector's test names no vendor document (" + vendor + ": "
        + (none == null ? "override ConnectorVerification.document()" : none) + ")";
  }

  /** Records one of the document's responses served to the connector, in the document report. */
  void reportResponse(String verdict, String line) {
    DocumentReport.response(hooks.getClass(), documentHeader(), verdict, line);
  }

  /**
   * Validates every request the rule's fakes received against the vendor's document, writes the
   * verdicts to the document report, and fails the rule with the validator's messages if any
   * request violates the document.
   */
  void checkDocument(String rule) {
    List<RecordedCall> calls = new ArrayList<>(fake.requests());
    for (FakeVendor other : extraFakes) calls.addAll(other.requests());
    DocumentCheck check = documentCheck();
    if (check == null) {
      DocumentReport.undocumented(hooks.getClass(), documentHeader(), rule, calls.size());
      return;
    }
    List<DocumentCheck.Verdict> verdicts = new ArrayList<>();
    for (RecordedCall call : calls) verdicts.add(check.check(call, basePath()));
    DocumentReport.rule(hooks.getClass(), documentHeader(), rule, verdicts);
    List<String> violations = new ArrayList<>();
    for (DocumentCheck.Verdict v : verdicts) {
      for (String m : v.violations()) violations.add(v.method() + " " + v.path() + ": " + m);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " request(s) violate the vendor's document "
          + document.resource + ": " + String.join("; ", new java.util.LinkedHashSet<>(violations)));
    }
  }

  private String documentHeader() {
    if (document == null) return "document: none; " + noDocumentReason();
    StringBuilder b = new StringBuilder("document: " + document.resource);
    String source = DocumentIndex.source(document.resource);
    if (source != null) b.append(" (").append(source).append(")");
    if (document.unresolvedBecause != null) b.append(System.lineSeparator()).append("  UNRESOLVED refs: ").append(document.unresolvedBecause);
    if (document.openBecause() != null) b.append(System.lineSeparator()).append("  UNDECLARED PROPERTIES ALLOWED: ").append(document.openBecause());
    for (VendorDocument.Patch p : document.patches) b.append(System.lineSeparator()).append("  PATCHED: ").append(p.reason());
    for (VendorDocument.Ignored i : document.ignored) {
      b.append(System.lineSeparator()).append("  IGNORED ").append(i.key()).append(" on ").append(i.method()).append(' ')
          .append(i.path()).append(": ").append(i.reason());
    }
    for (VendorDocument.SampleValue v : document.sampleValues) {
      b.append(System.lineSeparator()).append("  SAMPLE ").append(v.property()).append('=').append(v.value()).append(": ")
          .append(v.reason());
    }
    for (VendorDocument.Undocumented u : document.undocumented) {
      b.append(System.lineSeparator()).append("  UNDOCUMENTED ").append(u.method()).append(' ').append(u.path().pattern())
          .append(": ").append(u.reason());
    }
    return b.toString();
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
