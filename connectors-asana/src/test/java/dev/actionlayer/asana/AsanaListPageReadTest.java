package dev.actionlayer.asana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.Task;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.Tasks;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages of {@code GET /tasks} as the document allows them: in Asana's schema every member of a
 * compact task is optional, and the APIs.guru copy does not even name {@code next_page}.
 */
class AsanaListPageReadTest {
  private static final String PROJECT = AsanaWireFormatTest.PROJECT;

  private final LayerHarness harness = new LayerHarness("asana", Instant.parse("2024-05-05T18:01:00Z"));
  private final MockWebServer server = new MockWebServer();
  private Tasks tasks;

  @BeforeEach
  void start() throws IOException {
    server.start();
    tasks = harness.tasks(Asana.connector(server.url("/api/1.0").uri(), Credentials.bearer(AsanaWireFormatTest.TOKEN)),
        p -> p.maxAttempts(1));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Page<Task> list(String body, String cursor) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json; charset=UTF-8").body(body).build());
    return tasks.list(new TaskQuery(PROJECT, null, null, null, 2, cursor));
  }

  private static Task bare(String gid) {
    return new Task(gid, null, null, null, null, null, null, null, List.of(), null, null, Map.of());
  }

  /** The instance the conformance kit generates from the document's schema (its task given a gid). */
  @Test
  void theGeneratedPageIsReadAsOneTaskWithOnlyItsIdAndNoNextPage() {
    Page<Task> page = list("{\"data\":[{\"gid\":\"12345\"}]}", null);

    assertThat(page.items()).containsExactly(bare("12345"));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void aTaskWithoutNameOrWithNullMembersIsStillATask() {
    Page<Task> page = list("{\"data\":[{\"gid\":\"1\",\"resource_type\":\"task\"},"
        + "{\"gid\":\"2\",\"name\":null,\"notes\":\"\",\"projects\":[],\"assignee\":null,\"due_on\":null,"
        + "\"tags\":[],\"completed\":true,\"permalink_url\":null}],\"next_page\":null}", null);

    assertThat(page.items()).extracting(Task::id).containsExactly("1", "2");
    assertThat(page.items().get(0)).isEqualTo(bare("1"));
    Task done = page.items().get(1);
    assertThat(done.title()).isNull();
    assertThat(done.description()).isNull();
    assertThat(done.status()).isEqualTo(dev.actionlayer.TaskStatus.DONE);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void theNextPagesOffsetIsTheCursorAndIsSentBack() throws Exception {
    Page<Task> first = list("{\"data\":[{\"gid\":\"1\"},{\"gid\":\"2\"}],\"next_page\":{\"offset\":\"eyJ0eXAiOJiKV1Qi\","
        + "\"path\":\"/tasks?project=" + PROJECT + "&limit=2&offset=eyJ0eXAiOJiKV1Qi\","
        + "\"uri\":\"https://app.asana.com/api/1.0/tasks?project=" + PROJECT + "&limit=2&offset=eyJ0eXAiOJiKV1Qi\"}}", null);
    assertThat(first.nextCursor()).isEqualTo("eyJ0eXAiOJiKV1Qi");

    Page<Task> last = list("{\"data\":[]}", first.nextCursor());
    assertThat(last.items()).isEmpty();
    assertThat(last.nextCursor()).isNull();

    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getUrl().queryParameter("offset")).isEqualTo("eyJ0eXAiOJiKV1Qi");
    assertThat(second.getUrl().queryParameter("project")).isEqualTo(PROJECT);
    assertThat(second.getUrl().queryParameter("limit")).isEqualTo("2");
  }

  /** Asana never answers a task without its gid; such a page is not silently shortened. */
  @Test
  void aTaskWithoutItsGidIsAnUnreadableAnswerNotAMissingRecord() {
    assertThat(LayerHarness.failure(() -> list("{\"data\":[{\"name\":\"Bug Task\"}]}", null)).code())
        .isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }
}
