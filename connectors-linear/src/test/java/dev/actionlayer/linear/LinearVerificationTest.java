package dev.actionlayer.linear;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeLinear;
import java.net.URI;

/** Linear against the conformance kit: GraphQL, creates findable by a key-derived issue id. */
class LinearVerificationTest extends ConnectorVerification<FakeLinear> {
  static final String TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";

  @Override
  protected FakeLinear newFake(String secret) {
    return new FakeLinear().requireToken(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Linear.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask(TEAM, "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new LinearSignals();
  }

  @Override
  protected int storedRecords(FakeLinear fake) {
    return fake.issueCount();
  }

  @Override
  protected String missingId() {
    return "00000000-0000-4000-8000-00000000beef";
  }

  /** Linear's errors, all HTTP 400 with an extensions code. */
  static final class LinearSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeLinear.authenticationError();
    }

    @Override
    public Fault permissionDenied() {
      return FakeLinear.forbidden();
    }

    @Override
    public Fault validation() {
      return FakeLinear.validationError("title");
    }

    @Override
    public String validationField() {
      return "title";
    }

    @Override
    public Fault rateLimited() {
      return FakeLinear.rateLimited();
    }
  }
}
