package dev.actionlayer.testkit.kit;

import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.net.URI;

/**
 * The kit run against {@link ReferenceJira}; not named *Test so that surefire leaves it (and its
 * broken subclasses) to {@link KitCatchesBrokenConnectorsTest}, which runs them on purpose.
 */
public class ReferenceVerification extends ConnectorVerification<FakeJira> {
  static final String EMAIL = "kit@example.com";

  @Override
  protected FakeJira newFake(String secret) {
    return new FakeJira().requireBasic(EMAIL, secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return new ReferenceJira(baseUri, EMAIL, secret);
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask("PROJ", "Fix login bug", null));
  }

  @Override
  protected VendorSignals signals() {
    return new VendorSignals() {
      @Override
      public Fault unauthenticated() {
        return Fault.status(401).body("Client must be authenticated to access this resource.", "text/plain");
      }

      @Override
      public Fault permissionDenied() {
        return Fault.status(403).body("{\"errorMessages\":[\"No permission\"],\"errors\":{}}", "application/json");
      }

      @Override
      public Fault validation() {
        return Fault.status(400).body("{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}", "application/json");
      }

      @Override
      public String validationField() {
        return "title";
      }

      @Override
      public Fault rateLimited() {
        return Fault.status(429).body("{\"errorMessages\":[\"The request has been rate-limited.\"],\"errors\":{}}", "application/json");
      }
    };
  }

  /** Jira's own document: the reference connector's requests are Jira's. */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("jira");
  }

  @Override
  protected int storedRecords(FakeJira fake) {
    return fake.issueCount();
  }

  @Override
  protected String missingId() {
    return "PROJ-999";
  }
}
