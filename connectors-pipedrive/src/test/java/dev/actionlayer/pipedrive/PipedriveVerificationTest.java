package dev.actionlayer.pipedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakePipedrive;
import java.net.URI;

/** Pipedrive persons against the conformance kit, creates findable by a key custom field. */
class PipedriveVerificationTest extends ConnectorVerification<FakePipedrive> {
  static final String KEY_FIELD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

  @Override
  protected FakePipedrive newFake(String secret) {
    return new FakePipedrive().requireBearer(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Pipedrive.connector(baseUri, Credentials.bearer(secret), KEY_FIELD);
  }

  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", "ada@example.com"));
  }

  /** Pipedrive's v1 openapi.yaml (shipped in @opensdks/sdk-pipedrive 0.0.1). */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("pipedrive");
  }

  @Override
  protected VendorSignals signals() {
    return new PipedriveSignals();
  }

  @Override
  protected int storedRecords(FakePipedrive fake) {
    return fake.personCount();
  }

  @Override
  protected String missingId() {
    return "999999";
  }

  /** Pipedrive's answers. */
  static final class PipedriveSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakePipedrive.unauthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakePipedrive.featureCapped();
    }

    @Override
    public Fault validation() {
      return FakePipedrive.validation("emails", "Invalid email format");
    }

    @Override
    public String validationField() {
      return "email";
    }

    @Override
    public Fault rateLimited() {
      return Fault.status(429).body("{\"success\":false,\"error\":\"Request over limit\",\"error_info\":\"Please check"
          + " developers.pipedrive.com for more information about Pipedrive API.\",\"data\":null,\"additional_data\":null}",
          "application/json");
    }
  }
}
