package dev.actionlayer.pipedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fakes.FakePipedrive;
import java.net.URI;

/** Pipedrive persons against the conformance kit without a key field: creates are unkeyed. */
class PipedriveUnkeyedVerificationTest extends ConnectorVerification<FakePipedrive> {

  @Override
  protected FakePipedrive newFake(String secret) {
    return new FakePipedrive().requireBearer(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Pipedrive.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", "ada@example.com"));
  }

  /** The same document, and the same named corrections, as the keyed test. */
  @Override
  protected VendorDocument document() {
    return PipedriveVerificationTest.pipedriveDocument();
  }

  @Override
  protected VendorSignals signals() {
    return new PipedriveVerificationTest.PipedriveSignals();
  }

  @Override
  protected int storedRecords(FakePipedrive fake) {
    return fake.personCount();
  }

  @Override
  protected String missingId() {
    return "999999";
  }
}
