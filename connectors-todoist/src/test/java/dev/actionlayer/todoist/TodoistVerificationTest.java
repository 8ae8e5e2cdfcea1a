package dev.actionlayer.todoist;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeTodoist;
import java.net.URI;

/** Todoist (a description) against the conformance kit: creates keyed by X-Request-Id, a bearer token. */
class TodoistVerificationTest extends ConnectorVerification<FakeTodoist> {
  static final String PROJECT = "6Jf8VQXxpwv56VQ7";

  @Override
  protected FakeTodoist newFake(String secret) {
    return new FakeTodoist().requireBearer(secret);
  }

  @Override
  protected URI baseUri(FakeTodoist fake) {
    return fake.uri().resolve("/api/v1");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Todoist.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask(PROJECT, "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new VendorSignals() {
      @Override
      public Fault unauthenticated() {
        return FakeTodoist.notAuthorized();
      }

      @Override
      public Fault permissionDenied() {
        return FakeTodoist.forbidden();
      }

      @Override
      public Fault validation() {
        return FakeTodoist.argumentMissing("content");
      }

      @Override
      public String validationField() {
        return "title";
      }

      @Override
      public Fault rateLimited() {
        return FakeTodoist.rateLimited();
      }
    };
  }

  @Override
  protected int storedRecords(FakeTodoist fake) {
    return fake.taskCount();
  }

  @Override
  protected String missingId() {
    return "6Xt9999999999999";
  }
}
