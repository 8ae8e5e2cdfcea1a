package dev.actionlayer.gdrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * Google's Drive v3 discovery document as APIs.guru converted it to OpenAPI. The converter gave
   * {@code files.create} and {@code files.update} only the media-upload body
   * ({@code application/octet-stream}); Google's discovery document describes the metadata request
   * as JSON {@code File} (request {@code $ref: File}), so that is added, and the JSON bodies are
   * validated against {@code File}. Generated responses are folders: the connector reads nothing else.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("gdrive").patch(
        "files.create and files.update take a JSON File (Google's discovery document: request $ref File); "
            + "the converted document offers only application/octet-stream",
        doc -> {
          for (String[] op : new String[][] {{"/files", "post"}, {"/files/{fileId}", "patch"}}) {
            ((ObjectNode) doc.path("paths").path(op[0]).path(op[1]).path("requestBody").path("content"))
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/File");
          }
        })
        .sample("mimeType", "application/vnd.google-apps.folder",
            "the connector reads folders only; a File of any other type is NOT_FOUND by design");
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
