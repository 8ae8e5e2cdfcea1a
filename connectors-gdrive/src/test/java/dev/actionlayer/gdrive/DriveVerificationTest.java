package dev.actionlayer.gdrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.net.URI;

/** Google Drive folders against the conformance kit: creates carry a pre-generated id (keyed). */
class DriveVerificationTest extends ConnectorVerification<FakeDrive> {

  @Override
  protected FakeDrive newFake(String secret) {
    return new FakeDrive().requireBearer(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return GoogleDrive.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.folders(new NewFolder("Ada Lovelace", null));
  }

  @Override
  protected VendorSignals signals() {
    return new DriveSignals();
  }

  @Override
  protected int storedRecords(FakeDrive fake) {
    return fake.folderCount();
  }

  @Override
  protected String missingId() {
    return "1NoSuchFolderIdWasEverIssued00000000";
  }

  /** Drive's answers, verbatim from the fact sheet (section 3.2) where it has them. */
  static final class DriveSignals implements VendorSignals {

    @Override
    public Fault unauthenticated() {
      return FakeDrive.authError401();
    }

    @Override
    public Fault permissionDenied() {
      return FakeDrive.insufficientScopes403();
    }

    @Override
    public Fault validation() {
      return FakeDrive.badRequest400("name", "Invalid value for name");
    }

    @Override
    public String validationField() {
      return "name";
    }

    @Override
    public Fault rateLimited() {
      return FakeDrive.rateLimited429();
    }

    @Override
    public Fault quotaExhausted() {
      return FakeDrive.dailyLimitExceeded403();
    }
  }
}
