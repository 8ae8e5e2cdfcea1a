package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeHubSpot's own answers, over plain HTTP. */
class FakeHubSpotTest {
  private final FakeHubSpot hubspot = new FakeHubSpot().requireBearer("pat").withUniqueProperty("actionlayer_key");
  private final FakeHttp http = new FakeHttp(hubspot);

  @BeforeEach
  void start() {
    hubspot.start();
  }

  @AfterEach
  void stop() {
    hubspot.close();
  }

  private Response post(String path, String body) throws IOException {
    return http.execute(http.request(path).header("Authorization", "Bearer pat").post(RequestBody.create(body, FakeHttp.JSON)));
  }

  @Test
  void aSecondContactWithAKnownEmailIsHubSpots409NamingTheFirst() throws IOException {
    assertThat(FakeHttp.code(post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"ada@example.com\"}}"))).isEqualTo(201);

    Response again = post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"ADA@example.com\"}}");

    assertThat(again.code()).isEqualTo(409);
    assertThat(FakeHttp.body(again)).contains("\"message\":\"Contact already exists. Existing ID: 101\"", "\"category\":\"CONFLICT\"");
    assertThat(hubspot.contactCount()).isEqualTo(1);
  }

  @Test
  void anUpsertByAUniquePropertyCreatesOnceThenUpdates() throws IOException {
    String upsert = "{\"inputs\":[{\"idProperty\":\"actionlayer_key\",\"id\":\"k1\",\"properties\":{\"lastname\":\"Lovelace\"}}]}";

    assertThat(FakeHttp.body(post("/crm/v3/objects/contacts/batch/upsert", upsert))).contains("\"new\":true");
    assertThat(FakeHttp.body(post("/crm/v3/objects/contacts/batch/upsert", upsert))).contains("\"new\":false");
    assertThat(hubspot.contactCount()).isEqualTo(1);
    assertThat(FakeHttp.code(post("/crm/v3/objects/contacts/batch/upsert", upsert.replace("actionlayer_key", "lastname"))))
        .isEqualTo(400);
  }

  @Test
  void anInvalidEmailNestsThePropertyProblemInTheMessage() throws IOException {
    Response response = post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"ada@\"}}");

    assertThat(response.code()).isEqualTo(400);
    assertThat(FakeHttp.body(response)).contains("Property values were not valid: [{\\\"isValid\\\":false,"
        + "\\\"message\\\":\\\"Email address ada@ is invalid\\\",\\\"error\\\":\\\"INVALID_EMAIL\\\",\\\"name\\\":\\\"email\\\"}]");
  }

  @Test
  void aWrongTokenIsHubSpots401WithTheCorrelationHeader() throws IOException {
    Response response = http.get("/crm/v3/objects/contacts");

    assertThat(response.header("X-HubSpot-Correlation-Id")).isNotBlank();
    assertThat(FakeHttp.body(response)).contains("\"category\":\"INVALID_AUTHENTICATION\"");
  }
}
