package dev.actionlayer.hubspot;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fakes.FakeHubSpot;
import java.net.URI;

/** HubSpot contacts against the conformance kit without a key property: creates are unkeyed. */
class HubSpotUnkeyedVerificationTest extends ConnectorVerification<FakeHubSpot> {

  @Override
  protected FakeHubSpot newFake(String secret) {
    return new FakeHubSpot().requireBearer(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return HubSpot.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", null));
  }

  /** The same document, and the same named corrections, as the keyed test. */
  @Override
  protected VendorDocument document() {
    return HubSpotVerificationTest.hubspotDocument();
  }

  @Override
  protected VendorSignals signals() {
    return new HubSpotVerificationTest.HubSpotSignals();
  }

  @Override
  protected int storedRecords(FakeHubSpot fake) {
    return fake.contactCount();
  }

  @Override
  protected String missingId() {
    return "999999999";
  }
}
