package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeStripe's customer update (under the idempotency layer), list and search. */
class FakeStripeUpdateListTest {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final FakeStripe stripe = new FakeStripe();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false).callTimeout(Duration.ofSeconds(10)).build();

  private record Answer(int code, String body, okhttp3.Headers headers) {}

  @BeforeEach
  void start() {
    stripe.start();
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  private Answer send(Request.Builder request) throws IOException {
    try (Response response = client.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body().string(), response.headers());
    }
  }

  private Answer post(String path, String form, String key) throws IOException {
    Request.Builder b = new Request.Builder().url(stripe.uri() + path).post(RequestBody.create(form, FORM));
    if (key != null) b.header("Idempotency-Key", key);
    return send(b);
  }

  private Answer get(String pathAndQuery) throws IOException {
    return send(new Request.Builder().url(stripe.uri() + pathAndQuery));
  }

  private String create(String form) throws IOException {
    return (String) map(post("/v1/customers", form, null).body()).get("id");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String json) throws IOException {
    return (Map<String, Object>) Json.parse(json);
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> page) {
    List<String> ids = new ArrayList<>();
    for (Object c : (List<Object>) page.get("data")) ids.add((String) ((Map<String, Object>) c).get("id"));
    return ids;
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void anUpdateChangesOnlyWhatItNamesAndEmptyValuesUnset() throws IOException {
    String id = create("name=Ada%20Lovelace&phone=%2B1555&metadata[company]=Engines&metadata[x]=1");

    Answer answer = post("/v1/customers/" + id, "email=ada%40example.org&phone=&metadata[company]=", null);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(stripe.customers()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("Ada Lovelace");
      assertThat(c.email()).isEqualTo("ada@example.org");
      assertThat(c.phone()).isNull();
      assertThat(c.metadata()).isEqualTo(Map.of("x", "1"));
    });
    assertThat(map(answer.body())).containsEntry("object", "customer").containsEntry("email", "ada@example.org");
    assertThat(stripe.updateCount()).isEqualTo(1);
  }

  @Test
  void aKeyedUpdateIsReplayedAndAnotherBodyUnderTheKeyIsAnIdempotencyError() throws IOException {
    String id = create("name=Ada");

    Answer first = post("/v1/customers/" + id, "name=Ada%20King", "k-1");
    Answer again = post("/v1/customers/" + id, "name=Ada%20King", "k-1");
    Answer other = post("/v1/customers/" + id, "name=Someone", "k-1");

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().get("Idempotent-Replayed")).isEqualTo("true");
    assertThat(other.code()).isEqualTo(400);
    assertThat(other.body()).contains("\"type\":\"idempotency_error\"");
    assertThat(stripe.updateCount()).isEqualTo(1);
    assertThat(stripe.replayCount()).isEqualTo(1);
  }

  @Test
  void unknownParametersTooLongPhonesAndMissingCustomersAreRefused() throws IOException {
    String id = create("name=Ada");

    assertThat(post("/v1/customers/" + id, "nickname=Ada", null).body())
        .contains("\"code\":\"parameter_unknown\"", "\"param\":\"nickname\"");
    assertThat(post("/v1/customers/" + id, "phone=" + "1".repeat(21), null).body()).contains("\"param\":\"phone\"");
    assertThat(post("/v1/customers/" + id, "email=nope", null).body()).contains("\"code\":\"email_invalid\"");
    Answer missing = post("/v1/customers/cus_NoSuchCustomer0", "name=x", null);
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"resource_missing\"");
    assertThat(stripe.updateCount()).isZero();
  }

  @Test
  void aListIsNewestFirstAndPagesWithStartingAfter() throws IOException {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) made.add(create("name=C" + i));
    send(new Request.Builder().url(stripe.uri() + "/v1/customers/" + made.get(2)).delete());

    Map<String, Object> first = map(get("/v1/customers?limit=2").body());
    String last = ids(first).get(1);
    Map<String, Object> second = map(get("/v1/customers?limit=2&starting_after=" + last).body());

    assertThat(first).containsEntry("object", "list").containsEntry("has_more", true).containsEntry("url", "/v1/customers");
    assertThat(ids(first)).containsExactly(made.get(4), made.get(3));
    assertThat(ids(second)).containsExactly(made.get(1), made.get(0));
    assertThat(second).containsEntry("has_more", false);
  }

  @Test
  void aListFiltersByExactCaseSensitiveEmailAndBoundsTheLimit() throws IOException {
    String ada = create("email=ada%40example.com");
    create("email=Ada%40example.com");

    assertThat(ids(map(get("/v1/customers?email=" + q("ada@example.com")).body()))).containsExactly(ada);
    assertThat(get("/v1/customers?limit=101").code()).isEqualTo(400);
    assertThat(get("/v1/customers?limit=0").body()).contains("\"param\":\"limit\"");
    assertThat(get("/v1/customers?starting_after=cus_NoSuchCustomer0").body()).contains("\"param\":\"starting_after\"");
  }

  @Test
  void aSearchMatchesSubstringsAndWordsCaseInsensitivelyAndPagesWithNextPage() throws IOException {
    String ada = create("name=Ada%20Lovelace&email=ada%40example.com");
    String king = create("name=Augusta%20Ada%20King");
    create("name=Charles%20Babbage");

    Map<String, Object> first = map(get("/v1/customers/search?limit=1&query=" + q("name~\"ADA\"")).body());
    Map<String, Object> second = map(get("/v1/customers/search?limit=1&query=" + q("name~\"ADA\"")
        + "&page=" + first.get("next_page")).body());

    assertThat(first).containsEntry("object", "search_result").containsEntry("has_more", true);
    assertThat(ids(first)).containsExactly(king);
    assertThat(ids(second)).containsExactly(ada);
    assertThat(second).containsEntry("has_more", false).containsEntry("next_page", null);
    assertThat(ids(map(get("/v1/customers/search?query=" + q("name:\"ada king\"")).body()))).containsExactly(king);
    assertThat(ids(map(get("/v1/customers/search?query=" + q("name~\"love\" AND email:\"ada@example.com\"")).body())))
        .containsExactly(ada);
  }

  @Test
  void aSearchUnquotesEscapedQuotesAndRefusesWhatItCannotRun() throws IOException {
    String quoted = create("name=" + q("Ada \"The Countess\""));

    assertThat(ids(map(get("/v1/customers/search?query=" + q("name~\"\\\"The Countess\\\"\"")).body())))
        .containsExactly(quoted);
    for (String bad : List.of("name~\"ab\"", "name:Ada", "name:\"Ada", "-name:\"Ada\"", "address:\"x\"",
        "name:\"a\" OR name:\"b\"", "name:\"a\\b\"")) {
      Answer answer = get("/v1/customers/search?query=" + q(bad));
      assertThat(answer.code()).as(bad).isEqualTo(400);
      assertThat(answer.body()).as(bad).contains("\"param\":\"query\"");
    }
    assertThat(get("/v1/customers/search?query=" + q("name~\"Ada\"") + "&page=page_made_up").body())
        .contains("\"param\":\"page\"");
  }
}
