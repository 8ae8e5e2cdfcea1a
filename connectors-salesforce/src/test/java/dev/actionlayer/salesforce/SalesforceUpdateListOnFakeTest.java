package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding a contact by email, moving it to an Account, closing a task: on FakeSalesforce's state. */
class SalesforceUpdateListOnFakeTest {
  private final FakeSalesforce sf = new FakeSalesforce().requireBearer(SalesforceHarness.TOKEN);
  private final LayerHarness harness = SalesforceHarness.create();
  private Contacts contacts;
  private Tasks tasks;

  @BeforeEach
  void start() {
    sf.start();
    var connector = Salesforce.connector(sf.uri(), SalesforceHarness.bearer());
    contacts = harness.contacts(connector, p -> p.duplicateWindow(Duration.ZERO));
    tasks = harness.tasks(connector, p -> p.duplicateWindow(Duration.ZERO));
  }

  @AfterEach
  void stop() {
    harness.close();
    sf.close();
  }

  @Test
  void anAgentFindsAContactByEmailAndSeesItsCompany() {
    String acme = sf.account("Analytical Engines");
    Contact ada = contacts.create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    contacts.create(new NewContact("Charles", "Babbage", "charles@example.com"));
    contacts.update(ada.id(), ContactChanges.builder().phone("+44 20 7946 0000")
        .extra(Map.of("AccountId", acme)).build());

    Page<Contact> found = contacts.list(ContactQuery.byEmail("ada@example.com"));

    assertThat(found.items()).containsExactly(new Contact(ada.id(), "Ada", "Lovelace", "ada@example.com",
        "+44 20 7946 0000", "Analytical Engines", sf.uri() + "/lightning/r/Contact/" + ada.id() + "/view",
        Map.of("AccountId", acme)));
    assertThat(found.nextCursor()).isNull();
    assertThat(contacts.list(new ContactQuery(null, "babb", 0, null)).items()).extracting(Contact::lastName)
        .containsExactly("Babbage");
  }

  @Test
  void contactsArePagedByIdUntilTheLastPage() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) ids.add(contacts.create(new NewContact("C", "Contact " + i, null)).id());

    List<String> listed = new ArrayList<>();
    ContactQuery query = new ContactQuery(null, null, 2, null);
    Page<Contact> page;
    int pages = 0;
    do {
      page = contacts.list(query);
      page.items().forEach(c -> listed.add(c.id()));
      query = query.next(page);
      pages++;
    } while (page.hasMore());

    assertThat(listed).containsExactlyElementsOf(ids);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void anAgentClosesATaskAndFindsItAmongTheDoneOnes() {
    Task call = tasks.create(new NewTask(null, "Call Ada", null));
    tasks.create(new NewTask(null, "Email Ada", null));

    Task closed = tasks.update(call.id(), TaskChanges.builder().status(TaskStatus.DONE).dueDate("2024-06-01").build());

    assertThat(closed.status()).isEqualTo(TaskStatus.DONE);
    assertThat(closed.vendorStatus()).isEqualTo("Completed");
    assertThat(closed.dueDate()).isEqualTo("2024-06-01");
    assertThat(tasks.list(new TaskQuery(null, TaskStatus.DONE, null, null, 0, null)).items()).extracting(Task::id)
        .containsExactly(call.id());
    assertThat(tasks.list(new TaskQuery(null, TaskStatus.OPEN, null, "ada", 0, null)).items())
        .extracting(Task::title).containsExactly("Email Ada");
  }

  @Test
  void anUpdateWhoseAnswerIsLostIsSentAgainAndLandsOnce() {
    Task call = tasks.create(new NewTask(null, "Call Ada", null));
    sf.on(Requests.method("PATCH")).nth(1).respond(Fault.applyThenReset());

    Task task = tasks.update(call.id(), TaskChanges.builder().vendorStatus("Deferred").build());

    assertThat(task.vendorStatus()).isEqualTo("Deferred");
    assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(sf.requestCount(c -> c.method().equals("PATCH"))).isEqualTo(2);
    assertThat(sf.tasks()).extracting(FakeSalesforce.StoredTask::status).containsExactly("Deferred");
  }
}
