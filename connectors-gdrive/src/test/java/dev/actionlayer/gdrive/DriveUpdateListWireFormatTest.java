package dev.actionlayer.gdrive;

import static dev.actionlayer.gdrive.DriveWireFormatTest.ID_1;
import static dev.actionlayer.gdrive.DriveWireFormatTest.ID_2;
import static dev.actionlayer.gdrive.DriveWireFormatTest.PARENT;
import static dev.actionlayer.gdrive.DriveWireFormatTest.body;
import static dev.actionlayer.gdrive.DriveWireFormatTest.folder;
import static dev.actionlayer.gdrive.DriveWireFormatTest.json;
import static dev.actionlayer.gdrive.DriveWireFormatTest.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Folders;
import dev.actionlayer.Page;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests of {@code folders.update} ({@code files.update}) and {@code folders.list} ({@code files.list}). */
class DriveUpdateListWireFormatTest {
  private static final String ROOT = "0AMyDriveRootUk9PVA";
  private static final String TARGET = "1TargetFolderId000000000000000000";
  private static final String FOLDER_Q = " in parents and mimeType = 'application/vnd.google-apps.folder'"
      + " and trashed = false";

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

  private static MockResponse look(String parent) {
    return json(200, "{\"id\":\"" + ID_1 + "\",\"mimeType\":\"application/vnd.google-apps.folder\","
        + "\"parents\":[\"" + parent + "\"],\"trashed\":false}");
  }

  private static MockResponse updated(String name, String parent) {
    return json(200, "{\"id\":\"" + ID_1 + "\",\"name\":\"" + name + "\",\"parents\":[\"" + parent + "\"],"
        + "\"webViewLink\":\"" + link(ID_1) + "\"}");
  }

  @Test
  void renameLooksAtTheFolderThenPatchesOnlyTheName() throws Exception {
    server.enqueue(look(PARENT));
    server.enqueue(updated("Renamed", PARENT));

    Folder folder = folders().update(ID_1, FolderChanges.rename("Renamed"));

    assertThat(folder).isEqualTo(new Folder(ID_1, "Renamed", PARENT, link(ID_1), Map.of()));
    RecordedRequest look = server.takeRequest();
    assertThat(look.getMethod()).isEqualTo("GET");
    assertThat(look.getTarget()).isEqualTo("/drive/v3/files/" + ID_1 + "?fields=id%2CmimeType%2Cparents%2Ctrashed");
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo("/drive/v3/files/" + ID_1 + "?fields=id%2Cname%2Cparents%2CwebViewLink");
    assertThat(patch.getHeaders().get("Authorization")).isEqualTo("Bearer " + DriveHarness.TOKEN);
    assertThat(patch.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(patch)).isEqualTo("{\"name\":\"Renamed\"}");
  }

  @Test
  void moveAddsTheNewParentAndRemovesTheCurrentOnes() throws Exception {
    server.enqueue(look(PARENT));
    server.enqueue(updated("Ada", TARGET));

    Folder folder = folders().update(ID_1, FolderChanges.move(TARGET));

    assertThat(folder.parentId()).isEqualTo(TARGET);
    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getUrl().encodedPath()).isEqualTo("/drive/v3/files/" + ID_1);
    assertThat(patch.getUrl().queryParameter("fields")).isEqualTo("id,name,parents,webViewLink");
    assertThat(patch.getUrl().queryParameter("addParents")).isEqualTo(TARGET);
    assertThat(patch.getUrl().queryParameter("removeParents")).isEqualTo(PARENT);
    assertThat(body(patch)).isEqualTo("{}");
  }

  @Test
  void renameAndMoveTogetherAreOnePatch() throws Exception {
    server.enqueue(look(PARENT));
    server.enqueue(updated("Archive", TARGET));

    folders().update(ID_1, new FolderChanges("Archive", TARGET));

    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getTarget()).isEqualTo("/drive/v3/files/" + ID_1 + "?fields=id%2Cname%2Cparents%2CwebViewLink"
        + "&addParents=" + TARGET + "&removeParents=" + PARENT);
    assertThat(body(patch)).isEqualTo("{\"name\":\"Archive\"}");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aMoveToTheParentItAlreadyHasSendsNoParentChange() throws Exception {
    server.enqueue(look(TARGET));
    server.enqueue(updated("Ada", TARGET));

    folders().update(ID_1, FolderChanges.move(TARGET));

    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getUrl().queryParameter("addParents")).isNull();
    assertThat(patch.getUrl().queryParameter("removeParents")).isNull();
  }

  @Test
  void aMoveToRootResolvesTheAliasSoAFolderAlreadyThereKeepsItsParent() throws Exception {
    server.enqueue(look(ROOT));
    server.enqueue(json(200, "{\"id\":\"" + ROOT + "\"}"));
    server.enqueue(updated("Ada", ROOT));

    folders().update(ID_1, FolderChanges.move("root"));

    server.takeRequest();
    RecordedRequest root = server.takeRequest();
    assertThat(root.getTarget()).isEqualTo("/drive/v3/files/root?fields=id");
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getUrl().queryParameter("addParents")).isNull();
    assertThat(patch.getUrl().queryParameter("removeParents")).isNull();
  }

  @Test
  void aMoveOutOfMyDriveRootNamesTheRealRootIdToRemove() throws Exception {
    server.enqueue(look(PARENT));
    server.enqueue(json(200, "{\"id\":\"" + ROOT + "\"}"));
    server.enqueue(updated("Ada", ROOT));

    folders().update(ID_1, FolderChanges.move("root"));

    server.takeRequest();
    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getUrl().queryParameter("addParents")).isEqualTo(ROOT);
    assertThat(patch.getUrl().queryParameter("removeParents")).isEqualTo(PARENT);
  }

  @Test
  void anIdThatIsNotAFolderIsNotFoundAndNothingIsPatched() {
    server.enqueue(json(200, "{\"id\":\"" + ID_1 + "\",\"mimeType\":\"application/pdf\",\"parents\":[\""
        + PARENT + "\"],\"trashed\":false}"));

    ActionError error = LayerHarness.failure(() -> folders().update(ID_1, FolderChanges.rename("x"))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aMissingFolderIsNotFoundFromTheLook() {
    server.enqueue(json(404, "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"notFound\","
        + "\"message\":\"File not found: " + ID_1 + ".\",\"locationType\":\"parameter\",\"location\":\"fileId\"}],"
        + "\"code\":404,\"message\":\"File not found: " + ID_1 + ".\"}}"));

    ActionError error = LayerHarness.failure(() -> folders().update(ID_1, FolderChanges.rename("x"))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hostileIdsAndParentsNeverLeaveTheProcess() {
    ActionError badId = LayerHarness.failure(() -> folders().update("../about", FolderChanges.rename("x"))).error();
    ActionError badParent = LayerHarness.failure(() -> folders().update(ID_1, FolderChanges.move("a' or '1"))).error();

    assertThat(badId.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(badParent.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(badParent.fieldErrors()).containsKey("parentId");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void listAsksForTheFoldersInMyDriveByDefault() throws Exception {
    server.enqueue(json(200, "{\"nextPageToken\":\"~!!~AI9FV7Q\",\"files\":[{\"id\":\"" + ID_1
        + "\",\"name\":\"Ada\",\"parents\":[\"" + ROOT + "\"],\"webViewLink\":\"" + link(ID_1) + "\"},"
        + "{\"id\":\"" + ID_2 + "\",\"name\":\"Bob\",\"parents\":[\"" + ROOT + "\"]}]}"));

    Page<Folder> page = folders().list(new FolderQuery(null, null, 2, null));

    assertThat(page.items()).containsExactly(new Folder(ID_1, "Ada", ROOT, link(ID_1), Map.of()),
        new Folder(ID_2, "Bob", ROOT));
    assertThat(page.nextCursor()).isEqualTo("~!!~AI9FV7Q");
    RecordedRequest list = server.takeRequest();
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getUrl().encodedPath()).isEqualTo("/drive/v3/files");
    assertThat(list.getUrl().queryParameter("q")).isEqualTo("'root'" + FOLDER_Q);
    assertThat(list.getUrl().queryParameter("fields")).isEqualTo("nextPageToken,files(id,name,parents,webViewLink)");
    assertThat(list.getUrl().queryParameter("pageSize")).isEqualTo("2");
    assertThat(list.getUrl().queryParameter("spaces")).isEqualTo("drive");
    assertThat(list.getUrl().queryParameter("pageToken")).isNull();
    assertThat(list.getBody()).isNull();
  }

  @Test
  void listInAParentByNameQuotesBothAndSendsTheCursorAsPageToken() throws Exception {
    server.enqueue(json(200, "{\"files\":[]}"));

    Page<Folder> page = folders().list(new FolderQuery(PARENT, "O'Brien \\ Co", 25, "~!!~token"));

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isNull();
    RecordedRequest list = server.takeRequest();
    assertThat(list.getUrl().queryParameter("q"))
        .isEqualTo("'" + PARENT + "'" + FOLDER_Q + " and name contains 'O\\'Brien \\\\ Co'");
    assertThat(list.getUrl().queryParameter("pageToken")).isEqualTo("~!!~token");
    assertThat(list.getUrl().queryParameter("pageSize")).isEqualTo("25");
  }

  @Test
  void listWithAllDrivesIncludesSharedDriveItems() throws Exception {
    server.enqueue(json(200, "{\"files\":[]}"));
    Folders folders = harness.folders(GoogleDrive.builder(server.url("/").uri(), DriveHarness.bearer())
        .supportsAllDrives(true).build());

    folders.list(FolderQuery.in(PARENT));

    RecordedRequest list = server.takeRequest();
    assertThat(list.getUrl().queryParameter("supportsAllDrives")).isEqualTo("true");
    assertThat(list.getUrl().queryParameter("includeItemsFromAllDrives")).isEqualTo("true");
  }

  @Test
  void aListAnswerWithoutAFilesArrayIsNotAnEmptyPage() {
    // Unreadable, so read again (a list is read-only): every attempt gets the same answer.
    for (int i = 0; i < 3; i++) server.enqueue(json(200, "{\"kind\":\"drive#something\"}"));

    ActionError error = LayerHarness.failure(() -> folders().list(FolderQuery.in(null))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
