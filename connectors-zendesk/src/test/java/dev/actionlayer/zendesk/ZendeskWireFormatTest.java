package dev.actionlayer.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeZendesk;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the connector sends, as FakeZendesk records them. */
class ZendeskWireFormatTest {
  private static final String AUTH = "Basic YWdlbnRAZXhhbXBsZS5jb20vdG9rZW46dDBr"; // agent@example.com/token:t0k
  private final FakeZendesk zendesk = new FakeZendesk().requireBasic("agent@example.com/token", "t0k");
  private final LayerHarness harness = new LayerHarness("zendesk", Instant.parse("2026-11-25T10:00:00Z"));

  @BeforeEach
  void start() {
    zendesk.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    zendesk.close();
  }

  private Contacts contacts() {
    return harness.contacts(Zendesk.connector(zendesk.uri(), Credentials.basic("agent@example.com/token", "t0k")));
  }

  private List<RecordedCall> since(int before) {
    return zendesk.requests().subList(before, zendesk.requestCount());
  }

  @Test
  void aCreateWithAnEmailLooksForItsHolderThenUpsertsByTheCallsKey() {
    Contact c = contacts().create(new NewContact("Ada", "Lovelace", "ada@example.com"));

    List<RecordedCall> calls = zendesk.requests();
    assertThat(calls).extracting(RecordedCall::method).containsExactly("GET", "POST");
    assertThat(calls.get(0).path()).isEqualTo("/api/v2/users/search?query=email%3A%22ada%40example.com%22&page%5Bsize%5D=100");
    assertThat(calls.get(1).path()).isEqualTo("/api/v2/users/create_or_update");
    assertThat(calls.get(1).header("Authorization")).isEqualTo(AUTH);
    assertThat(calls.get(1).body()).matches("\\{\"user\":\\{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
        + "\"external_id\":\"[0-9a-f-]{36}\",\"role\":\"end-user\",\"skip_verify_email\":true}}");
    assertThat(c.id()).isEqualTo("10001");
    assertThat(c.url()).isEqualTo(zendesk.uri() + "/agent/users/10001");
    assertThat(c.extra()).containsEntry("role", "end-user").containsKey("external_id");
  }

  @Test
  void anotherUsersEmailIsAConflictAndNothingIsCreatedOrOverwritten() {
    long theirs = zendesk.seed("Augusta King", "ada@example.com", "crm-42");

    ActionError e = LayerHarness.failure(() -> contacts().create(new NewContact("Ada", "Lovelace", "ada@example.com"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.fieldErrors()).containsEntry("email", "is already the email of Zendesk user " + theirs);
    assertThat(zendesk.requests()).extracting(RecordedCall::method).containsExactly("GET");
    assertThat(zendesk.user(theirs)).containsEntry("name", "Augusta King").containsEntry("external_id", "crm-42");
  }

  @Test
  void aRepeatedKeyedCreateLandsOnTheSameUser() {
    try (FakeZendesk zendesk = new FakeZendesk()) { // VendorWire sends no Basic credentials
      zendesk.start();
      VendorWire wire = new VendorWire(zendesk);
      ZendeskUsers users = new ZendeskUsers(zendesk.uri());
      CallContext context = new CallContext("key-1", "contacts.create");
      NewContact ada = new NewContact("Ada", "Lovelace", null);

      int first = wire.send(users.create(ada, context)).status();
      int again = wire.send(users.create(ada, context)).status();

      assertThat(first).isEqualTo(201);
      assertThat(again).isEqualTo(200);
      assertThat(zendesk.activeUserCount()).isEqualTo(1);
    }
  }

  @Test
  void theKeyFindsTheUserAfterwards() throws Exception {
    try (FakeZendesk zendesk = new FakeZendesk()) {
      zendesk.start();
      VendorWire wire = new VendorWire(zendesk);
      ZendeskUsers users = new ZendeskUsers(zendesk.uri());
      CallContext context = new CallContext("key-2", "contacts.create");
      NewContact ada = new NewContact("Ada", "Lovelace", null);
      assertThat(users.readFound(wire.send(users.find(ada, context)), ada, context)).isNull();

      wire.send(users.create(ada, context));

      assertThat(zendesk.requests().get(0).path()).isEqualTo("/api/v2/users/search?external_id=key-2");
      assertThat(users.readFound(wire.send(users.find(ada, context)), ada, context).lastName()).isEqualTo("Lovelace");
    }
  }

  @Test
  void changingTheFirstNameReadsTheLastAndPutsTheWholeName() {
    String id = contacts().create(new NewContact("Ada", "Lovelace", null)).id();
    int before = zendesk.requestCount();

    Contact c = contacts().update(id, ContactChanges.builder().firstName("Augusta").phone("+44 20 7946 0000").build());

    List<RecordedCall> calls = since(before);
    assertThat(calls).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /api/v2/users/" + id, "PUT /api/v2/users/" + id);
    assertThat(calls.get(1).body()).isEqualTo("{\"user\":{\"name\":\"Augusta Lovelace\",\"phone\":\"+44 20 7946 0000\"}}");
    assertThat(c).extracting(Contact::firstName, Contact::lastName, Contact::phone).containsExactly("Augusta", "Lovelace", "+44 20 7946 0000");
  }

  @Test
  void anEmailChangeIsUnsupportedAndNothingIsSent() {
    assertThat(LayerHarness.failure(() -> contacts().update("10001", ContactChanges.builder().email("a@b.co").build())).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(zendesk.requestCount()).isZero();
  }

  @Test
  void deleteDeactivatesAndTheUserThenReadsAsNotFound() {
    String id = contacts().create(new NewContact("Ada", "Lovelace", null)).id();

    contacts().delete(id);

    assertThat(zendesk.requests().get(zendesk.requestCount() - 1).path()).isEqualTo("/api/v2/users/" + id);
    assertThat(LayerHarness.failure(() -> contacts().get(id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void listingEndUsersPagesWithTheAfterCursor() {
    for (int i = 0; i < 3; i++) contacts().create(new NewContact("Ada", "Lovelace" + i, null));

    Page<Contact> first = contacts().list(new ContactQuery(null, null, 2, null));
    RecordedCall call = zendesk.requests().get(zendesk.requestCount() - 1);
    Page<Contact> second = contacts().list(new ContactQuery(null, null, 2, first.nextCursor()));

    assertThat(call.path()).isEqualTo("/api/v2/users?role=end-user&page%5Bsize%5D=2");
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).extracting(Contact::lastName).containsExactly("Lovelace2");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void anEmailAndANameAreOneQuotedSearch() {
    contacts().create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    contacts().create(new NewContact("Charles", "Babbage", "charles@example.com"));

    Page<Contact> page = contacts().list(new ContactQuery("ada@example.com", "Ada Lovelace", 10, null));

    assertThat(zendesk.requests().get(zendesk.requestCount() - 1).queryParameter("query"))
        .isEqualTo("role:end-user email:\"ada@example.com\" name:\"Ada Lovelace\"");
    assertThat(page.items()).extracting(Contact::email).containsExactly("ada@example.com");
    assertThat(LayerHarness.failure(() -> contacts().list(new ContactQuery(null, "Ada\" OR role:admin", 10, null))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void theProviderIsFoundByItsVendorName() {
    dev.actionlayer.spi.ConnectorProvider provider = java.util.ServiceLoader.load(dev.actionlayer.spi.ConnectorProvider.class)
        .stream().map(java.util.ServiceLoader.Provider::get).filter(p -> p.vendor().equals("zendesk")).findFirst().orElseThrow();

    assertThat(provider.connector(Zendesk.site("acme"), Credentials.bearer("t"), java.util.Map.of()).vendor()).isEqualTo("zendesk");
  }
}
