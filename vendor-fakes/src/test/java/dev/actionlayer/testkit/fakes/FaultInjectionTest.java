package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.FaultRule;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private final FakeJira jira = new FakeJira();
  private JiraHttp http;

  @BeforeEach
  void start() {
    jira.start();
    http = new JiraHttp(jira);
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  @Test
  void applyThenResetStoresTheIssueButLosesTheResponse() {
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    assertThatThrownBy(() -> http.create("lost response")).isInstanceOf(IOException.class);
    assertThat(jira.issueCount()).isEqualTo(1);
    assertThat(jira.createCount()).isEqualTo(1);
  }

  @Test
  void resetWithoutApplyingFailsTheCallAndStoresNothing() {
    jira.on(Requests.creates()).always().respond(Fault.resetWithoutApplying());
    assertThatThrownBy(() -> http.create("never applied")).isInstanceOf(IOException.class);
    assertThat(jira.issueCount()).isZero();
    assertThat(jira.requestCount()).isEqualTo(1);
  }

  @Test
  void nthAffectsOnlyThatMatchingRequest() throws IOException {
    FaultRule rule = jira.on(Requests.creates()).nth(3).respond(Fault.empty(503));
    assertThat(http.get("/rest/api/3/issue/PROJ-1").code()).isEqualTo(404);
    assertThat(JiraHttp.body(http.create("one"))).contains("PROJ-1");
    assertThat(JiraHttp.body(http.create("two"))).contains("PROJ-2");
    try (Response third = http.create("three")) {
      assertThat(third.code()).isEqualTo(503);
      assertThat(third.body().contentLength()).isZero();
    }
    assertThat(JiraHttp.body(http.create("four"))).contains("PROJ-3");
    assertThat(jira.issues()).extracting(FakeJira.Issue::summary).containsExactly("one", "two", "four");
    assertThat(rule.hits()).isEqualTo(1);
    assertThat(rule.spent()).isTrue();
  }

  @Test
  void timesAnswersTheNextMatchingRequestsThenStops() throws IOException {
    jira.on(Requests.gets()).times(2).respond(Fault.status(429).header("Retry-After", "5")
        .body("{\"errorMessages\":[],\"errors\":{}}", "application/json"));
    for (int i = 0; i < 2; i++) {
      try (Response limited = http.get("/rest/api/3/issue/PROJ-1")) {
        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("5");
        assertThat(limited.header("Content-Type")).isEqualTo("application/json");
        assertThat(limited.header("X-AREQUESTID")).isNotNull();
      }
    }
    assertThat(http.get("/rest/api/3/issue/PROJ-1").code()).isEqualTo(404);
  }

  @Test
  void firstMatchingRuleWinsAndClearFaultsRestoresNormalService() throws IOException {
    jira.on(Requests.creates()).always().respond(Fault.empty(502));
    jira.on(Requests.any()).always().respond(Fault.html(503));
    assertThat(http.create("x").code()).isEqualTo(502);
    assertThat(http.get("/rest/api/3/issue/PROJ-1").code()).isEqualTo(503);
    jira.clearFaults();
    assertThat(http.create("x").code()).isEqualTo(201);
  }

  @Test
  void htmlFaultSendsARealisticPageNotJson() throws IOException {
    jira.on(Requests.any()).always().respond(Fault.html(503));
    try (Response response = http.get("/rest/api/3/issue/PROJ-1")) {
      assertThat(response.code()).isEqualTo(503);
      assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
      assertThat(response.body().string()).contains("<title>Error 503 (Service Unavailable)!!1</title>",
          "That\u2019s an error.");
    }
  }

  @Test
  void rateLimitedHtmlIsJirasOopsPage() throws IOException {
    jira.on(Requests.any()).always().respond(FakeJira.rateLimited429Html());
    String body = JiraHttp.body(http.get("/rest/api/3/issue/PROJ-1"));
    assertThat(body).contains("<title>Oops - an error has occurred</title>", "error429",
        "Something went wrong");
  }

  @Test
  void rateLimitedJsonCarriesJirasHeadersAndVerbatimBody() throws IOException {
    jira.on(Requests.creates()).nth(1)
        .respond(FakeJira.rateLimited429Json(5, "2024-05-05T18:02Z", "jira-burst-based"));
    try (Response response = http.create("limited")) {
      assertThat(response.code()).isEqualTo(429);
      assertThat(response.header("Retry-After")).isEqualTo("5");
      assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
      assertThat(response.header("X-RateLimit-Reset")).isEqualTo("2024-05-05T18:02Z");
      assertThat(response.header("RateLimit-Reason")).isEqualTo("jira-burst-based");
      assertThat(response.body().string()).isEqualTo("{\"errorMessages\":[\"The request has been "
          + "rate-limited. Please try again later.\"],\"errors\":{},\"status\":429}");
    }
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void serviceUnavailableCanCarryRetryAfter() throws IOException {
    jira.on(Requests.any()).nth(1).respond(FakeJira.serviceUnavailable503(7));
    try (Response response = http.get("/rest/api/3/issue/PROJ-1")) {
      assertThat(response.code()).isEqualTo(503);
      assertThat(response.header("Retry-After")).isEqualTo("7");
    }
  }

  @Test
  void stallNeverAnswersSoTheClientTimesOut() {
    JiraHttp impatient = new JiraHttp(jira, Duration.ofMillis(500));
    jira.on(Requests.creates()).always().respond(Fault.stall());
    assertThatThrownBy(() -> impatient.create("stalled")).isInstanceOf(InterruptedIOException.class);
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void closeDoesNotWaitForAStalledRequest() {
    JiraHttp impatient = new JiraHttp(jira, Duration.ofMillis(300));
    jira.on(Requests.any()).always().respond(Fault.stall());
    assertThatThrownBy(() -> impatient.get("/rest/api/3/issue/PROJ-1")).isInstanceOf(InterruptedIOException.class);
    long started = System.nanoTime();
    jira.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void applyThenTruncateStoresTheIssueAndCutsTheBody() throws IOException {
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenTruncate());
    try (Response response = http.create("truncated")) {
      assertThat(response.code()).isEqualTo(201);
      assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
    }
    assertThat(jira.issueCount()).isEqualTo(1);
  }

  @Test
  void applyThenTruncateOnABodylessDeleteDropsTheConnection() throws IOException {
    JiraHttp.body(http.create("to delete"));
    jira.on(Requests.deletes()).nth(1).respond(Fault.applyThenTruncate());
    assertThatThrownBy(() -> http.delete("/rest/api/3/issue/PROJ-1")).isInstanceOf(IOException.class);
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void applyThenGarbageStoresTheIssueAndAnswersHtmlUnderTheSuccessStatus() throws IOException {
    jira.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());
    try (Response response = http.create("garbled")) {
      assertThat(response.code()).isEqualTo(201);
      assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
      assertThat(response.body().string()).startsWith("<html>");
    }
    assertThat(jira.issueCount()).isEqualTo(1);
  }

  @Test
  void hugeBodyDeclaresAndSendsExactlyTheRequestedSize() throws IOException {
    int size = 12 * 1024 * 1024;
    jira.on(Requests.gets()).nth(1).respond(Fault.hugeBody(500, size));
    try (Response response = http.get("/rest/api/3/issue/PROJ-1")) {
      assertThat(response.code()).isEqualTo(500);
      assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
      assertThat(response.body().contentLength()).isEqualTo(size);
      assertThat(response.body().source().readByteString().size()).isEqualTo(size);
    }
  }

  @Test
  void faultedRequestsAreStillRecorded() throws IOException {
    jira.on(Requests.pathStartsWith("/rest/api/3/issue").and(Requests.method("post"))).nth(1)
        .respond(Fault.empty(503));
    assertThat(http.create("x").code()).isEqualTo(503);
    assertThat(jira.requestCount(call -> call.method().equals("POST"))).isEqualTo(1);
  }

  @Test
  void socketFaultsRejectHeadersAndBodies() {
    assertThatThrownBy(() -> Fault.stall().header("a", "b")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> jira.on(Requests.any()).nth(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n");
  }
}
