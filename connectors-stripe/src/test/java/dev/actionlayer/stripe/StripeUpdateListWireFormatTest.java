package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests of {@code contacts.update} and {@code contacts.list}, and how their answers read. */
class StripeUpdateListWireFormatTest {
  private static final String ID = "cus_QXg1o8vcGmoR32";
  private static final String ADA = "{\"id\":\"" + ID + "\",\"object\":\"customer\",\"livemode\":false,"
      + "\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"phone\":\"+44 20 7946 0000\","
      + "\"description\":\"VIP\",\"metadata\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
      + "\"company\":\"Analytical Engines\"}}";

  private final LayerHarness harness = StripeHarness.create();
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Contacts contacts() {
    return harness.contacts(Stripe.builder(server.url("/").uri(), StripeHarness.bearer()).apiVersion("2024-06-20").build());
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_wire").body(body).build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  private static String decoded(RecordedRequest request) {
    return URLDecoder.decode(body(request), StandardCharsets.UTF_8);
  }

  @Test
  void anUpdateReadsTheWholeRecordBack() {
    server.enqueue(json(ADA));

    Contact contact = contacts().update(ID, ContactChanges.builder().phone("+44 20 7946 0000").build());

    assertThat(contact).isEqualTo(new Contact(ID, "Ada", "Lovelace", "ada@example.com", "+44 20 7946 0000",
        "Analytical Engines", "https://dashboard.stripe.com/test/customers/" + ID, Map.of("description", "VIP")));
  }

  @Test
  void anUpdatePostsOnlyTheChangedParametersFormEncoded() throws Exception {
    server.enqueue(json(ADA));

    contacts().update(ID, ContactChanges.builder().email("ada@example.org").phone("").company("Babbage & Co")
        .extra(Map.of("description", "VIP")).build());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v1/customers/" + ID);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + StripeHarness.SECRET_KEY);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getHeaders().get("Stripe-Version")).isEqualTo("2024-06-20");
    assertThat(body(request)).isEqualTo("email=ada%40example.org&phone=&metadata[company]=Babbage%20%26%20Co"
        + "&description=VIP");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void bothNamesAreSentTogetherWithTheirMetadataWithoutALook() throws Exception {
    server.enqueue(json(ADA));

    contacts().update(ID, ContactChanges.builder().firstName("Augusta Ada").lastName("King").build());

    assertThat(decoded(server.takeRequest()))
        .isEqualTo("name=Augusta Ada King&metadata[first_name]=Augusta Ada&metadata[last_name]=King");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void oneNameReadsTheCustomerFirstToKeepTheOther() throws Exception {
    server.enqueue(json(ADA));
    server.enqueue(json(ADA));

    contacts().update(ID, ContactChanges.builder().lastName("King").build());

    RecordedRequest look = server.takeRequest();
    assertThat(look.getMethod()).isEqualTo("GET");
    assertThat(look.getTarget()).isEqualTo("/v1/customers/" + ID);
    RecordedRequest update = server.takeRequest();
    assertThat(update.getMethod()).isEqualTo("POST");
    assertThat(decoded(update)).isEqualTo("name=Ada King&metadata[first_name]=Ada&metadata[last_name]=King");
  }

  @Test
  void clearingTheFirstNameLeavesTheLastAsTheName() throws Exception {
    server.enqueue(json(ADA));
    server.enqueue(json(ADA));

    contacts().update(ID, ContactChanges.builder().firstName("").build());

    server.takeRequest();
    assertThat(decoded(server.takeRequest())).isEqualTo("name=Lovelace&metadata[first_name]=&metadata[last_name]=Lovelace");
  }

  @Test
  void anUpdateCarriesTheCallsKeyWhenThePipelineGivesItOne() {
    @SuppressWarnings("unchecked")
    Updatable<ContactChanges, Contact> customers = (Updatable<ContactChanges, Contact>)
        Stripe.connector(Stripe.DEFAULT_BASE_URI, StripeHarness.bearer()).contacts();
    ContactChanges changes = ContactChanges.builder().email("ada@example.org").build();

    VendorRequest keyed = customers.update(ID, changes, new CallContext("3f2b-key", "contacts.update"));
    VendorRequest unkeyed = customers.update(ID, changes, new CallContext("-", "contacts.update"));

    assertThat(keyed.headers()).contains(Map.entry("Idempotency-Key", "3f2b-key"));
    assertThat(unkeyed.headers()).extracting(Map.Entry::getKey).doesNotContain("Idempotency-Key");
  }

  @Test
  void extraOtherThanDescriptionIsUnsupportedAndNothingIsSent() {
    ActionError error = LayerHarness.failure(() -> contacts().update(ID,
        ContactChanges.builder().extra(Map.of("tax_exempt", "exempt")).build())).error();

    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.fieldErrors()).containsKey("extra.tax_exempt");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aHostileIdNeverLeavesTheProcess() {
    ActionError error = LayerHarness.failure(() -> contacts().update("cus_1/../../v1/charges",
        ContactChanges.builder().email("a@b.c").build())).error();

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aListPagesByTheLastIdWhileHasMore() throws Exception {
    server.enqueue(json("{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":true,\"data\":[" + ADA
        + ",{\"id\":\"cus_2\",\"object\":\"customer\",\"name\":\"Bob\"}]}"));
    server.enqueue(json("{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":false,\"data\":[]}"));
    Contacts contacts = contacts();

    Page<Contact> first = contacts.list(new ContactQuery("ada@example.com", null, 2, null));
    Page<Contact> second = contacts.list(new ContactQuery("ada@example.com", null, 2, first.nextCursor()));

    assertThat(first.items()).extracting(Contact::id).containsExactly(ID, "cus_2");
    assertThat(first.nextCursor()).isEqualTo("cus_2");
    assertThat(second.items()).isEmpty();
    assertThat(second.nextCursor()).isNull();
    RecordedRequest one = server.takeRequest();
    assertThat(one.getMethod()).isEqualTo("GET");
    assertThat(one.getTarget()).isEqualTo("/v1/customers?limit=2&email=ada%40example.com");
    assertThat(one.getBody()).isNull();
    assertThat(one.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/customers?limit=2&email=ada%40example.com&starting_after=cus_2");
  }

  @Test
  void aCursorThatIsNotACustomerIdIsRefusedBeforeSending() {
    ActionError error = LayerHarness.failure(() -> contacts().list(new ContactQuery(null, null, 0, "../x"))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(error.fieldErrors()).containsKey("cursor");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNameSearchesWithAQuotedSubstringAndPagesByNextPage() throws Exception {
    server.enqueue(json("{\"object\":\"search_result\",\"url\":\"/v1/customers/search\",\"has_more\":true,"
        + "\"next_page\":\"page_abc\",\"data\":[" + ADA + "]}"));
    server.enqueue(json("{\"object\":\"search_result\",\"url\":\"/v1/customers/search\",\"has_more\":false,"
        + "\"next_page\":null,\"data\":[]}"));
    Contacts contacts = contacts();

    Page<Contact> first = contacts.list(new ContactQuery(null, "Ada \"The Countess\"", 1, null));
    contacts.list(new ContactQuery(null, "Ada \"The Countess\"", 1, first.nextCursor()));

    assertThat(first.nextCursor()).isEqualTo("page_abc");
    RecordedRequest one = server.takeRequest();
    assertThat(one.getUrl().encodedPath()).isEqualTo("/v1/customers/search");
    assertThat(one.getUrl().queryParameter("query")).isEqualTo("name~\"Ada \\\"The Countess\\\"\"");
    assertThat(one.getUrl().queryParameter("limit")).isEqualTo("1");
    assertThat(one.getUrl().queryParameter("page")).isNull();
    assertThat(server.takeRequest().getUrl().queryParameter("page")).isEqualTo("page_abc");
  }

  @Test
  void aShortNameMatchesWholeWordsAndAnEmailJoinsTheSearch() throws Exception {
    server.enqueue(json("{\"object\":\"search_result\",\"has_more\":false,\"data\":[]}"));

    contacts().list(new ContactQuery("ada@example.com", "Al", 0, null));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().queryParameter("query")).isEqualTo("name:\"Al\" AND email:\"ada@example.com\"");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("25");
  }

  @Test
  void aNameWithABackslashIsUnsupportedAndNothingIsSent() {
    ActionError error = LayerHarness.failure(() -> contacts().list(new ContactQuery(null, "a\\\" OR x", 0, null))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.fieldErrors()).containsKey("name");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aSearchAnswerIsNotReadAsAListNorTheOtherWayRound() {
    for (int i = 0; i < 3; i++) server.enqueue(json("{\"object\":\"search_result\",\"has_more\":false,\"data\":[]}"));

    ActionError error = LayerHarness.failure(() -> contacts().list(ContactQuery.all())).error();

    assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
