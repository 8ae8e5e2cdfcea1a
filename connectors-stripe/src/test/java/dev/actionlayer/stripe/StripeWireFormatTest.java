package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.NewContact;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
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

class StripeWireFormatTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String ADA = "{\"id\":\"cus_QXg1o8vcGmoR32\",\"object\":\"customer\","
      + "\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\","
      + "\"metadata\":{\"actionlayer_key\":\"k\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}}";

  private final LayerHarness harness = StripeHarness.create();

  /** A contact with only names and email, as a customer whose mode the body does not say links to the live dashboard. */
  static Contact contact(String id, String first, String last, String email) {
    return new Contact(id, first, last, email, null, null, "https://dashboard.stripe.com/customers/" + id, Map.of());
  }
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
    return harness.contacts(Stripe.connector(server.url("/").uri(), StripeHarness.bearer()));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_wire").body(body).build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void createPostsTheFormEncodedCustomerWithItsIdempotencyKeyAndBearerKey() throws Exception {
    server.enqueue(json(200, ADA));

    Contact contact = contacts().create(new NewContact("Ada", "Lovelace", "ada@example.com"));

    assertThat(contact).isEqualTo(contact("cus_QXg1o8vcGmoR32", "Ada", "Lovelace", "ada@example.com"));
    RecordedRequest request = server.takeRequest();
    String key = request.getHeaders().get("Idempotency-Key");
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v1/customers");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + StripeHarness.SECRET_KEY);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.getHeaders().get("Stripe-Version")).isNull();
    assertThat(key).matches(UUID);
    assertThat(body(request)).isEqualTo("name=Ada%20Lovelace&email=ada%40example.com"
        + "&metadata[actionlayer_key]=" + key + "&metadata[first_name]=Ada&metadata[last_name]=Lovelace");
  }

  @Test
  void spacesPlusAmpersandsQuotesAndUnicodeStayDataInTheForm() throws Exception {
    server.enqueue(json(200, ADA));

    contacts().create(new NewContact("Zoë & Jo", "O'Brien+Søn=1", "a+b@example.com"));

    RecordedRequest request = server.takeRequest();
    String key = request.getHeaders().get("Idempotency-Key");
    String form = body(request);
    assertThat(form).isEqualTo("name=Zo%C3%AB%20%26%20Jo%20O%27Brien%2BS%C3%B8n%3D1"
        + "&email=a%2Bb%40example.com&metadata[actionlayer_key]=" + key
        + "&metadata[first_name]=Zo%C3%AB%20%26%20Jo&metadata[last_name]=O%27Brien%2BS%C3%B8n%3D1");
    assertThat(form).matches("[A-Za-z0-9%&=\\[\\]_.~-]+");
    String[] pairs = form.split("&");
    assertThat(pairs).hasSize(5);
    assertThat(URLDecoder.decode(pairs[0].substring("name=".length()), StandardCharsets.UTF_8))
        .isEqualTo("Zoë & Jo O'Brien+Søn=1");
    assertThat(URLDecoder.decode(pairs[1].substring("email=".length()), StandardCharsets.UTF_8))
        .isEqualTo("a+b@example.com");
  }

  @Test
  void aContactWithoutFirstNameOrEmailSendsOnlyWhatItHas() throws Exception {
    server.enqueue(json(200, "{\"id\":\"cus_1\",\"object\":\"customer\",\"name\":\"Cher\","
        + "\"email\":null,\"metadata\":{\"last_name\":\"Cher\"}}"));

    Contact contact = contacts().create(new NewContact(null, "Cher", null));

    RecordedRequest request = server.takeRequest();
    assertThat(body(request)).isEqualTo("name=Cher&metadata[actionlayer_key]="
        + request.getHeaders().get("Idempotency-Key") + "&metadata[last_name]=Cher");
    assertThat(contact).isEqualTo(contact("cus_1", null, "Cher", null));
  }

  @Test
  void theIdempotencyKeyAndBodyAreIdenticalAcrossTheRetriesOfOneCall() throws Exception {
    server.enqueue(json(500, "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}"));
    server.enqueue(json(200, ADA));
    server.enqueue(json(200, ADA));
    Contacts contacts = contacts();

    contacts.create(new NewContact("Ada", "Lovelace", "ada@example.com"));
    contacts.create(new NewContact("Ada", "Byron", "ada@example.com"));

    RecordedRequest first = server.takeRequest();
    RecordedRequest retry = server.takeRequest();
    RecordedRequest nextCall = server.takeRequest();
    assertThat(first.getHeaders().get("Idempotency-Key")).matches(UUID);
    assertThat(retry.getHeaders().get("Idempotency-Key")).isEqualTo(first.getHeaders().get("Idempotency-Key"));
    assertThat(body(retry)).isEqualTo(body(first));
    assertThat(nextCall.getHeaders().get("Idempotency-Key")).isNotEqualTo(first.getHeaders().get("Idempotency-Key"));
    assertThat(harness.time().sleeps()).hasSize(1);
  }

  @Test
  void getAndDeleteAddressTheCustomerAndCarryNoIdempotencyKeyOrBody() throws Exception {
    server.enqueue(json(200, ADA));
    server.enqueue(Samples.load("/stripe/delete-customer-200.http"));
    Contacts contacts = contacts();

    Contact read = contacts.get("cus_QXg1o8vcGmoR32");
    contacts.delete("cus_QXg1o8vcGmoR32");

    assertThat(read).isEqualTo(contact("cus_QXg1o8vcGmoR32", "Ada", "Lovelace", "ada@example.com"));
    RecordedRequest get = server.takeRequest();
    RecordedRequest delete = server.takeRequest();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    for (RecordedRequest r : new RecordedRequest[] {get, delete}) {
      assertThat(r.getTarget()).isEqualTo("/v1/customers/cus_QXg1o8vcGmoR32");
      assertThat(r.getHeaders().get("Idempotency-Key")).isNull();
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + StripeHarness.SECRET_KEY);
      assertThat(body(r)).isEmpty();
    }
  }

  @Test
  void aPinnedApiVersionGoesOnEveryRequest() throws Exception {
    server.enqueue(json(200, ADA));
    server.enqueue(json(200, ADA));
    server.enqueue(Samples.load("/stripe/delete-customer-200.http"));
    Contacts contacts = harness.contacts(Stripe.builder(server.url("/").uri(), StripeHarness.bearer())
        .apiVersion("2024-06-20").build());

    contacts.create(new NewContact("Ada", "Lovelace", null));
    contacts.get("cus_QXg1o8vcGmoR32");
    contacts.delete("cus_QXg1o8vcGmoR32");

    for (int i = 0; i < 3; i++) {
      assertThat(server.takeRequest().getHeaders().get("Stripe-Version")).isEqualTo("2024-06-20");
    }
  }

  @Test
  void createReadsTheVerbatimCustomerSample() {
    server.enqueue(Samples.load("/stripe/create-customer-200.http"));

    Contact contact = contacts().create(new NewContact("Ada", "Lovelace", null));

    // The fixture's customer has no name, email or metadata: the answer is what Stripe stored.
    assertThat(contact).isEqualTo(new Contact("cus_QXg1o8vcGmoR32", null, null, null, null, null,
        "https://dashboard.stripe.com/test/customers/cus_QXg1o8vcGmoR32", Map.of()));
  }

  @Test
  void namesComeFromTheMetadataWhileTheyStillAgreeWithName() {
    server.enqueue(json(200, "{\"id\":\"cus_1\",\"object\":\"customer\",\"name\":\"Mary Ann Smith\","
        + "\"metadata\":{\"first_name\":\"Mary Ann\",\"last_name\":\"Smith\"}}"));
    server.enqueue(json(200, "{\"id\":\"cus_2\",\"object\":\"customer\",\"name\":\"Augusta Ada King\","
        + "\"metadata\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}}"));
    server.enqueue(json(200, "{\"id\":\"cus_3\",\"object\":\"customer\",\"name\":\"Cher\",\"metadata\":{}}"));
    server.enqueue(json(200, "{\"id\":\"cus_4\",\"object\":\"customer\",\"name\":null}"));
    Contacts contacts = contacts();

    assertThat(contacts.get("cus_1")).isEqualTo(contact("cus_1", "Mary Ann", "Smith", null));
    assertThat(contacts.get("cus_2")).isEqualTo(contact("cus_2", "Augusta Ada", "King", null));
    assertThat(contacts.get("cus_3")).isEqualTo(contact("cus_3", null, "Cher", null));
    assertThat(contacts.get("cus_4")).isEqualTo(contact("cus_4", null, null, null));
  }
}
