package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FakeDrive's {@code files.list}: the {@code q} forms a connector sends to find a folder by key. */
class FakeDriveListTest {
  private static final String CREATE = "/drive/v3/files?fields=id,name,parents,mimeType,appProperties";
  private static final String FIELDS = "files(id,name,parents,mimeType,appProperties)";
  /** Drive's answer to a {@code q} it cannot parse (google-api-php-client#869, a captured body). */
  private static final String INVALID_Q = "{\n \"error\": {\n  \"errors\": [\n   {\n"
      + "    \"domain\": \"global\",\n    \"reason\": \"invalid\",\n    \"message\": \"Invalid Value\",\n"
      + "    \"locationType\": \"parameter\",\n    \"location\": \"q\"\n   }\n  ],\n  \"code\": 400,\n"
      + "  \"message\": \"Invalid Value\"\n }\n}";

  private final FakeDrive drive = new FakeDrive();
  private DriveHttp http;

  @BeforeEach
  void start() {
    drive.start();
    http = new DriveHttp(drive);
  }

  @AfterEach
  void stop() {
    drive.close();
  }

  /** Creates a folder in My Drive whose {@code actionlayerKey} property is {@code key}; returns its id. */
  private String folder(String name, String key) throws IOException {
    String body = "{\"name\":\"" + name + "\",\"mimeType\":\"application/vnd.google-apps.folder\","
        + "\"appProperties\":{\"actionlayerKey\":" + Json.write(key) + "}}";
    DriveHttp.body(http.post(CREATE, body));
    return drive.folders().get(drive.folders().size() - 1).id();
  }

  private static String byKey(String quotedValue) {
    return "appProperties has { key='actionlayerKey' and value='" + quotedValue + "' } and trashed = false";
  }

  private Response list(String q, String fields) throws IOException {
    StringBuilder target = new StringBuilder("/drive/v3/files?spaces=drive");
    if (q != null) target.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
    if (fields != null) target.append("&fields=").append(URLEncoder.encode(fields, StandardCharsets.UTF_8));
    return http.get(target.toString());
  }

  @Test
  void findsTheFolderCarryingTheKeyAndAnswersOnlyTheSelectedFields() throws IOException {
    folder("Other", "k-0");
    String id = folder("Ada Lovelace", "k-1");

    try (Response response = list(byKey("k-1"), FIELDS)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
      assertThat(response.body().string()).isEqualTo("{\n  \"files\": [\n    {\n      \"id\": \"" + id + "\",\n"
          + "      \"name\": \"Ada Lovelace\",\n      \"mimeType\": \"application/vnd.google-apps.folder\",\n"
          + "      \"parents\": [\n        \"" + FakeDrive.ROOT_ID + "\"\n      ],\n"
          + "      \"appProperties\": {\n        \"actionlayerKey\": \"k-1\"\n      }\n    }\n  ]\n}");
    }
  }

  @Test
  void noMatchIsAnEmptyFilesArrayWithoutAPageToken() throws IOException {
    folder("Other", "k-0");

    assertThat(DriveHttp.body(list(byKey("k-1"), "nextPageToken," + FIELDS))).isEqualTo("{\n  \"files\": []\n}");
  }

  @Test
  void trashedEqualsFalseLeavesTrashedFilesOutAndWithoutItTheyAreListed() throws IOException {
    String id = folder("Old", "k-1");
    drive.trash(id);

    assertThat(DriveHttp.body(list(byKey("k-1"), "files(id)"))).isEqualTo("{\n  \"files\": []\n}");
    assertThat(DriveHttp.body(list("appProperties has { key='actionlayerKey' and value='k-1' }", "files(id,trashed)")))
        .isEqualTo("{\n  \"files\": [\n    {\n      \"id\": \"" + id + "\",\n      \"trashed\": true\n    }\n  ]\n}");
  }

  @Test
  void quotedValuesUnescapeABackslashAndAQuote() throws IOException {
    String id = folder("Hostile", "a'b\\c");
    folder("Neighbour", "a'b");

    assertThat(DriveHttp.body(list(byKey("a\\'b\\\\c"), "files(id)"))).contains(id).doesNotContain("Neighbour");
    assertThat(DriveHttp.body(list(byKey("a\\'b"), "files(id)"))).doesNotContain(id);
  }

  @Test
  void keywordsAreCaseInsensitiveAndSpacingIsFree() throws IOException {
    String id = folder("Ada", "k-1");

    assertThat(DriveHttp.body(list("appProperties HAS {key = 'actionlayerKey' AND value = 'k-1'} AND trashed=false",
        "files(id)"))).contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "owners = 'x'",
      "name contains",
      "mimeType > 'x'",
      "'k-1' in owners",
      "appProperties has { key='actionlayerKey' }",
      "appProperties has { key='actionlayerKey' and value='k-1' } or trashed = false",
      "appProperties has { key='actionlayerKey' and value='k-1'",
      "appProperties has { key='actionlayerKey' and value='k-1 }",
      "appProperties has { key='actionlayerKey' and value='a'b' }",
      "appProperties has { key='actionlayerKey' and value='a\\b' }",
      "trashed = maybe",
      "trashed = false and"})
  void anyOtherQueryIsDrives400InvalidValueOnQ(String q) throws IOException {
    folder("Ada", "k-1");

    try (Response response = list(q, FIELDS)) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).isEqualTo(INVALID_Q);
    }
  }

  @Test
  void withoutFieldsTheListHasDrivesDefaultMembersAndEveryFileButTheRoot() throws IOException {
    String id = folder("Ada", "k-1");

    assertThat(DriveHttp.body(list(null, null))).isEqualTo("{\n  \"kind\": \"drive#fileList\",\n"
        + "  \"incompleteSearch\": false,\n  \"files\": [\n    {\n      \"kind\": \"drive#file\",\n"
        + "      \"id\": \"" + id + "\",\n      \"name\": \"Ada\",\n"
        + "      \"mimeType\": \"application/vnd.google-apps.folder\"\n    }\n  ]\n}");
  }

  @Test
  void anUnknownFieldInTheSelectionIsRefusedLikeGoogleDoes() throws IOException {
    try (Response response = list(byKey("k-1"), "files(id,owners)")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"reason\": \"invalidParameter\"",
          "\"message\": \"Invalid field selection owners\"", "\"location\": \"fields\"");
    }
    assertThat(DriveHttp.code(list(byKey("k-1"), "files(id"))).isEqualTo(400);
  }

  @Test
  void theAppDataSpaceHoldsNoneOfTheseFilesAndAnUnknownSpaceIsInvalid() throws IOException {
    folder("Ada", "k-1");

    assertThat(DriveHttp.body(http.get("/drive/v3/files?spaces=appDataFolder&fields=files(id)")))
        .isEqualTo("{\n  \"files\": []\n}");
    try (Response response = http.get("/drive/v3/files?spaces=attic&fields=files(id)")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"reason\": \"invalid\"", "\"location\": \"spaces\"");
    }
  }

  @Test
  void listingIsNotACreateAndChangesNothing() throws IOException {
    folder("Ada", "k-1");

    DriveHttp.body(list(byKey("k-1"), FIELDS));

    assertThat(drive.isCreate(new RecordedCall("GET", "/drive/v3/files?q=x", java.util.Map.of(), ""))).isFalse();
    assertThat(drive.createCount()).isEqualTo(1);
    assertThat(drive.folderCount()).isEqualTo(1);
  }
}
