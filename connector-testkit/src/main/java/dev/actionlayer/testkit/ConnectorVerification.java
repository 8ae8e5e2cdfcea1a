package dev.actionlayer.testkit;

import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit: extend it in a connector's tests, supply the connector, its fake and its
 * capabilities, and JUnit runs every rule against them — round trips, error mapping by meaning,
 * update and list (or UNSUPPORTED), retry safety, cooldown, breaker isolation, timeouts, redaction
 * and id safety. Rules are named
 * after what they require: {@code required_…} must pass; {@code required_ifKeyed_…} (and
 * {@code ifUnkeyed}, {@code ifFindable}) must pass for connectors whose creates are made safe that
 * way; {@code optional_…} apply only to some vendors. A rule that does not apply is skipped with
 * the reason, never silently absent. Every
 * verdict is also written to {@code target/conformance/<TestClass>.txt}.
 *
 * <pre>{@code
 * class JiraVerificationTest extends ConnectorVerification<FakeJira> {
 *   protected FakeJira newFake(String secret) { return new FakeJira().requireBasic("dev@example.com", secret); }
 *   protected Connector connector(URI base, String secret) { return Jira.connector(base, Credentials.basic("dev@example.com", secret)); }
 *   protected Subject subject() { return Subject.tasks(new NewTask("PROJ", "Fix login bug", "500s on /login")); }
 *   protected VendorSignals signals() { return new JiraSignals(); }
 *   protected int storedRecords(FakeJira fake) { return fake.issueCount(); }
 *   protected String missingId() { return "PROJ-999"; }
 * }
 * }</pre>
 *
 * <p>{@code F} is the connector's fake: any {@link FakeVendor}, a first-party one from
 * {@code vendor-fakes} or the author's own. The hooks (all {@code protected abstract}):
 * {@code newFake(secret)} — an unstarted fake that accepts only {@code secret};
 * {@code connector(baseUri, secret)}; {@code subject()}; {@code signals()} — the vendor's failure
 * answers as {@link Fault}s; {@code storedRecords(fake)}; {@code missingId()} — a well-formed id
 * the fake never issued; optionally {@code baseUri(fake)} when the connector's base URI has a path
 * below the fake's root. The kit plants a random secret per rule, runs on {@link FakeTime}
 * (nothing really sleeps: backoff, cooldowns and the client-side rate limit, which stays on, all
 * wait on the layer's clock).
 *
 * <p>The rules live in flat JUnit 5 test interfaces, one per concern (round trip, error mapping,
 * retry safety, protection, security), each a set of default {@code @Test} methods over the
 * running rule's kit; this class implements them all, so none can be left out.
 *
 * <p>The vendor's own API description: override {@link #document()} and every request the fake
 * receives in every rule is validated against the vendor's published OpenAPI document as the rule
 * ends (a violation fails the rule with the validator's message), and
 * {@code optional_document_theDocumentsResponsesAreRead} serves the document's responses to the
 * connector. The check is written to {@code target/document-check/<TestClass>.txt}.
 *
 * @param <F> the connector's fake vendor
 */
@ExtendWith({ConformanceReport.class, DocumentReport.class})
public abstract class ConnectorVerification<F extends FakeVendor>
    implements RoundTripRules, UpdateListRules, ErrorMappingRules, RetrySafetyRules, ProtectionRules,
    SecurityRules, DocumentRules {

  private Kit<F> kit;

  /** A new, unstarted fake of the vendor that accepts only {@code secret} as credential. */
  protected abstract F newFake(String secret);

  /** The connector under test for {@code baseUri}, authenticating with {@code secret}. */
  protected abstract Connector connector(URI baseUri, String secret);

  /** The canonical resource to exercise and its sample input. */
  protected abstract Subject subject();

  /** How the vendor signals failures. */
  protected abstract VendorSignals signals();

  /** How many records of the subject's kind {@code fake} holds now. */
  protected abstract int storedRecords(F fake);

  /** A well-formed id the fake never issued. */
  protected abstract String missingId();

  /**
   * The base URI the connector gets for {@code fake}: its root by default; override when the
   * vendor's API lives under a path (Asana's {@code /api/1.0}, Jira's OAuth gateway).
   */
  protected URI baseUri(F fake) {
    return fake.uri();
  }

  /**
   * The vendor's own published OpenAPI document that the connector's requests must satisfy:
   * {@code VendorDocument.named("stripe")} for one the build fetched ({@code vendor-documents}), with
   * the document's known errors named there. Null (the default) when the vendor publishes none: the
   * report then says the requests went unchecked, and why.
   */
  protected VendorDocument document() {
    return null;
  }

  @BeforeEach
  final void startKit() {
    kit = new Kit<>(this);
  }

  @AfterEach
  final void stopKit(TestInfo rule) {
    if (kit == null) return;
    try {
      kit.checkDocument(rule.getTestMethod().map(java.lang.reflect.Method::getName).orElse(rule.getDisplayName()));
    } finally {
      kit.close();
    }
  }

  /**
   * The running rule's kit, for the rule interfaces; not for connector tests, which use their
   * own fakes and layers.
   */
  @Override
  public final Kit<F> kit() {
    if (kit == null) throw new IllegalStateException("no rule is running");
    return kit;
  }
}
