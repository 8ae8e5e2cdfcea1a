package dev.actionlayer.dropbox;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeDropbox;
import java.net.URI;

/** Dropbox against the conformance kit: creates made safe by reading {@code path/conflict/folder} back. */
class DropboxVerificationTest extends ConnectorVerification<FakeDropbox> {

  @Override
  protected FakeDropbox newFake(String secret) {
    return new FakeDropbox().requireBearer(secret);
  }

  /** Dropbox's RPC endpoints live under /2; the fake serves them there. */
  @Override
  protected URI baseUri(FakeDropbox fake) {
    return fake.uri().resolve("/2");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Dropbox.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.folders(new NewFolder("Ada Lovelace", null));
  }

  @Override
  protected VendorSignals signals() {
    return new DropboxSignals();
  }

  @Override
  protected int storedRecords(FakeDropbox fake) {
    return fake.folderCount();
  }

  @Override
  protected String missingId() {
    return "id:a4ayc_80_OEAAAAAAAA999999";
  }

  /** Dropbox's answers; a full account (409 path/insufficient_space) is the quota signal. */
  static final class DropboxSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeDropbox.notAuthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeDropbox.accessDenied();
    }

    @Override
    public Fault validation() {
      return FakeDropbox.disallowedName();
    }

    @Override
    public String validationField() {
      return "name";
    }

    @Override
    public Fault rateLimited() {
      return FakeDropbox.rateLimited();
    }

    @Override
    public Fault quotaExhausted() {
      return FakeDropbox.insufficientSpace();
    }
  }
}
