package dev.actionlayer.pipedrive;

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
import dev.actionlayer.testkit.fakes.FakePipedrive;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends, as FakePipedrive records them. */
class PipedriveWireFormatTest {
  private final FakePipedrive pipedrive = new FakePipedrive().requireBearer("oauth-123");
  private final LayerHarness harness = new LayerHarness("pipedrive", Instant.parse("2026-11-25T10:00:00Z"));

  @BeforeEach
  void start() {
    pipedrive.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    pipedrive.close();
  }

  private Contacts contacts(String keyField) {
    return harness.contacts(Pipedrive.connector(pipedrive.uri(), Credentials.bearer("oauth-123"), keyField));
  }

  private RecordedCall last() {
    List<RecordedCall> calls = pipedrive.requests();
    return calls.get(calls.size() - 1);
  }

  @Test
  void createPostsTheNameAndAPrimaryEmailWithTheTokenInTheHeaderOnly() {
    Contact c = contacts(null).create(new NewContact("Ada", "Lovelace", "ada@example.com"));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/api/v2/persons");
    assertThat(call.header("Authorization")).isEqualTo("Bearer oauth-123");
    assertThat(call.body()).isEqualTo("{\"name\":\"Ada Lovelace\",\"emails\":[{\"value\":\"ada@example.com\",\"primary\":true,\"label\":\"work\"}]}");
    assertThat(c).extracting(Contact::id, Contact::firstName, Contact::lastName, Contact::email)
        .containsExactly("1", "Ada", "Lovelace", "ada@example.com");
  }

  @Test
  void aFindableCreateCarriesItsKeyInTheCustomField() {
    contacts(PipedriveVerificationTest.KEY_FIELD).create(new NewContact(null, "Lovelace", null));

    assertThat(last().body()).matches("\\{\"name\":\"Lovelace\",\"custom_fields\":\\{\""
        + PipedriveVerificationTest.KEY_FIELD + "\":\"[0-9a-f-]{36}\"}}");
    assertThat(contacts(null).get("1").lastName()).isEqualTo("Lovelace");
  }

  @Test
  void getAndDeleteAddressThePerson() {
    contacts(null).create(new NewContact("Ada", "Lovelace", null));

    contacts(null).get("1");
    assertThat(last().method() + " " + last().path()).isEqualTo("GET /api/v2/persons/1");
    contacts(null).delete("1");
    assertThat(last().method() + " " + last().path()).isEqualTo("DELETE /api/v2/persons/1");
    assertThat(pipedrive.personCount()).isZero();
  }

  @Test
  void changingOnlyTheLastNameReadsTheFirstNameAndSendsTheWholeName() {
    contacts(null).create(new NewContact("Ada", "Lovelace", null));
    int before = pipedrive.requestCount();

    Contact c = contacts(null).update("1", ContactChanges.builder().lastName("King").phone("+44 20 7946 0000").company("7").build());

    List<RecordedCall> calls = pipedrive.requests().subList(before, pipedrive.requestCount());
    assertThat(calls).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /api/v2/persons/1", "PATCH /api/v2/persons/1");
    assertThat(calls.get(1).body()).isEqualTo("{\"name\":\"Ada King\",\"phones\":[{\"value\":\"+44 20 7946 0000\",\"primary\":true,"
        + "\"label\":\"work\"}],\"org_id\":7}");
    assertThat(c).extracting(Contact::lastName, Contact::phone, Contact::company).containsExactly("King", "+44 20 7946 0000", "7");
  }

  @Test
  void listingPagesWithV2sCursor() {
    for (int i = 0; i < 3; i++) contacts(null).create(new NewContact("Ada", "Lovelace" + i, null));

    Page<Contact> first = contacts(null).list(new ContactQuery(null, null, 2, null));
    assertThat(last().path()).isEqualTo("/api/v2/persons?limit=2");
    Page<Contact> second = contacts(null).list(new ContactQuery(null, null, 2, first.nextCursor()));

    assertThat(last().queryParameter("cursor")).isEqualTo(first.nextCursor());
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).extracting(Contact::lastName).containsExactly("Lovelace2");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void anEmailIsAnExactSearchOnTheEmailField() {
    contacts(null).create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    contacts(null).create(new NewContact("Charles", "Babbage", "charles@example.com"));

    Page<Contact> page = contacts(null).list(ContactQuery.byEmail("ada@example.com"));

    assertThat(last().path()).isEqualTo("/api/v2/persons/search?term=ada%40example.com&fields=email&exact_match=true&limit=25");
    assertThat(page.items()).extracting(Contact::id, Contact::firstName, Contact::lastName, Contact::email)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "Ada", "Lovelace", "ada@example.com"));
  }

  @Test
  void emailAndNameTogetherAreUnsupportedAndNothingIsSent() {
    assertThat(LayerHarness.failure(() -> contacts(null).list(new ContactQuery("ada@example.com", "Ada", 0, null))).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(LayerHarness.failure(() -> contacts(null).get("1/../../users")).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(pipedrive.requestCount()).isZero();
  }

  @Test
  void theProviderIsFoundByItsVendorName() {
    dev.actionlayer.spi.ConnectorProvider provider = java.util.ServiceLoader.load(dev.actionlayer.spi.ConnectorProvider.class)
        .stream().map(java.util.ServiceLoader.Provider::get).filter(p -> p.vendor().equals("pipedrive")).findFirst().orElseThrow();

    assertThat(provider.connector(Pipedrive.DEFAULT_BASE_URI, Credentials.bearer("t"), java.util.Map.of()).vendor()).isEqualTo("pipedrive");
  }
}
