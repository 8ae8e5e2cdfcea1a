package dev.actionlayer.hubspot;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeHubSpot;
import java.net.URI;

/** HubSpot contacts against the conformance kit, creates keyed by a unique property (upsert). */
class HubSpotVerificationTest extends ConnectorVerification<FakeHubSpot> {

  @Override
  protected FakeHubSpot newFake(String secret) {
    return new FakeHubSpot().requireBearer(secret).withUniqueProperty("actionlayer_key");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return HubSpot.connector(baseUri, Credentials.bearer(secret), "actionlayer_key");
  }

  /** No email: every logical create is its own contact (HubSpot keeps emails unique). */
  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", null));
  }

  /** HubSpot's CRM contacts v3 document (its api-catalog document, shipped in @opensdks/sdk-hubspot 0.0.6). */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("hubspot");
  }

  @Override
  protected VendorSignals signals() {
    return new HubSpotSignals();
  }

  @Override
  protected int storedRecords(FakeHubSpot fake) {
    return fake.contactCount();
  }

  @Override
  protected String missingId() {
    return "999999999";
  }

  /** HubSpot's answers, as its documentation shows them. */
  static final class HubSpotSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeHubSpot.unauthenticated();
    }

    @Override
    public Fault permissionDenied() {
      return FakeHubSpot.missingScopes();
    }

    @Override
    public Fault validation() {
      return FakeHubSpot.invalidEmail("ada@");
    }

    @Override
    public String validationField() {
      return "email";
    }

    @Override
    public Fault rateLimited() {
      return FakeHubSpot.rateLimited("TEN_SECONDLY_ROLLING");
    }

    /** A private app's daily allowance spent: {@code policyName} {@code DAILY}. */
    @Override
    public Fault quotaExhausted() {
      return FakeHubSpot.rateLimited("DAILY");
    }
  }
}
