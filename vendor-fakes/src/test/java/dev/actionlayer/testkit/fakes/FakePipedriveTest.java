package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakePipedrive's own answers, over plain HTTP. */
class FakePipedriveTest {
  private final FakePipedrive pipedrive = new FakePipedrive();
  private final FakeHttp http = new FakeHttp(pipedrive);

  @BeforeEach
  void start() {
    pipedrive.start();
  }

  @AfterEach
  void stop() {
    pipedrive.close();
  }

  @Test
  void addsAPersonDerivingFirstAndLastName() throws IOException {
    String body = FakeHttp.body(http.post("/api/v2/persons", "{\"name\":\"Ada King Lovelace\"}"));

    assertThat(body).startsWith("{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ada King Lovelace\",\"first_name\":\"Ada\","
        + "\"last_name\":\"King Lovelace\"");
  }

  @Test
  void pagesWithAnOpaqueCursorAndSearchesExactly() throws IOException {
    for (int i = 0; i < 3; i++) {
      http.post("/api/v2/persons", "{\"name\":\"P " + i + "\",\"emails\":[{\"value\":\"p" + i + "@example.com\",\"primary\":true}]}").close();
    }

    String first = FakeHttp.body(http.get("/api/v2/persons?limit=2"));
    assertThat(first).contains("\"next_cursor\":\"eyJpZCI6M30\"");
    assertThat(FakeHttp.body(http.get("/api/v2/persons?limit=2&cursor=eyJpZCI6M30"))).contains("\"id\":3").contains("\"additional_data\":null");
    assertThat(FakeHttp.body(http.get("/api/v2/persons/search?term=p1%40example.com&fields=email&exact_match=true")))
        .contains("\"item\":{\"id\":2,\"type\":\"person\"").contains("\"emails\":[\"p1@example.com\"]");
  }

  @Test
  void aMissingPersonIsPipedrivesEnvelopeWithTheWindowHeaders() throws IOException {
    Response response = http.get("/api/v2/persons/42");

    assertThat(response.code()).isEqualTo(404);
    assertThat(response.header("x-ratelimit-limit")).isEqualTo("80");
    assertThat(FakeHttp.body(response)).isEqualTo("{\"success\":false,\"error\":\"Person not found\",\"error_info\":\"Please check"
        + " developers.pipedrive.com for more information about Pipedrive API.\",\"data\":null,\"additional_data\":null}");
  }
}
