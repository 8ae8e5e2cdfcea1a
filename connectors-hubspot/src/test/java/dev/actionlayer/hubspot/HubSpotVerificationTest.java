package dev.actionlayer.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeHubSpot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  /**
   * HubSpot's CRM contacts v3 document (its api-catalog document, shipped in @opensdks/sdk-hubspot
   * 0.0.6), with two named corrections: the copy predates {@code batch/upsert}, which keyed creates
   * use, and the example of a read contact lacks the members its own schema requires.
   */
  @Override
  protected VendorDocument document() {
    return hubspotDocument();
  }

  /** The npm copy of HubSpot's contacts document, corrected (shared with the unkeyed test). */
  static VendorDocument hubspotDocument() {
    return VendorDocument.named("hubspot")
        .patch("the npm copy predates POST /crm/v3/objects/contacts/batch/upsert; added as HubSpot's current "
                + "contacts document defines it (https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/"
                + "contacts/batch/upsert-contacts)", HubSpotVerificationTest::addBatchUpsert)
        .patch("the example of SimplePublicObjectWithAssociations (GET /crm/v3/objects/contacts/{contactId}) omits "
                + "id, createdAt and updatedAt, which its own schema requires and every answer carries "
                + "(https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/get-contact): "
                + "completed with the values of the document's SimplePublicObject example",
            HubSpotVerificationTest::completeReadExample)
        .patch("the npm copy requires associations in SimplePublicObjectInputForCreate (POST /crm/v3/objects/contacts); "
                + "HubSpot's current document makes it optional (its generated client, HubSpot/hubspot-api-nodejs "
                + "codegen/crm/contacts/models/SimplePublicObjectInputForCreate.ts, went from 'associations' to "
                + "'associations?') and its guide says a create 'can also' add associations "
                + "(https://developers.hubspot.com/docs/api/crm/contacts)",
            HubSpotVerificationTest::associationsOptional);
  }

  private static void associationsOptional(ObjectNode doc) {
    if (doc.path("components").path("schemas").path("SimplePublicObjectInputForCreate").get("required")
        instanceof ArrayNode required) {
      for (int i = required.size() - 1; i >= 0; i--) if (required.get(i).asText().equals("associations")) required.remove(i);
    }
  }

  private static void addBatchUpsert(ObjectNode doc) {
    JsonNode upsert;
    try (InputStream in = HubSpotVerificationTest.class.getResourceAsStream("/documents/hubspot-contacts-batch-upsert.json")) {
      upsert = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    doc.with("components").with("schemas").setAll((ObjectNode) upsert.get("schemas"));
    doc.with("paths").setAll((ObjectNode) upsert.get("paths"));
  }

  private static void completeReadExample(ObjectNode doc) {
    JsonNode schemas = doc.path("components").path("schemas");
    JsonNode done = schemas.path("SimplePublicObject").path("example");
    if (schemas.path("SimplePublicObjectWithAssociations").get("example") instanceof ObjectNode example) {
      for (String member : new String[] {"id", "createdAt", "updatedAt", "archived"}) {
        if (!example.has(member) && done.has(member)) example.set(member, done.get(member));
      }
    }
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
