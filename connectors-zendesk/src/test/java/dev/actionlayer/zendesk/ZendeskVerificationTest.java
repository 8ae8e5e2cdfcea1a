package dev.actionlayer.zendesk;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeZendesk;
import java.net.URI;

/** Zendesk end users against the conformance kit: creates keyed by external_id (create_or_update). */
class ZendeskVerificationTest extends ConnectorVerification<FakeZendesk> {
  static final String AGENT = "agent@example.com/token";

  @Override
  protected FakeZendesk newFake(String secret) {
    return new FakeZendesk().requireBasic(AGENT, secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Zendesk.connector(baseUri, Credentials.basic(AGENT, secret));
  }

  /** No email: Zendesk keeps emails unique, and the kit creates the sample several times. */
  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", null));
  }

  @Override
  protected VendorSignals signals() {
    return new ZendeskSignals();
  }

  @Override
  protected int storedRecords(FakeZendesk fake) {
    return fake.activeUserCount();
  }

  @Override
  protected String missingId() {
    return "99999999";
  }

  /** Zendesk's answers. */
  static final class ZendeskSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeZendesk.unauthenticated();
    }

    @Override
    public Fault permissionDenied() {
      return FakeZendesk.forbidden();
    }

    @Override
    public Fault validation() {
      return FakeZendesk.invalid("email", "Email: ada@ is not properly formatted", "InvalidValue");
    }

    @Override
    public String validationField() {
      return "email";
    }

    @Override
    public Fault rateLimited() {
      return FakeZendesk.rateLimited();
    }
  }
}
