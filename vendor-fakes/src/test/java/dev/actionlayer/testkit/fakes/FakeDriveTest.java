package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDriveTest {
  private static final String CREATE = "/drive/v3/files?fields=id,name,parents,mimeType,appProperties";
  private static final String GET_FIELDS = "?fields=id,name,parents,mimeType,trashed,appProperties";
  /** {@code vendors/samples/gdrive/not-found-404.http}, body verbatim. */
  private static final String NOT_FOUND_SAMPLE = "{\n \"error\": {\n  \"errors\": [\n   {\n"
      + "    \"domain\": \"global\",\n    \"reason\": \"notFound\",\n"
      + "    \"message\": \"File not found: fake-file-id1.\",\n    \"locationType\": \"parameter\",\n"
      + "    \"location\": \"fileId\"\n   }\n  ],\n  \"code\": 404,\n"
      + "  \"message\": \"File not found: fake-file-id1.\"\n }\n}";
  /** {@code vendors/samples/gdrive/rate-limit-429.http}, body verbatim. */
  private static final String RATE_LIMIT_SAMPLE = "{\n \"error\": {\n  \"errors\": [\n   {\n"
      + "    \"domain\": \"usageLimits\",\n    \"reason\": \"rateLimitExceeded\",\n"
      + "    \"message\": \"Rate Limit Exceeded\"\n   }\n  ],\n  \"code\": 429,\n"
      + "  \"message\": \"Rate Limit Exceeded\"\n }\n}";

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

  @SuppressWarnings("unchecked")
  private List<String> generateIds(int count) throws IOException {
    String body = DriveHttp.body(http.get("/drive/v3/files/generateIds?count=" + count + "&space=drive&type=files"));
    return (List<String>) ((Map<String, Object>) Json.parse(body)).get("ids");
  }

  @Test
  void generateIdsHandsOutFreshDriveShapedIdsAndCountsTheCall() throws IOException {
    try (Response response = http.get("/drive/v3/files/generateIds?count=3&space=drive&type=files")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
      assertThat(response.body().string()).startsWith("{\n  \"kind\": \"drive#generatedIds\",\n"
          + "  \"space\": \"drive\",\n  \"ids\": [");
    }
    List<String> more = generateIds(2);

    assertThat(more).hasSize(2).allMatch(id -> id.matches("1[A-Za-z0-9_-]{32}"));
    assertThat(drive.generateIdsCount()).isEqualTo(2);
    assertThat(drive.issuedIdCount()).isEqualTo(5);
  }

  @Test
  void generateIdsRefusesACountOutsideDrivesBounds() throws IOException {
    try (Response response = http.get("/drive/v3/files/generateIds?count=1001")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"reason\": \"invalid\"", "\"location\": \"count\"");
    }
    assertThat(drive.generateIdsCount()).isZero();
  }

  @Test
  void createWithAGeneratedIdStoresTheFolderThenGetAndDeleteIt() throws IOException {
    String id = generateIds(1).get(0);

    try (Response created = http.post(CREATE, DriveHttp.folderBody(id, "Ada Lovelace", null))) {
      assertThat(created.code()).isEqualTo(200);
      assertThat(created.body().string()).isEqualTo("{\n  \"id\": \"" + id + "\",\n"
          + "  \"name\": \"Ada Lovelace\",\n  \"mimeType\": \"application/vnd.google-apps.folder\",\n"
          + "  \"parents\": [\n    \"" + FakeDrive.ROOT_ID + "\"\n  ],\n"
          + "  \"appProperties\": {\n    \"actionlayerKey\": \"k-1\"\n  }\n}");
    }
    assertThat(drive.folders()).containsExactly(
        new FakeDrive.Folder(id, "Ada Lovelace", FakeDrive.ROOT_ID, Map.of("actionlayerKey", "k-1")));
    assertThat(DriveHttp.body(http.get("/drive/v3/files/" + id + GET_FIELDS)))
        .contains("\"trashed\": false", "\"name\": \"Ada Lovelace\"");
    assertThat(DriveHttp.body(http.get("/drive/v3/files/" + id)))
        .isEqualTo("{\n  \"kind\": \"drive#file\",\n  \"id\": \"" + id + "\",\n"
            + "  \"name\": \"Ada Lovelace\",\n  \"mimeType\": \"application/vnd.google-apps.folder\"\n}");

    try (Response deleted = http.delete("/drive/v3/files/" + id)) {
      assertThat(deleted.code()).isEqualTo(204);
    }
    assertThat(drive.folderCount()).isZero();
    assertThat(drive.createCount()).isEqualTo(1);
  }

  @Test
  void aSecondCreateWithTheSameIdIs409FileIdInUseAndOneFolderStays() throws IOException {
    String id = generateIds(1).get(0);
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(id, "Once", null)));

    try (Response again = http.post(CREATE, DriveHttp.folderBody(id, "Once", null))) {
      assertThat(again.code()).isEqualTo(409);
      assertThat(again.body().string()).isEqualTo("{\n \"error\": {\n  \"errors\": [\n   {\n"
          + "    \"domain\": \"global\",\n    \"reason\": \"fileIdInUse\",\n"
          + "    \"message\": \"A file already exists with the provided ID.\"\n   }\n  ],\n"
          + "  \"code\": 409,\n  \"message\": \"A file already exists with the provided ID.\"\n }\n}");
    }
    assertThat(drive.folderCount()).isEqualTo(1);
    assertThat(drive.createCount()).isEqualTo(1);
  }

  @Test
  void anIdTheFakeNeverGeneratedIsRefusedUnlessAllowed() throws IOException {
    try (Response refused = http.post(CREATE, DriveHttp.folderBody("1madeUpByTheClient0000000000000000", "x", null))) {
      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.body().string()).contains("\"reason\": \"invalid\"",
          "\"message\": \"The provided file ID is not usable.\"");
    }
    drive.acceptUnissuedIds(true);

    assertThat(http.post(CREATE, DriveHttp.folderBody("1madeUpByTheClient0000000000000000", "x", null)).code())
        .isEqualTo(200);
    assertThat(drive.folders()).extracting(FakeDrive.Folder::id).containsExactly("1madeUpByTheClient0000000000000000");
  }

  @Test
  void createWithoutAnIdGetsOneAndTheRootAliasResolvesToTheRootId() throws IOException {
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "Parent", "root")));
    String parent = drive.folders().get(0).id();
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "Child", parent)));

    assertThat(drive.folders()).extracting(FakeDrive.Folder::name, FakeDrive.Folder::parentId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Parent", FakeDrive.ROOT_ID),
            org.assertj.core.groups.Tuple.tuple("Child", parent));
    assertThat(DriveHttp.body(http.get("/drive/v3/files/root?fields=id,name"))).contains(FakeDrive.ROOT_ID, "My Drive");
  }

  @Test
  void aMissingOrNonFolderParentIsTheNotFoundEnvelopeNamingIt() throws IOException {
    String doc = drive.addFile("Notes", "application/vnd.google-apps.document");

    try (Response missing = http.post(CREATE, DriveHttp.folderBody(null, "x", "fake-file-id1"))) {
      assertThat(missing.code()).isEqualTo(404);
      assertThat(missing.body().string()).isEqualTo(NOT_FOUND_SAMPLE);
    }
    assertThat(DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "x", doc)))).contains("File not found: " + doc);
    assertThat(drive.folderCount()).isZero();
  }

  @Test
  void getAndDeleteOfAMissingFileAnswerTheVerbatim404Sample() throws IOException {
    try (Response response = http.get("/drive/v3/files/fake-file-id1" + GET_FIELDS)) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
      assertThat(response.body().string()).isEqualTo(NOT_FOUND_SAMPLE);
    }
    assertThat(DriveHttp.body(http.delete("/drive/v3/files/fake-file-id1"))).isEqualTo(NOT_FOUND_SAMPLE);
  }

  @Test
  void deletingAFolderIsPermanentAndTakesEverythingBelowIt() throws IOException {
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "Top", null)));
    String top = drive.folders().get(0).id();
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "Below", top)));
    String below = drive.folders().get(1).id();

    assertThat(http.delete("/drive/v3/files/" + top).code()).isEqualTo(204);

    assertThat(drive.folders()).isEmpty();
    assertThat(http.get("/drive/v3/files/" + below).code()).isEqualTo(404);
  }

  @Test
  void aTrashedFolderIsStillReadableButLeavesTheSnapshot() throws IOException {
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(null, "Old", null)));
    String id = drive.folders().get(0).id();

    drive.trash(id);

    assertThat(drive.folders()).isEmpty();
    assertThat(DriveHttp.body(http.get("/drive/v3/files/" + id + GET_FIELDS))).contains("\"trashed\": true");
    assertThatThrownBy(() -> drive.trash("1nothingHere")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireBearerAnswersOthersWithTheVerbatim401Sample() throws IOException {
    drive.requireBearer("ya29.good-token");

    try (Response response = http.get("/drive/v3/files/generateIds")) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate"))
          .isEqualTo("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
      assertThat(response.headers("Vary")).containsExactly("Origin", "X-Origin", "Referer");
      assertThat(response.body().string()).startsWith("{\n  \"error\": {\n    \"code\": 401,\n")
          .contains("\"reason\": \"authError\"", "\"status\": \"UNAUTHENTICATED\"");
    }
    try (Response ok = http.execute(new Request.Builder()
        .url(drive.uri() + "/drive/v3/files/generateIds").header("Authorization", "Bearer ya29.good-token"))) {
      assertThat(ok.code()).isEqualTo(200);
    }
  }

  @Test
  void requireBearerFromASupplierFollowsTheCurrentTokenAndRefusesWhenThereIsNone() throws IOException {
    java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>();
    drive.requireBearer(current::get);
    Request.Builder withToken = new Request.Builder().url(drive.uri() + "/drive/v3/files/root")
        .header("Authorization", "Bearer access-1");

    assertThat(http.execute(new Request.Builder().url(drive.uri() + "/drive/v3/files/root")
        .header("Authorization", "Bearer null")).code()).isEqualTo(401);
    current.set("access-1");
    assertThat(http.execute(withToken).code()).isEqualTo(200);
    current.set("access-2");
    assertThat(http.execute(withToken).code()).isEqualTo(401);
  }

  @Test
  void faultHelpersSendTheSampleBodies() throws IOException {
    drive.on(Requests.gets()).nth(1).respond(FakeDrive.rateLimited429());
    drive.on(Requests.gets()).nth(2).respond(FakeDrive.badGateway502());
    drive.on(Requests.gets()).nth(3).respond(FakeDrive.insufficientScopes403());
    drive.on(Requests.gets()).nth(4).respond(FakeDrive.userRateLimitExceeded403());

    assertThat(DriveHttp.body(http.get("/drive/v3/files/x"))).isEqualTo(RATE_LIMIT_SAMPLE);
    try (Response page = http.get("/drive/v3/files/x")) {
      assertThat(page.code()).isEqualTo(502);
      assertThat(page.body().string()).startsWith("<!DOCTYPE html>\n<html lang=en>")
          .contains("<title>Error 502 (Server Error)!!1</title>", "That\u2019s an error.");
    }
    assertThat(DriveHttp.body(http.get("/drive/v3/files/x"))).contains("\"reason\": \"insufficientPermissions\"",
        "\"message\": \"Request had insufficient authentication scopes.\"");
    assertThat(DriveHttp.body(http.get("/drive/v3/files/x"))).contains("\"domain\": \"usageLimits\"",
        "\"reason\": \"userRateLimitExceeded\"", "\"code\": 403");
  }

  @Test
  void applyThenResetStoresTheFolderThoughTheClientHearsNothing() throws IOException {
    String id = generateIds(1).get(0);
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    assertThatThrownBy(() -> http.post(CREATE, DriveHttp.folderBody(id, "Lost", null))).isInstanceOf(IOException.class);

    assertThat(drive.folders()).extracting(FakeDrive.Folder::id).containsExactly(id);
    assertThat(http.post(CREATE, DriveHttp.folderBody(id, "Lost", null)).code()).isEqualTo(409);
  }

  @Test
  void onlyPostsToTheFilesCollectionAreCreates() {
    assertThat(drive.isCreate(new RecordedCall("POST", CREATE, Map.of(), ""))).isTrue();
    assertThat(drive.isCreate(new RecordedCall("GET", "/drive/v3/files/generateIds?count=1", Map.of(), ""))).isFalse();
    assertThat(drive.isCreate(new RecordedCall("POST", "/drive/v3/files/abc/copy", Map.of(), ""))).isFalse();
  }

  @Test
  void unknownFieldsAndUnknownPathsAreRefusedLikeGoogleDoes() throws IOException {
    try (Response fields = http.get("/drive/v3/files/root?fields=id,owners")) {
      assertThat(fields.code()).isEqualTo(400);
      assertThat(fields.body().string()).contains("\"reason\": \"invalidParameter\"", "Invalid field selection owners");
    }
    try (Response page = http.get("/drive/v3/filez")) {
      assertThat(page.code()).isEqualTo(404);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body().string()).contains("<title>Error 404 (Not Found)!!1</title>", "<code>/drive/v3/filez</code>");
    }
    assertThat(DriveHttp.body(http.post(CREATE, "{not json"))).contains("\"reason\": \"parseError\"");
  }

  @Test
  void resetForgetsFoldersIdsAndCounts() throws IOException {
    DriveHttp.body(http.post(CREATE, DriveHttp.folderBody(generateIds(1).get(0), "x", null)));

    drive.reset();

    assertThat(drive.folders()).isEmpty();
    assertThat(drive.generateIdsCount()).isZero();
    assertThat(drive.createCount()).isZero();
    assertThat(drive.requestCount()).isZero();
    assertThat(http.get("/drive/v3/files/root").code()).isEqualTo(200);
  }
}
