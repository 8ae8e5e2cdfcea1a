package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Update, list and search against FakeStripe's state, through the pipeline. */
class StripeUpdateListTest {
  private final LayerHarness harness = StripeHarness.create();
  private final FakeStripe stripe = new FakeStripe();

  @BeforeEach
  void start() {
    stripe.requireKey(StripeHarness.SECRET_KEY);
    stripe.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    stripe.close();
  }

  private Contacts contacts() {
    return harness.contacts(Stripe.connector(stripe.uri(), StripeHarness.bearer()));
  }

  @Test
  void aLastNameChangeKeepsTheFirstNameAndTheRecordCarriesTheNewFields() {
    Contacts contacts = contacts();
    Contact ada = contacts.create(new NewContact("Ada", "Lovelace", "ada@example.com"));

    Contact changed = contacts.update(ada.id(), ContactChanges.builder().lastName("King").phone("+44 20 7946 0000")
        .company("Analytical Engines").build());

    assertThat(changed.firstName()).isEqualTo("Ada");
    assertThat(changed.lastName()).isEqualTo("King");
    assertThat(changed.phone()).isEqualTo("+44 20 7946 0000");
    assertThat(changed.company()).isEqualTo("Analytical Engines");
    assertThat(changed.url()).isEqualTo("https://dashboard.stripe.com/test/customers/" + ada.id());
    assertThat(contacts.get(ada.id())).isEqualTo(changed);
    assertThat(stripe.customers()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("Ada King"));
  }

  @Test
  void clearingPhoneAndCompanyLeavesThemAbsent() {
    Contacts contacts = contacts();
    Contact ada = contacts.create(new NewContact("Ada", "Lovelace", null));
    contacts.update(ada.id(), ContactChanges.builder().phone("+1 555").company("Engines").build());

    Contact cleared = contacts.update(ada.id(), ContactChanges.builder().phone("").company("").build());

    assertThat(cleared.phone()).isNull();
    assertThat(cleared.company()).isNull();
    assertThat(cleared.lastName()).isEqualTo("Lovelace");
  }

  @Test
  void anUpdateOfADeletedCustomerIsNotFound() {
    Contacts contacts = contacts();
    Contact ada = contacts.create(new NewContact("Ada", "Lovelace", null));
    contacts.delete(ada.id());

    assertThat(LayerHarness.failure(() -> contacts.update(ada.id(), ContactChanges.builder().lastName("King").build()))
        .code()).isEqualTo(dev.actionlayer.ErrorCode.NOT_FOUND);
    assertThat(stripe.updateCount()).isZero();
  }

  @Test
  void anUpdateWhoseAnswerIsLostIsResentAndAppliedOnce() {
    Contacts contacts = contacts();
    Contact ada = contacts.create(new NewContact("Ada", "Lovelace", null));
    stripe.on(Requests.where(c -> c.method().equals("POST") && c.pathWithoutQuery().startsWith("/v1/customers/")))
        .nth(1).respond(Fault.applyThenReset());

    Contact changed = contacts.update(ada.id(), ContactChanges.builder().email("ada@example.org").build());

    assertThat(changed.email()).isEqualTo("ada@example.org");
    assertThat(stripe.customers()).singleElement().satisfies(c -> assertThat(c.email()).isEqualTo("ada@example.org"));
  }

  @Test
  void listingByEmailAndSearchingByNamePageThroughTheMatches() {
    Contacts contacts = contacts();
    List<String> lovelaces = new ArrayList<>();
    for (int i = 0; i < 3; i++) lovelaces.add(0, contacts.create(new NewContact("Ada" + i, "Lovelace", "ada@example.com")).id());
    contacts.create(new NewContact("Charles", "Babbage", "charles@example.com"));

    assertThat(readAll(contacts, ContactQuery.byEmail("ada@example.com"))).containsExactlyElementsOf(lovelaces);
    assertThat(readAll(contacts, new ContactQuery(null, "lovelace", 2, null))).containsExactlyElementsOf(lovelaces);
    assertThat(readAll(contacts, new ContactQuery(null, "Babbage", 0, null))).hasSize(1);
  }

  private static List<String> readAll(Contacts contacts, ContactQuery query) {
    List<String> ids = new ArrayList<>();
    ContactQuery q = new ContactQuery(query.email(), query.name(), 2, null);
    do {
      Page<Contact> page = contacts.list(q);
      page.items().forEach(c -> ids.add(c.id()));
      q = q.next(page);
    } while (q.cursor() != null);
    return ids;
  }

  @Test
  void aSagaThatFailsAfterAnUpdatePutsTheNamesAndCompanyBack() {
    FakeTime time = new FakeTime(StripeHarness.START);
    try (ActionLayer layer = ActionLayer.builder()
        .connection("stripe", Stripe.connector(stripe.uri(), StripeHarness.bearer()))
        .clock(time).sleeper(time).build()) {
      Contact ada = layer.contacts("stripe").create(new NewContact("Ada", "Lovelace", "ada@example.com"));

      SagaResult result = layer.saga("marry")
          .step("rename", s -> s.contacts("stripe").update(ada.id(),
              ContactChanges.builder().lastName("King").company("Analytical Engines").build()))
          .step("fails", s -> {
            throw ActionException.invalidField("x", "boom");
          })
          .run();

      assertThat(result.status()).isEqualTo(SagaResult.Status.COMPENSATED);
      Contact back = layer.contacts("stripe").get(ada.id());
      assertThat(back.lastName()).isEqualTo("Lovelace");
      assertThat(back.firstName()).isEqualTo("Ada");
      assertThat(back.company()).isNull();
    }
  }
}
