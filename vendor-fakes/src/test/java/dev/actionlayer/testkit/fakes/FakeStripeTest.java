package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeStripeTest {

  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final String KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
  private static final String ADA = "name=Ada%20Lovelace&email=ada%40example.com"
      + "&metadata[first_name]=Ada&metadata[last_name]=Lovelace";

  private final FakeStripe stripe = new FakeStripe();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false).callTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() {
    stripe.start();
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  /** A response reduced to what the tests compare. */
  private record Answer(int code, String body, okhttp3.Headers headers) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private Answer send(Request.Builder request) throws IOException {
    try (Response response = client.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body().string(), response.headers());
    }
  }

  private Request.Builder to(String path) {
    return new Request.Builder().url(stripe.uri() + path).header("Authorization", "Bearer " + KEY);
  }

  private Answer post(String form, String idempotencyKey) throws IOException {
    Request.Builder b = to("/v1/customers").post(RequestBody.create(form, FORM));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b);
  }

  private Answer get(String path) throws IOException {
    return send(to(path));
  }

  private Answer delete(String path) throws IOException {
    return send(to(path).delete());
  }

  private static Object json(String text) throws IOException {
    return Json.parse(text);
  }

  private static String idOf(Answer created) throws IOException {
    return (String) ((Map<?, ?>) json(created.body())).get("id");
  }

  @Test
  void createRetrieveDeleteRoundTripInStripesShapes() throws IOException {
    Answer created = post(ADA, null);

    assertThat(created.code()).isEqualTo(200);
    assertThat(created.header("Content-Type")).isEqualTo("application/json");
    assertThat(created.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
    assertThat(created.header("Stripe-Version")).isEqualTo(FakeStripe.API_VERSION);
    String id = idOf(created);
    assertThat(id).matches("cus_[A-Za-z0-9]{14}");
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) json(created.body());
    assertThat(customer).containsEntry("object", "customer").containsEntry("name", "Ada Lovelace")
        .containsEntry("email", "ada@example.com").containsEntry("livemode", false)
        .containsEntry("metadata", Map.of("first_name", "Ada", "last_name", "Lovelace"))
        .containsEntry("discount", null).containsEntry("shipping", null).containsKey("invoice_settings");

    Answer read = get("/v1/customers/" + id);
    assertThat(read.code()).isEqualTo(200);
    assertThat(json(read.body())).isEqualTo(json(created.body()));

    Answer deleted = delete("/v1/customers/" + id);
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"deleted\":true,\"id\":\"" + id + "\",\"object\":\"customer\"}");

    Answer afterDelete = get("/v1/customers/" + id);
    assertThat(afterDelete.code()).isEqualTo(200);
    assertThat(afterDelete.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"customer\",\"deleted\":true}");
    assertThat(delete("/v1/customers/" + id).code()).isEqualTo(404);

    assertThat(stripe.customers()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.deleted()).isTrue();
      assertThat(c.metadata()).containsExactly(Map.entry("first_name", "Ada"), Map.entry("last_name", "Lovelace"));
    });
    assertThat(stripe.customerCount()).isZero();
    assertThat(stripe.createCount()).isEqualTo(1);
  }

  @Test
  void missingCustomerIsTheVerbatim404ResourceMissing() throws IOException {
    Answer missing = get("/v1/customers/cus_invalid");

    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.header("Request-Id")).startsWith("req_");
    assertThat(json(missing.body())).isEqualTo(json("{\"error\":{\"code\":\"resource_missing\","
        + "\"doc_url\":\"https://stripe.com/docs/error-codes/resource-missing\","
        + "\"message\":\"No such customer: 'cus_invalid'\",\"param\":\"id\",\"type\":\"invalid_request_error\"}}"));
  }

  @Test
  void formBodiesAreDecodedWithPlusAsSpaceAndBracketedParams() throws IOException {
    post("name=Ada+L%C3%B6velace%20%26%20Co%2B&metadata%5Bnote%5D=a%3Db&metadata[empty]=", null);

    FakeStripe.Customer c = stripe.customers().get(0);
    assertThat(c.name()).isEqualTo("Ada Lövelace & Co+");
    assertThat(c.metadata()).containsExactly(Map.entry("note", "a=b"));
  }

  @Test
  void sameKeyAndSameParamsInAnyOrderReplaysTheSavedResponse() throws IOException {
    Answer first = post(ADA, "key-1");
    Answer again = post("metadata[last_name]=Lovelace&metadata[first_name]=Ada"
        + "&email=ada%40example.com&name=Ada+Lovelace", "key-1");

    assertThat(again.code()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.header("Idempotency-Key")).isEqualTo("key-1");
    assertThat(again.header("Request-Id")).isNotEqualTo(first.header("Request-Id"));
    assertThat(stripe.customerCount()).isEqualTo(1);
    assertThat(stripe.replayCount()).isEqualTo(1);
  }

  @Test
  void sameKeyWithOtherParamsIsTheVerbatimIdempotencyErrorAndIsNotSaved() throws IOException {
    Answer first = post(ADA, "key-2");
    Answer other = post("name=Grace%20Hopper", "key-2");
    Answer replay = post(ADA, "key-2");

    assertThat(other.code()).isEqualTo(400);
    assertThat(json(other.body())).isEqualTo(json("{\"error\":{\"message\":\"Keys for idempotent requests"
        + " can only be used with the same parameters they were first used with. Try using a key other"
        + " than 'key-2' if you meant to execute a different request.\",\"type\":\"idempotency_error\"}}"));
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(stripe.customerCount()).isEqualTo(1);
  }

  @Test
  void aValidationFailureIsNotSavedSoTheKeyCanBeUsedAgain() throws IOException {
    Answer rejected = post("name=Ada&nickname=A", "key-3");
    Answer badEmail = post("email=not-an-email", "key-3");
    Answer created = post(ADA, "key-3");

    assertThat(rejected.code()).isEqualTo(400);
    assertThat(json(rejected.body())).isEqualTo(json(StripeResponses.invalidRequest("parameter_unknown",
        "Received unknown parameter: nickname", "nickname")));
    assertThat(badEmail.code()).isEqualTo(400);
    assertThat(badEmail.body()).contains("\"code\":\"email_invalid\"", "\"param\":\"email\"");
    assertThat(created.code()).isEqualTo(200);
    assertThat(created.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void metadataLimitsAreEnforced() throws IOException {
    Answer longKey = post("metadata[" + "k".repeat(41) + "]=v", null);
    Answer longValue = post("metadata[k]=" + "v".repeat(501), null);
    Answer bracket = post("metadata[a][b]=v", null);

    assertThat(longKey.code()).isEqualTo(400);
    assertThat(longValue.code()).isEqualTo(400);
    assertThat(longValue.body()).contains("\"param\":\"metadata[k]\"");
    assertThat(bracket.code()).isEqualTo(400);
    assertThat(stripe.createCount()).isZero();
  }

  @Test
  void aRepeatWhileTheFirstIsStillExecutingIs409KeyInUseThenReplays() throws Exception {
    stripe.processingDelay(Duration.ofMillis(800));
    CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> {
      try {
        return post(ADA, "key-4");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    while (stripe.requestCount() == 0) {
      Thread.sleep(5);
    }
    Thread.sleep(150); // the first request takes its key before it starts executing

    Answer concurrent = post(ADA, "key-4");
    Answer original = first.get();
    Answer later = post(ADA, "key-4");

    assertThat(concurrent.code()).isEqualTo(409);
    assertThat(json(concurrent.body())).isEqualTo(json("{\"error\":{\"code\":\"idempotency_key_in_use\","
        + "\"doc_url\":\"https://stripe.com/docs/error-codes/idempotency-key-in-use\",\"message\":\"There is"
        + " currently another in-progress request using this Idempotent Key (that probably means you"
        + " submitted twice, and the other request is still going through): key-4. Please try again"
        + " later.\",\"type\":\"invalid_request_error\"}}"));
    assertThat(original.code()).isEqualTo(200);
    assertThat(later.body()).isEqualTo(original.body());
    assertThat(later.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(stripe.customerCount()).isEqualTo(1);
  }

  @Test
  void aSavedApiErrorIsReplayedIncludingThe500() throws IOException {
    stripe.failCreatesWithSavedApiError(1);

    Answer failed = post(ADA, "key-5");
    Answer replayed = post(ADA, "key-5");
    Answer fresh = post(ADA, "key-6");

    assertThat(failed.code()).isEqualTo(500);
    assertThat(failed.header("Stripe-Should-Retry")).isEqualTo("false");
    assertThat(json(failed.body())).isEqualTo(json(
        "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}"));
    assertThat(replayed.code()).isEqualTo(500);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(fresh.code()).isEqualTo(200);
    assertThat(stripe.customerCount()).isEqualTo(1);
  }

  @Test
  void aCreateAppliedBeforeTheConnectionDroppedIsReplayedToTheRepeat() throws IOException {
    stripe.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    assertThatThrownBy(() -> post(ADA, "key-7")).isInstanceOf(IOException.class);
    Answer repeat = post(ADA, "key-7");

    assertThat(repeat.code()).isEqualTo(200);
    assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(idOf(repeat)).isEqualTo(stripe.customers().get(0).id());
    assertThat(stripe.createCount()).isEqualTo(1);
  }

  @Test
  void aWrongKeyIsTheVerbatim401WithTheKeyMaskedAndNoRequestId() throws IOException {
    stripe.requireKey(KEY);

    Answer wrong = send(new Request.Builder().url(stripe.uri() + "/v1/customers/cus_1")
        .header("Authorization", "Bearer sk_test_51Hxyzabcdef0S8wL"));
    Answer none = send(new Request.Builder().url(stripe.uri() + "/v1/customers/cus_1"));
    Answer basic = send(new Request.Builder().url(stripe.uri() + "/v1/customers/cus_1")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (KEY + ":").getBytes(StandardCharsets.UTF_8))));

    assertThat(wrong.code()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Stripe\"");
    assertThat(wrong.header("Request-Id")).isNull();
    assertThat(json(wrong.body())).isEqualTo(json("{\"error\":{\"message\":\"Invalid API Key provided:"
        + " sk_test_*************S8wL\",\"type\":\"invalid_request_error\"}}"));
    assertThat(none.code()).isEqualTo(401);
    assertThat(none.body()).contains("You did not provide an API key.");
    assertThat(basic.code()).isEqualTo(404);
    assertThat(basic.header("Request-Id")).startsWith("req_");
  }

  @Test
  void keysAreMaskedLikeStripeDoes() {
    assertThat(StripeResponses.mask("sk_test_abcdefghijklS8wL")).isEqualTo("sk_test_************S8wL");
    assertThat(StripeResponses.mask("rk_live_xyz")).isEqualTo("rk_live_xyz");
    assertThat(StripeResponses.mask("garbage-key")).isEqualTo("*******-key");
  }

  @Test
  void cannedFaultsCarryTheVerbatimSampleBodiesAndARequestId() throws IOException {
    stripe.on(Requests.creates()).times(1).respond(FakeStripe.rateLimited429("global-rate"));
    stripe.on(Requests.gets()).times(1).respond(FakeStripe.lockTimeout429());
    stripe.on(Requests.deletes()).times(1).respond(FakeStripe.apiError500(false));

    Answer rate = post(ADA, null);
    Answer lock = get("/v1/customers/cus_1");
    Answer api = delete("/v1/customers/cus_1");

    assertThat(rate.code()).isEqualTo(429);
    assertThat(rate.header("Stripe-Rate-Limited-Reason")).isEqualTo("global-rate");
    assertThat(rate.header("Request-Id")).startsWith("req_");
    assertThat(json(rate.body())).isEqualTo(json("{\"error\":{\"code\":\"rate_limit\",\"doc_url\":"
        + "\"https://stripe.com/docs/error-codes/rate-limit\",\"message\":\"Request rate limit exceeded."
        + " You can learn more about rate limits here https://stripe.com/docs/rate-limits.\","
        + "\"type\":\"invalid_request_error\"}}"));
    assertThat(lock.code()).isEqualTo(429);
    assertThat(lock.header("Stripe-Rate-Limited-Reason")).isNull();
    assertThat(lock.body()).contains("\"code\":\"lock_timeout\"", StripeResponses.LOCK_TIMEOUT);
    assertThat(api.code()).isEqualTo(500);
    assertThat(api.header("Stripe-Should-Retry")).isEqualTo("false");
    assertThat(FakeStripe.apiError500(null).toString()).doesNotContain("Stripe-Should-Retry");
    assertThat(stripe.createCount()).isZero();
  }

  @Test
  void onlyCustomerPostsAreCreatesAndUnknownPathsAreUnrecognized() throws IOException {
    RecordedCall create = new RecordedCall("POST", "/v1/customers", Map.of(), "");
    RecordedCall update = new RecordedCall("POST", "/v1/customers/cus_1", Map.of(), "");
    RecordedCall list = new RecordedCall("GET", "/v1/customers", Map.of(), "");

    assertThat(List.of(create, update, list)).extracting(stripe::isCreate).containsExactly(true, false, false);
    Answer unknown = get("/v1/charges");
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.body()).contains("Unrecognized request URL (GET: /v1/charges)");
  }

  @Test
  void resetForgetsCustomersAndSavedKeys() throws IOException {
    post(ADA, "key-8");
    stripe.reset();

    Answer again = post("name=Other", "key-8");

    assertThat(again.code()).isEqualTo(200);
    assertThat(stripe.customers()).extracting(FakeStripe.Customer::name).containsExactly("Other");
    assertThat(stripe.replayCount()).isZero();
  }
}
