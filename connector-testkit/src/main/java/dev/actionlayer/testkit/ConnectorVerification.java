package dev.actionlayer.testkit;

/**
 * The conformance kit: extend it in a connector's tests, supply the connector, its fake and its
 * capabilities, and JUnit runs every rule against them — round trips, error mapping by meaning,
 * retry safety, cooldown, breaker isolation, timeouts, redaction and id safety. Rules are named
 * after what they require: {@code required_…} must pass; {@code required_ifKeyed_…} (and
 * {@code ifUnkeyed}, {@code ifFindable}) must pass for connectors whose creates are made safe that
 * way; {@code optional_…} apply only to some vendors. A rule that does not apply is skipped with
 * the reason, never silently absent. Every
 * verdict is also written to {@code target/conformance/<TestClass>.txt}.
 *
 * <pre>{@code
 * class JiraVerificationTest extends ConnectorVerification {
 *   protected FakeVendor newFake(String secret) { return new FakeJira().requireBasic("dev@example.com", secret); }
 *   protected Connector connector(URI base, String secret) { return Jira.connector(base, Credentials.basic("dev@example.com", secret)); }
 *   protected Subject subject() { return Subject.tasks(new NewTask("PROJ", "Fix login bug", "500s on /login")); }
 *   protected VendorSignals signals() { return new JiraSignals(); }
 *   protected int storedRecords(FakeVendor fake) { return ((FakeJira) fake).issueCount(); }
 *   protected String missingId() { return "PROJ-999"; }
 * }
 * }</pre>
 *
 * <p>The hooks (all {@code protected abstract}): {@code newFake(secret)} — an unstarted fake that
 * accepts only {@code secret}; {@code connector(baseUri, secret)}; {@code subject()};
 * {@code signals()} — the vendor's failure answers as {@link Fault}s; {@code storedRecords(fake)};
 * {@code missingId()} — a well-formed id the fake never issued; optionally {@code baseUri(fake)}
 * when the connector's base URI has a path below the fake's root. The kit plants a random secret per
 * rule, runs on {@link FakeTime} (nothing really sleeps for backoff) and turns the client-side
 * rate limit off.
 */
public abstract class ConnectorVerification extends SecurityRules {
}
