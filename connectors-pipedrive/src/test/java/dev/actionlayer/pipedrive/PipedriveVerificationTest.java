package dev.actionlayer.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakePipedrive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  /**
   * Pipedrive's v1 openapi.yaml (shipped in @opensdks/sdk-pipedrive 0.0.1, the only npm copy), which
   * describes API v1 only. The connector uses API v2's persons ({@code /api/v2/persons}), which
   * Pipedrive describes in its separate v2 document (no npm package carries it): those operations are
   * added by a named patch, transcribed in {@code documents/pipedrive-v2-persons.json} (see its README).
   */
  @Override
  protected VendorDocument document() {
    return pipedriveDocument();
  }

  /** The v1 document with the v2 persons operations added (shared with the unkeyed test). */
  static VendorDocument pipedriveDocument() {
    return VendorDocument.named("pipedrive").patch(
        "the npm document is Pipedrive's v1 openapi.yaml; the v2 persons operations the connector uses "
            + "(POST/GET /api/v2/persons, GET/PATCH/DELETE /api/v2/persons/{id}, GET /api/v2/persons/search) are added "
            + "from Pipedrive's v2 document (https://developers.pipedrive.com/docs/api/v1/Persons, v2 entries)",
        PipedriveVerificationTest::addV2Persons)
        .sample("id", 1, "Pipedrive returns every person with its id (the v2 person schema marks no member required, "
            + "so a person generated inside a list's data, where the kit keeps only required members, is {}): "
            + "https://developers.pipedrive.com/docs/api/v1/Persons#getPersons (v2)");
  }

  private static void addV2Persons(ObjectNode doc) {
    JsonNode v2;
    try (InputStream in = PipedriveVerificationTest.class.getResourceAsStream("/documents/pipedrive-v2-persons.json")) {
      v2 = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode components = doc.with("components");
    components.with("schemas").setAll((ObjectNode) v2.get("schemas"));
    components.with("securitySchemes").setAll((ObjectNode) v2.get("securitySchemes"));
    doc.with("paths").setAll((ObjectNode) v2.get("paths"));
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
