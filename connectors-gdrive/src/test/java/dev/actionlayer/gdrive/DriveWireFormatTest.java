package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriveWireFormatTest {
  static final String ID_1 = "1AbCdEfGhIjKlMnOpQrStUvWxYz012345";
  static final String ID_2 = "1BcDeFgHiJkLmNoPqRsTuVwXyZ0123456";
  static final String PARENT = "1ParentFolderId0000000000000000000";
  private static final String KEY = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final LayerHarness harness = DriveHarness.create();
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

  private Folders folders() {
    return harness.folders(GoogleDrive.connector(server.url("/").uri(), DriveHarness.bearer()));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
  }

  static MockResponse generatedIds(String... ids) {
    return json(200, "{\n  \"kind\": \"drive#generatedIds\",\n  \"space\": \"drive\",\n  \"ids\": [\""
        + String.join("\", \"", ids) + "\"]\n}");
  }

  static MockResponse folder(String id, String name, String parent, boolean trashed) {
    return json(200, "{\n  \"id\": \"" + id + "\",\n  \"name\": \"" + name + "\",\n"
        + "  \"mimeType\": \"application/vnd.google-apps.folder\",\n"
        + "  \"parents\": [\"" + parent + "\"],\n  \"trashed\": " + trashed + ",\n"
        + "  \"appProperties\": {\"actionlayerKey\": \"k\"},\n"
        + "  \"webViewLink\": \"" + link(id) + "\"\n}");
  }

  static String link(String id) {
    return "https://drive.google.com/drive/folders/" + id;
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
  }

  @Test
  void createFetchesIdsThenPostsTheFolderWithThePreGeneratedIdAndTheKeyAsAppProperty() throws Exception {
    server.enqueue(generatedIds(ID_1, ID_2));
    server.enqueue(folder(ID_1, "Ada Lovelace", "0AMyDriveRootUk9PVA", false));

    Folder created = folders().create(new NewFolder("Ada Lovelace", null));

    assertThat(created).isEqualTo(new Folder(ID_1, "Ada Lovelace", "0AMyDriveRootUk9PVA", link(ID_1), Map.of()));
    RecordedRequest ids = server.takeRequest();
    assertThat(ids.getMethod()).isEqualTo("GET");
    assertThat(ids.getTarget()).isEqualTo("/drive/v3/files/generateIds?count=100&space=drive&type=files");
    assertThat(ids.getHeaders().get("Authorization")).isEqualTo("Bearer " + DriveHarness.TOKEN);
    RecordedRequest create = server.takeRequest();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getTarget()).isEqualTo("/drive/v3/files?fields=id%2Cname%2Cparents%2CmimeType%2CappProperties%2CwebViewLink");
    assertThat(create.getUrl().queryParameter("fields")).isEqualTo("id,name,parents,mimeType,appProperties,webViewLink");
    assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer " + DriveHarness.TOKEN);
    assertThat(create.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(create)).matches("\\{\"id\":\"" + ID_1 + "\",\"name\":\"Ada Lovelace\","
        + "\"mimeType\":\"application/vnd.google-apps.folder\",\"appProperties\":\\{\"actionlayerKey\":\"" + KEY + "\"}}");
  }

  @Test
  void createWithAParentSendsItAsTheOnlyParent() throws Exception {
    server.enqueue(generatedIds(ID_1));
    server.enqueue(folder(ID_1, "Invoices", PARENT, false));

    Folder created = folders().create(new NewFolder("Invoices", PARENT));

    server.takeRequest();
    assertThat(body(server.takeRequest())).contains("\"parents\":[\"" + PARENT + "\"]");
    assertThat(created.parentId()).isEqualTo(PARENT);
  }

  @Test
  void theRootAliasIsAcceptedAsParent() throws Exception {
    server.enqueue(generatedIds(ID_1));
    server.enqueue(folder(ID_1, "Top", "0AMyDriveRootUk9PVA", false));

    folders().create(new NewFolder("Top", "root"));

    server.takeRequest();
    assertThat(body(server.takeRequest())).contains("\"parents\":[\"root\"]");
  }

  @Test
  void idsAreFetchedInBatchesAndEachCreateUsesTheNextOne() throws Exception {
    server.enqueue(generatedIds(ID_1, ID_2));
    server.enqueue(folder(ID_1, "One", PARENT, false));
    server.enqueue(folder(ID_2, "Two", PARENT, false));
    Folders folders = folders();

    folders.create(new NewFolder("One", PARENT));
    folders.create(new NewFolder("Two", PARENT));

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/drive/v3/files/generateIds");
    assertThat(body(server.takeRequest())).contains("\"id\":\"" + ID_1 + "\"");
    assertThat(body(server.takeRequest())).contains("\"id\":\"" + ID_2 + "\"");
  }

  @Test
  void aSpentPoolFetchesTheConfiguredBatchSizeAgain() throws Exception {
    server.enqueue(generatedIds(ID_1));
    server.enqueue(folder(ID_1, "One", PARENT, false));
    server.enqueue(generatedIds(ID_2));
    server.enqueue(folder(ID_2, "Two", PARENT, false));
    Folders folders = harness.folders(GoogleDrive.builder(server.url("/").uri(), DriveHarness.bearer())
        .idBatchSize(1).build());

    folders.create(new NewFolder("One", PARENT));
    folders.create(new NewFolder("Two", PARENT));

    assertThat(server.takeRequest().getUrl().queryParameter("count")).isEqualTo("1");
    assertThat(body(server.takeRequest())).contains(ID_1);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/drive/v3/files/generateIds");
    assertThat(body(server.takeRequest())).contains(ID_2);
  }

  @Test
  void createReadsTheVerbatimCreatedFolderSampleWithDefaultFieldsOnly() {
    server.enqueue(generatedIds("1jTVywFwB2BoVSRgGeAoPKOpUyP_3F3K6K6NHOCFPdw8"));
    server.enqueue(Samples.load("/gdrive/create-folder-200.http"));

    Folder created = folders().create(new NewFolder("MPL2012", null));

    assertThat(created).isEqualTo(new Folder("1jTVywFwB2BoVSRgGeAoPKOpUyP_3F3K6K6NHOCFPdw8", "MPL2012", null));
  }

  @Test
  void getAsksForTheFolderFieldsAndReadsParentAndName() throws Exception {
    server.enqueue(folder(ID_1, "Ada Lovelace", PARENT, false));

    Folder folder = folders().get(ID_1);

    assertThat(folder).isEqualTo(new Folder(ID_1, "Ada Lovelace", PARENT, link(ID_1), Map.of()));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/drive/v3/files/" + ID_1);
    assertThat(request.getUrl().queryParameter("fields")).isEqualTo("id,name,parents,mimeType,trashed,appProperties,webViewLink");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + DriveHarness.TOKEN);
  }

  @Test
  void deleteLooksTheFolderUpThenSendsADeleteAndAccepts204() throws Exception {
    server.enqueue(folder(ID_1, "Old", PARENT, false));
    server.enqueue(new MockResponse.Builder().code(204).build());

    folders().delete(ID_1);

    RecordedRequest lookup = server.takeRequest();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/drive/v3/files/" + ID_1);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/drive/v3/files/" + ID_1);
    assertThat(body(request)).isEmpty();
  }

  @Test
  void supportsAllDrivesGoesOnCreateGetAndDeleteButNotOnGenerateIds() throws Exception {
    server.enqueue(generatedIds(ID_1));
    server.enqueue(folder(ID_1, "Shared", PARENT, false));
    server.enqueue(folder(ID_1, "Shared", PARENT, false));
    server.enqueue(folder(ID_1, "Shared", PARENT, false));
    server.enqueue(new MockResponse.Builder().code(204).build());
    Folders folders = harness.folders(GoogleDrive.builder(server.url("/").uri(), DriveHarness.bearer())
        .supportsAllDrives(true).build());

    folders.create(new NewFolder("Shared", PARENT));
    folders.get(ID_1);
    folders.delete(ID_1);

    assertThat(server.takeRequest().getUrl().queryParameter("supportsAllDrives")).isNull();
    for (int i = 0; i < 4; i++) {
      assertThat(server.takeRequest().getUrl().queryParameter("supportsAllDrives")).isEqualTo("true");
    }
  }

  @Test
  void aFailedGenerateIdsFailsTheCreateWithItsMeaningAndSendsNoCreate() {
    server.enqueue(Samples.load("/gdrive/insufficient-scopes-403.http"));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("x", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.vendorCode()).isEqualTo("insufficientPermissions");
    assertThat(e.operation()).isEqualTo("folders.create");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGenerateIdsAnswerWithoutUsableIdsIsAnUpstreamErrorAndNoCreate() {
    server.enqueue(generatedIds("../../../drive/v3/about", "short"));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("x", null))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(e.message()).contains("generateIds");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
