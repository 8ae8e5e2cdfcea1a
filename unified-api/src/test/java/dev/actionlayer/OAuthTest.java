package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.CreateSafety;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** OAuth refresh-token credentials: cached, single flight, refreshed once per call on a 401. */
class OAuthTest extends PipelineTestSupport {
  static final String REFRESH_TOKEN = "refresh-Tok-5eCr3t-000";
  static final String CLIENT_SECRET = "client-5eCr3t-111";

  final AtomicInteger tokenRequests = new AtomicInteger();
  final List<String> tokenBodies = new CopyOnWriteArrayList<>();
  final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();

  /** Serves /oauth2/token with {@code token} and the API with {@code api} (given the bearer token). */
  void serve(Function<Integer, MockResponse> token, Function<String, MockResponse> api) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().startsWith("/oauth2/token")) {
          tokenBodies.add(request.getBody().utf8());
          return token.apply(tokenRequests.incrementAndGet());
        }
        String auth = request.getHeaders().get("Authorization");
        apiAuthorizations.add(auth);
        return api.apply(auth.substring("Bearer ".length()));
      }
    });
  }

  static MockResponse token(String accessToken, long expiresIn) {
    return json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
  }

  Tasks oauthTasks(java.util.function.UnaryOperator<ConnectionPolicy.Builder> policy) {
    Credentials credentials = Credentials.oauth(server.url("/oauth2/token").uri(), "client-1", CLIENT_SECRET, REFRESH_TOKEN);
    layer = ActionLayer.builder()
        .connection("svc", new TestConnector(uri(), credentials, CreateSafety.UNSAFE), p -> policy.apply(p.noRateLimit()))
        .clock(time).sleeper(time).auditSink(events::add).build();
    return layer.tasks("svc");
  }

  @Test
  void theAccessTokenIsCachedUntilShortlyBeforeItExpires() {
    serve(n -> token("at-" + n, 3600), at -> task("T-1"));
    Tasks tasks = oauthTasks(p -> p);

    tasks.get("T-1");
    tasks.get("T-1");
    assertThat(tokenRequests).hasValue(1);
    assertThat(tokenBodies.get(0)).contains("grant_type=refresh_token", "refresh_token=" + REFRESH_TOKEN,
        "client_id=client-1", "client_secret=" + CLIENT_SECRET);

    time.advance(Duration.ofSeconds(3600 - 60 + 1));
    tasks.get("T-1");

    assertThat(tokenRequests).hasValue(2);
    assertThat(apiAuthorizations).containsExactly("Bearer at-1", "Bearer at-1", "Bearer at-2");
  }

  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    serve(n -> new MockResponse.Builder(token("at-" + n, 3600)).headersDelay(300, TimeUnit.MILLISECONDS).build(),
        at -> task("T-1"));
    Tasks tasks = oauthTasks(p -> p);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Task>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) calls.add(pool.submit(() -> tasks.get("T-1")));
      for (Future<Task> f : calls) assertThat(f.get(10, TimeUnit.SECONDS).id()).isEqualTo("T-1");
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests).hasValue(1);
    assertThat(apiAuthorizations).hasSize(8).containsOnly("Bearer at-1");
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndTheCallSucceeds() {
    serve(n -> token("at-" + n, 3600),
        at -> at.equals("at-1") ? json(401, "{\"error\":\"token revoked\"}") : task("T-1"));
    Tasks tasks = oauthTasks(p -> p.maxAttempts(1));

    assertThat(tasks.get("T-1").id()).isEqualTo("T-1");

    assertThat(tokenRequests).hasValue(2);
    assertThat(apiAuthorizations).containsExactly("Bearer at-1", "Bearer at-2");
    assertThat(onlyEvent().attempts()).extracting(AuditEvent.Attempt::status).containsExactly(401, 200);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aCallRefreshesAtMostOnceThenReportsUnauthenticated() {
    serve(n -> token("at-" + n, 3600), at -> json(401, "{\"error\":\"nope\"}"));
    Tasks tasks = oauthTasks(p -> p);

    ActionException e = thrown(() -> tasks.get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(tokenRequests).hasValue(2);
    assertThat(apiAuthorizations).hasSize(2);
  }

  @Test
  void anInvalidGrantIsUnauthenticatedWithAClearMessageAndNothingIsSent() {
    serve(n -> json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}"),
        at -> task("T-1"));
    Tasks tasks = oauthTasks(p -> p);

    ActionException e = thrown(() -> tasks.get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.error().retryable()).isFalse();
    assertThat(e.error().vendorCode()).isEqualTo("invalid_grant");
    assertThat(e.error().message()).contains("expired access/refresh token", "authorize this connection again");
    assertThat(apiAuthorizations).isEmpty();
    assertThat(tokenRequests).hasValue(1);
  }

  @Test
  void aTokenEndpointOutageIsRetriedLikeAnyOther() {
    serve(n -> n == 1 ? status(503) : token("at-" + n, 3600), at -> task("T-1"));
    Tasks tasks = oauthTasks(p -> p);

    assertThat(tasks.get("T-1").id()).isEqualTo("T-1");

    assertThat(tokenRequests).hasValue(2);
    assertThat(onlyEvent().attempts()).extracting(AuditEvent.Attempt::sent).containsExactly(false, true);
  }

  @Test
  void noTokenEverAppearsInErrorsAuditOrToString() {
    serve(n -> token("at-Acc3ss-" + n + "-xyz", 3600),
        at -> json(401, "{\"error\":\"bad token " + at + " (refresh " + REFRESH_TOKEN + ")\",\"access_token\":\"" + at + "\"}"));
    Tasks tasks = oauthTasks(p -> p);

    ActionException e = thrown(() -> tasks.get("T-1"));

    List<String> outputs = List.of(e.getMessage(), e.error().toString(), onlyEvent().toJson(),
        Credentials.oauth(server.url("/oauth2/token").uri(), "client-1", CLIENT_SECRET, REFRESH_TOKEN).toString());
    for (String out : outputs) {
      assertThat(out).doesNotContain("at-Acc3ss-").doesNotContain(REFRESH_TOKEN).doesNotContain(CLIENT_SECRET);
    }
  }
}
