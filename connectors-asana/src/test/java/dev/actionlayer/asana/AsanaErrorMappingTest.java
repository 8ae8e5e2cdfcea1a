package dev.actionlayer.asana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fake.Samples;
import dev.actionlayer.testkit.fakes.FakeAsana;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Asana's error answers that mean more than their status: field names in messages, 402, 451, phrases. */
class AsanaErrorMappingTest {
  static final String PROJECT = "1204567890123456";
  static final NewTask SAMPLE = new NewTask(PROJECT, "Fix login bug", null);

  private final LayerHarness harness = new LayerHarness("asana", Instant.parse("2024-05-05T18:01:00Z"));
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

  /** One attempt per call, so each test sees the mapping of exactly one response. */
  private Tasks once(java.net.URI base) {
    return harness.tasks(Asana.connector(base, Credentials.bearer("pat-123")), p -> p.maxAttempts(1));
  }

  private Tasks once() {
    return once(server.url("/api/1.0").uri());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "name: Missing input                  | title       | Missing input",
      "notes: Value is too long             | description | Value is too long",
      "projects: [0]: Not a recognized ID   | project     | [0]: Not a recognized ID",
      "workspace: Missing input             | project     | Missing input",
      "assignee: Not a recognized ID        | assignee    | Not a recognized ID"})
  void aFieldNamedInA400BecomesAFieldErrorUnderItsCanonicalName(String message, String field, String problem) {
    server.enqueue(json(400, "{\"errors\":[{\"message\":\"" + message + "\",\"help\":\"see the docs\"}]}"));

    ActionError e = LayerHarness.failure(() -> once().create(SAMPLE)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).isEqualTo(Map.of(field, problem));
    assertThat(e.message()).isEqualTo("Asana: " + message);
  }

  @Test
  void theDocumentedBadRequestSampleNamesTheProject() {
    server.enqueue(Samples.load("/asana/error-400-workspace.http"));

    ActionError e = LayerHarness.failure(() -> once().create(SAMPLE)).error();

    assertThat(e.fieldErrors()).isEqualTo(Map.of("project", "Missing input"));
  }

  @Test
  void theDocumentedNotAuthorizedSampleIsUnauthenticated() {
    server.enqueue(Samples.load("/asana/error-401.http"));

    ActionError e = LayerHarness.failure(() -> once().get("1204567890123999")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).isEqualTo("Asana: Not Authorized");
  }

  @Test
  void aServerErrorsPhraseIsTheRequestIdForAsanaSupport() {
    server.enqueue(Samples.load("/asana/error-500.http"));

    ActionError e = LayerHarness.failure(() -> once().get("1204567890123999")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.vendorRequestId()).isEqualTo("6 sad squid snuggle softly");
  }

  @Test
  void paymentRequiredIsAPermissionTheAccountLacksAndIsNotRetried() {
    try (FakeAsana asana = new FakeAsana()) {
      asana.start();
      asana.on(Requests.creates()).always().respond(FakeAsana.paymentRequired());
      Tasks tasks = harness.tasks(Asana.connector(asana.uri(), Credentials.bearer("pat-123")));

      ActionError e = LayerHarness.failure(() -> tasks.create(SAMPLE)).error();

      assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(e.retryable()).isFalse();
      assertThat(e.httpStatus()).isEqualTo(402);
      assertThat(e.message()).contains("only available to premium users");
      assertThat(asana.requestCount()).isEqualTo(1);
      assertThat(asana.taskCount()).isZero();
    }
  }

  @Test
  void aBare402Or451SaysWhatItMeans() {
    server.enqueue(new MockResponse.Builder().code(402).build());
    server.enqueue(json(451, "{\"errors\":[]}"));

    ActionError payment = LayerHarness.failure(() -> once().get("1204567890123999")).error();
    ActionError legal = LayerHarness.failure(() -> once().get("1204567890123999")).error();

    assertThat(payment.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(payment.message()).contains("paid Asana plan");
    assertThat(legal.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(legal.retryable()).isFalse();
    assertThat(legal.message()).contains("legal reasons");
  }

  @Test
  void aMissingTaskIsNotFoundWithAsanasMessage() {
    try (FakeAsana asana = new FakeAsana()) {
      asana.start();

      ActionError e = LayerHarness.failure(() -> once(asana.uri()).delete("1999999999999999")).error();

      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.message()).isEqualTo("Asana: task: Unknown object: 1999999999999999");
    }
  }

  @Test
  void a404WithoutAsanasErrorsIsAWrongBaseUriNotADeletedTask() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body><h1>Not Found</h1></body></html>").build());

    ActionError e = LayerHarness.failure(() -> once().delete("1204567890123999")).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.message()).contains("base URI").doesNotContain("<html");
  }
}
