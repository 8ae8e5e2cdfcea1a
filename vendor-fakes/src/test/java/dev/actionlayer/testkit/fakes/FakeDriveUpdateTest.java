package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeDrive's {@code files.update} (rename, move) and the paging and folder terms of {@code files.list}. */
class FakeDriveUpdateTest {
  private static final String FIELDS = "?fields=id,name,parents,webViewLink";

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

  private Response patch(String id, String query, String body) throws IOException {
    return http.patch("/drive/v3/files/" + id + FIELDS + query, body);
  }

  @Test
  void aRenameAnswersTheChangedFileWithItsWebViewLink() throws IOException {
    String id = drive.addFolder("Ada", "root");

    assertThat(DriveHttp.body(patch(id, "", "{\"name\":\"Ada Lovelace\"}"))).isEqualTo("{\n  \"id\": \"" + id
        + "\",\n  \"name\": \"Ada Lovelace\",\n  \"parents\": [\n    \"" + FakeDrive.ROOT_ID + "\"\n  ],\n"
        + "  \"webViewLink\": \"https://drive.google.com/drive/folders/" + id + "\"\n}");
    assertThat(drive.folders()).extracting(FakeDrive.Folder::name).containsExactly("Ada Lovelace");
    assertThat(drive.updateCount()).isEqualTo(1);
    assertThat(drive.createCount()).isEqualTo(1);
  }

  @Test
  void aMoveAddsAndRemovesParentsAndRepeatingItChangesNothing() throws IOException {
    String target = drive.addFolder("Archive", "root");
    String id = drive.addFolder("Ada", "root");
    String move = "&addParents=" + target + "&removeParents=" + FakeDrive.ROOT_ID;

    assertThat(DriveHttp.code(patch(id, move, "{}"))).isEqualTo(200);
    assertThat(DriveHttp.code(patch(id, move, "{}"))).isEqualTo(200);

    assertThat(drive.folders()).filteredOn(f -> f.id().equals(id)).extracting(FakeDrive.Folder::parentId)
        .containsExactly(target);
  }

  @Test
  void parentsInTheBodyAreNotWritable() throws IOException {
    String id = drive.addFolder("Ada", "root");

    try (Response response = patch(id, "", "{\"parents\":[\"root\"]}")) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(response.body().string()).contains("\"reason\": \"fieldNotWritable\"",
          "The parents field is not directly writable in update requests. Use the addParents and"
              + " removeParents parameters instead.");
    }
  }

  @Test
  void aSecondParentIsRefused() throws IOException {
    String target = drive.addFolder("Archive", "root");
    String id = drive.addFolder("Ada", "root");

    try (Response response = patch(id, "&addParents=" + target, "{}")) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(response.body().string()).contains("\"reason\": \"cannotAddParent\"",
          "Increasing the number of parents is not allowed");
    }
  }

  @Test
  void aFolderCannotMoveBelowItselfNorUnderAFileNorUnderNothing() throws IOException {
    String id = drive.addFolder("Ada", "root");
    String child = drive.addFolder("Letters", id);
    String doc = drive.addFile("Notes", "application/vnd.google-apps.document");

    assertThat(DriveHttp.code(patch(id, "&addParents=" + child + "&removeParents=" + FakeDrive.ROOT_ID, "{}")))
        .isEqualTo(400);
    assertThat(DriveHttp.code(patch(id, "&addParents=" + doc + "&removeParents=" + FakeDrive.ROOT_ID, "{}")))
        .isEqualTo(403);
    assertThat(DriveHttp.code(patch(id, "&addParents=1NoSuchFolder00000000", "{}"))).isEqualTo(404);
    assertThat(DriveHttp.code(patch(id, "&removeParents=" + FakeDrive.ROOT_ID, "{}"))).isEqualTo(400);
    String other = drive.addFolder("Other", "root");
    assertThat(DriveHttp.code(patch(id, "&addParents=" + other + "," + other + "&removeParents=" + FakeDrive.ROOT_ID,
        "{}"))).isEqualTo(400);
    assertThat(drive.updateCount()).isZero();
  }

  @Test
  void aMissingFileIsNotFoundAndTheRootCannotBeChanged() throws IOException {
    assertThat(DriveHttp.body(patch("1NoSuchFolder00000000", "", "{\"name\":\"x\"}")))
        .contains("\"reason\": \"notFound\"", "File not found: 1NoSuchFolder00000000.");
    assertThat(DriveHttp.code(patch("root", "", "{\"name\":\"x\"}"))).isEqualTo(403);
  }

  @Test
  void membersFakeDriveDoesNotStoreAreRefused() throws IOException {
    String id = drive.addFolder("Ada", "root");

    assertThat(DriveHttp.code(patch(id, "", "{\"starred\":true}"))).isEqualTo(400);
    assertThat(DriveHttp.code(patch(id, "", "[]"))).isEqualTo(400);
  }

  private Response list(String q, int pageSize, String token) throws IOException {
    return http.get("/drive/v3/files?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + "&fields=nextPageToken,files(id)&pageSize=" + pageSize
        + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void listPagesByPageSizeWithATokenUntilTheLastPage() throws IOException {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) made.add(drive.addFolder("F" + i, "root"));
    String q = "'root' in parents and mimeType = 'application/vnd.google-apps.folder' and trashed = false";

    List<String> listed = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> page = (Map<String, Object>) Json.parse(DriveHttp.body(list(q, 2, token)));
      ((List<Map<String, Object>>) page.get("files")).forEach(f -> listed.add((String) f.get("id")));
      token = (String) page.get("nextPageToken");
      pages++;
    } while (token != null);

    assertThat(listed).containsExactlyElementsOf(made);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aTokenIsValidOnlyForItsOwnQueryAndPageSizeIsBounded() throws IOException {
    for (int i = 0; i < 3; i++) drive.addFolder("F" + i, "root");
    String body = DriveHttp.body(list("trashed = false", 1, null));
    String token = body.substring(body.indexOf("~!!~"), body.indexOf('"', body.indexOf("~!!~")));

    assertThat(DriveHttp.code(list("trashed = false", 1, token))).isEqualTo(200);
    assertThat(DriveHttp.body(list("trashed = true", 1, token))).contains("\"location\": \"pageToken\"");
    assertThat(DriveHttp.body(list("trashed = false", 1, "made-up"))).contains("\"location\": \"pageToken\"");
    assertThat(DriveHttp.body(list("trashed = false", 0, null))).contains("\"location\": \"pageSize\"");
    assertThat(DriveHttp.code(list("trashed = false", 1001, null))).isEqualTo(400);
  }

  @Test
  void folderTermsSelectByParentTypeAndNamePrefix() throws IOException {
    String parent = drive.addFolder("Clients", "root");
    String ada = drive.addFolder("Ada Lovelace", parent);
    String bob = drive.addFolder("bob o'brien", parent);
    drive.addFolder("Ada elsewhere", "root");
    String trashed = drive.addFolder("Ada old", parent);
    drive.trash(trashed);
    String in = "'" + parent + "' in parents and mimeType = 'application/vnd.google-apps.folder' and trashed = false";

    assertThat(DriveHttp.body(list(in, 10, null))).contains(ada, bob).doesNotContain(trashed);
    assertThat(DriveHttp.body(list(in + " and name contains 'love'", 10, null))).contains(ada).doesNotContain(bob);
    assertThat(DriveHttp.body(list(in + " and name contains 'ADA'", 10, null))).contains(ada).doesNotContain(bob);
    assertThat(DriveHttp.body(list(in + " and name contains 'lace'", 10, null))).doesNotContain(ada);
    assertThat(DriveHttp.body(list(in + " and name contains 'O\\'B'", 10, null))).contains(bob);
    assertThat(DriveHttp.body(list(in + " and name = 'Ada Lovelace'", 10, null))).contains(ada).doesNotContain(bob);
    assertThat(DriveHttp.body(list("mimeType != 'application/vnd.google-apps.folder'", 10, null)))
        .doesNotContain(ada);
  }
}
