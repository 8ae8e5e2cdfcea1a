package dev.actionlayer.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages of {@code GET /rest/api/3/search/jql} that the document allows and the usual fixtures do
 * not show: every member of the answer and of an issue except the issue's id is optional.
 */
class JiraSearchPageReadTest {
  private final LayerHarness harness = JiraHarness.create();
  private final MockWebServer server = new MockWebServer();
  private Tasks tasks;

  @BeforeEach
  void start() throws IOException {
    server.start();
    tasks = harness.tasks(Jira.connector(server.url("/").uri(), JiraHarness.basic()), p -> p.maxAttempts(1));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Page<Task> list(String body) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build());
    return tasks.list(new TaskQuery("PROJ", null, null, null, 2, null));
  }

  private static Task bare(String id) {
    return new Task(id, null, null, null, null, null, null, null, List.of(), null, null, Map.of());
  }

  /** The instance the conformance kit generates from the document's schema (its issue given an id). */
  @Test
  void theGeneratedPageIsReadAsOneTaskWithOnlyItsIdAndTheNextToken() {
    Page<Task> page = list("{\"isLast\":false,\"issues\":[{\"id\":\"10000\"}],\"names\":{},"
        + "\"nextPageToken\":\"sample\",\"schema\":{}}");

    assertThat(page.items()).containsExactly(bare("10000"));
    assertThat(page.nextCursor()).isEqualTo("sample");
  }

  @Test
  void anIssueWithoutFieldsOrWithEmptyFieldsIsStillATask() {
    Page<Task> page = list("{\"issues\":[{\"id\":\"10001\",\"key\":\"PROJ-2\"},{\"id\":\"10000\",\"fields\":{}},"
        + "{\"id\":\"10002\",\"fields\":{\"summary\":null,\"labels\":null,\"status\":{\"name\":\"Triage\"}}}]}");

    assertThat(page.items()).extracting(Task::id).containsExactly("10001", "10000", "10002");
    assertThat(page.items().get(0).key()).isEqualTo("PROJ-2");
    assertThat(page.items().get(1)).isEqualTo(bare("10000"));
    Task untitled = page.items().get(2);
    assertThat(untitled.title()).isNull();
    assertThat(untitled.labels()).isEmpty();
    assertThat(untitled.vendorStatus()).isEqualTo("Triage");
    assertThat(untitled.status()).isNull();
  }

  @Test
  void aPageWithoutATokenIsTheLastWhateverIsLastSays() {
    assertThat(list("{\"issues\":[{\"id\":\"10000\"}]}").nextCursor()).isNull();
    assertThat(list("{\"issues\":[{\"id\":\"10000\"}],\"isLast\":false}").nextCursor()).isNull();
    assertThat(list("{\"issues\":[{\"id\":\"10000\"}],\"nextPageToken\":null}").nextCursor()).isNull();
    assertThat(list("{\"issues\":[{\"id\":\"10000\"}],\"isLast\":true,\"nextPageToken\":\"CAEaAggD\"}").nextCursor())
        .isNull();
  }

  /** Jira never answers an issue without its id; such a page is not silently shortened. */
  @Test
  void anIssueWithoutAnIdIsAnUnreadableAnswerNotAMissingRecord() {
    assertThat(LayerHarness.failure(() -> list("{\"issues\":[{\"key\":\"PROJ-1\",\"fields\":{}}]}")).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
