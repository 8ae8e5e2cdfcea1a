package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeZendesk's own answers, over plain HTTP. */
class FakeZendeskTest {
  private final FakeZendesk zendesk = new FakeZendesk();
  private final FakeHttp http = new FakeHttp(zendesk);

  @BeforeEach
  void start() {
    zendesk.start();
  }

  @AfterEach
  void stop() {
    zendesk.close();
  }

  @Test
  void createOrUpdateCreatesThenUpdatesByExternalId() throws IOException {
    String user = "{\"user\":{\"name\":\"Ada Lovelace\",\"external_id\":\"K1\"}}";

    assertThat(FakeHttp.code(http.post("/api/v2/users/create_or_update", user))).isEqualTo(201);
    assertThat(FakeHttp.code(http.post("/api/v2/users/create_or_update", user.replace("K1", "k1")))).isEqualTo(200);
    assertThat(zendesk.activeUserCount()).isEqualTo(1);
  }

  @Test
  void anEmailHeldByAnotherUserThanTheKeysIsADuplicateValue() throws IOException {
    zendesk.seed("Ada", "ada@example.com", null);
    zendesk.seed("Bob", "bob@example.com", "k2");

    Response response = http.post("/api/v2/users/create_or_update", "{\"user\":{\"email\":\"ada@example.com\",\"external_id\":\"k2\"}}");

    assertThat(response.code()).isEqualTo(422);
    assertThat(FakeHttp.body(response)).isEqualTo("{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
        + "\"details\":{\"email\":[{\"description\":\"Email: ada@example.com is already being used by another user\","
        + "\"error\":\"DuplicateValue\"}]}}");
  }

  @Test
  void deleteDeactivatesAndListsLeaveTheUserOut() throws IOException {
    long id = zendesk.seed("Ada Lovelace", "ada@example.com", null);

    assertThat(FakeHttp.body(http.delete("/api/v2/users/" + id))).contains("\"active\":false");
    assertThat(FakeHttp.body(http.get("/api/v2/users/" + id))).contains("\"active\":false");
    assertThat(FakeHttp.body(http.get("/api/v2/users?role=end-user"))).startsWith("{\"users\":[],\"meta\":{\"has_more\":false");
    assertThat(FakeHttp.code(http.delete("/api/v2/users/" + id))).isEqualTo(404);
  }
}
