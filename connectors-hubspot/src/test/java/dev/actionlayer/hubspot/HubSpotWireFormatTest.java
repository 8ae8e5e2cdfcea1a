package dev.actionlayer.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fakes.FakeHubSpot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends, as FakeHubSpot records them. */
class HubSpotWireFormatTest {
  private final FakeHubSpot hubspot = new FakeHubSpot().requireBearer("pat-na1-123").withUniqueProperty("actionlayer_key");
  private final LayerHarness harness = new LayerHarness("hubspot", Instant.parse("2026-11-25T10:00:00Z"));

  @BeforeEach
  void start() {
    hubspot.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    hubspot.close();
  }

  private Contacts contacts(String keyProperty) {
    return harness.contacts(HubSpot.connector(hubspot.uri(), Credentials.bearer("pat-na1-123"), keyProperty));
  }

  private RecordedCall last() {
    List<RecordedCall> calls = hubspot.requests();
    return calls.get(calls.size() - 1);
  }

  @Test
  void anUnkeyedCreatePostsTheProperties() {
    Contact c = contacts(null).create(new NewContact("Ada", "Lovelace", "ada@example.com"));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/crm/v3/objects/contacts");
    assertThat(call.header("Authorization")).isEqualTo("Bearer pat-na1-123");
    assertThat(call.body()).isEqualTo("{\"properties\":{\"firstname\":\"Ada\",\"lastname\":\"Lovelace\",\"email\":\"ada@example.com\"}}");
    assertThat(c.id()).isEqualTo("101");
    assertThat(c.email()).isEqualTo("ada@example.com");
  }

  @Test
  void aKeyedCreateUpsertsByTheKeyPropertyUnderTheCallsKey() {
    Contact c = contacts("actionlayer_key").create(new NewContact(null, "Lovelace", null));

    RecordedCall call = last();
    assertThat(call.path()).isEqualTo("/crm/v3/objects/contacts/batch/upsert");
    assertThat(call.body()).matches("\\{\"inputs\":\\[\\{\"idProperty\":\"actionlayer_key\",\"id\":\"[0-9a-f-]{36}\","
        + "\"properties\":\\{\"lastname\":\"Lovelace\"}}]}");
    assertThat(hubspot.contact(c.id())).containsEntry("lastname", "Lovelace").containsKey("actionlayer_key");
  }

  @Test
  void getAsksForTheCanonicalProperties() {
    String id = contacts(null).create(new NewContact("Ada", "Lovelace", null)).id();

    Contact c = contacts(null).get(id);

    assertThat(last().path()).isEqualTo("/crm/v3/objects/contacts/" + id + "?properties=firstname%2Clastname%2Cemail%2Cphone%2Ccompany");
    assertThat(c.lastName()).isEqualTo("Lovelace");
    assertThat(c.extra()).containsKeys("createdAt", "updatedAt");
  }

  @Test
  void updatePatchesOnlyTheGivenPropertiesAndEmptyClears() {
    String id = contacts(null).create(new NewContact("Ada", "Lovelace", null)).id();

    Contact c = contacts(null).update(id, ContactChanges.builder().phone("+44 20 7946 0000").company("").build());

    assertThat(last().method()).isEqualTo("PATCH");
    assertThat(last().path()).isEqualTo("/crm/v3/objects/contacts/" + id);
    assertThat(last().body()).isEqualTo("{\"properties\":{\"phone\":\"+44 20 7946 0000\",\"company\":\"\"}}");
    assertThat(c.phone()).isEqualTo("+44 20 7946 0000");
    assertThat(c.company()).isNull();
  }

  @Test
  void deleteArchives() {
    String id = contacts(null).create(new NewContact("Ada", "Lovelace", null)).id();

    contacts(null).delete(id);

    assertThat(last().method()).isEqualTo("DELETE");
    assertThat(last().path()).isEqualTo("/crm/v3/objects/contacts/" + id);
    assertThat(hubspot.contactCount()).isZero();
  }

  @Test
  void listingEveryoneUsesThePlainListWithItsAfterCursor() {
    for (int i = 0; i < 3; i++) contacts(null).create(new NewContact("Ada", "Lovelace" + i, null));

    Page<Contact> first = contacts(null).list(new ContactQuery(null, null, 2, null));
    assertThat(last().path()).isEqualTo("/crm/v3/objects/contacts?limit=2&properties=firstname%2Clastname%2Cemail%2Cphone%2Ccompany");
    Page<Contact> second = contacts(null).list(new ContactQuery(null, null, 2, first.nextCursor()));

    assertThat(last().path()).endsWith("&after=" + first.nextCursor());
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void findingByEmailAndNameSearchesWithFilterGroups() {
    contacts(null).create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    contacts(null).create(new NewContact("Charles", "Babbage", "charles@example.com"));

    Page<Contact> page = contacts(null).list(new ContactQuery("ada@example.com", "Lovelace", 10, null));

    assertThat(last().path()).isEqualTo("/crm/v3/objects/contacts/search");
    assertThat(last().body()).isEqualTo("{\"filterGroups\":["
        + "{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\",\"value\":\"ada@example.com\"},"
        + "{\"propertyName\":\"firstname\",\"operator\":\"CONTAINS_TOKEN\",\"value\":\"Lovelace\"}]},"
        + "{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\",\"value\":\"ada@example.com\"},"
        + "{\"propertyName\":\"lastname\",\"operator\":\"CONTAINS_TOKEN\",\"value\":\"Lovelace\"}]}],"
        + "\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}],"
        + "\"properties\":[\"firstname\",\"lastname\",\"email\",\"phone\",\"company\"],\"limit\":10}");
    assertThat(page.items()).extracting(Contact::email).containsExactly("ada@example.com");
  }

  @Test
  void idsAndCursorsThatAreNotHubSpotsNeverLeaveTheProcess() {
    assertThat(LayerHarness.failure(() -> contacts(null).get("../owners")).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(LayerHarness.failure(() -> contacts(null).list(new ContactQuery(null, null, 2, "a&b"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(hubspot.requestCount()).isZero();
  }

  @Test
  void theProviderIsFoundByItsVendorName() {
    dev.actionlayer.spi.ConnectorProvider provider = java.util.ServiceLoader.load(dev.actionlayer.spi.ConnectorProvider.class)
        .stream().map(java.util.ServiceLoader.Provider::get).filter(p -> p.vendor().equals("hubspot")).findFirst().orElseThrow();

    assertThat(provider.connector(HubSpot.DEFAULT_BASE_URI, Credentials.bearer("t"), java.util.Map.of("keyProperty", "actionlayer_key")).vendor()).isEqualTo("hubspot");
  }
}
