package dev.actionlayer.asana;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeAsana;
import java.net.URI;

/** Asana against the conformance kit: unkeyed creates, a bearer personal access token. */
class AsanaVerificationTest extends ConnectorVerification<FakeAsana> {
  static final String PROJECT = "1204567890123456";

  @Override
  protected FakeAsana newFake(String secret) {
    return new FakeAsana().requireBearer(secret);
  }

  /** Asana's API lives under /api/1.0; the fake serves it there as the real one does. */
  @Override
  protected URI baseUri(FakeAsana fake) {
    return fake.uri().resolve("/api/1.0");
  }

  /**
   * Asana's own OpenAPI document (APIs.guru's copy of Asana/developer-docs defs/asana_oas.yaml).
   *
   * <p>{@code AsanaResource.gid} is readOnly and not marked required (no response member is), so a
   * task generated inside the {@code data} array of a list, where the kit keeps only required
   * members, is {@code {}}. Asana returns the gid of every object it returns ("a generic Asana
   * resource, containing a globally unique identifier"; the compact task of
   * https://developers.asana.com/docs/tasks always has gid and resource_type, opt_fields or not). A
   * task without its gid cannot be a task, so generated tasks carry one; every other member stays
   * absent, and the connector reads such a task as a task with an id and nothing else.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("asana")
        .sample("gid", "12345", "Asana returns every object with its gid (AsanaResource.gid is readOnly, not marked"
            + " required): https://developers.asana.com/docs/tasks (TaskCompact), "
            + "https://developers.asana.com/docs/inputoutput-options");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Asana.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask(PROJECT, "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new AsanaSignals();
  }

  @Override
  protected int storedRecords(FakeAsana fake) {
    return fake.taskCount();
  }

  @Override
  protected String missingId() {
    return "1999999999999999";
  }

  /** Asana's answers; it has no quota signal apart from its 429s. */
  static final class AsanaSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeAsana.notAuthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeAsana.forbidden();
    }

    @Override
    public Fault validation() {
      return Fault.status(400).body("{\"errors\":[{\"message\":\"name: Missing input\"}]}", "application/json");
    }

    @Override
    public String validationField() {
      return "title";
    }

    @Override
    public Fault rateLimited() {
      return FakeAsana.rateLimited();
    }
  }
}
