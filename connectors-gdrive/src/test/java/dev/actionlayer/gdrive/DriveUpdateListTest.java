package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Folders;
import dev.actionlayer.Page;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rename, move and list against FakeDrive's state, through the pipeline. */
class DriveUpdateListTest {
  private final LayerHarness harness = DriveHarness.create();
  private final FakeDrive drive = new FakeDrive();

  @BeforeEach
  void start() {
    drive.requireBearer(DriveHarness.TOKEN);
    drive.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    drive.close();
  }

  private Folders folders() {
    return harness.folders(GoogleDrive.connector(drive.uri(), DriveHarness.bearer()));
  }

  @Test
  void aMovedFolderIsListedUnderItsNewParentOnly() {
    String clients = drive.addFolder("Clients", "root");
    String ada = drive.addFolder("Ada Lovelace", "root");
    Folders folders = folders();

    Folder moved = folders.update(ada, FolderChanges.move(clients));

    assertThat(moved.parentId()).isEqualTo(clients);
    assertThat(moved.url()).isEqualTo("https://drive.google.com/drive/folders/" + ada);
    assertThat(folders.list(FolderQuery.in(clients)).items()).extracting(Folder::id).containsExactly(ada);
    assertThat(folders.list(FolderQuery.in(null)).items()).extracting(Folder::id).containsExactly(clients);
    assertThat(folders.get(ada).parentId()).isEqualTo(clients);
  }

  @Test
  void aMoveBackToMyDriveUsesTheRootAlias() {
    String clients = drive.addFolder("Clients", "root");
    String ada = drive.addFolder("Ada Lovelace", clients);

    assertThat(folders().update(ada, FolderChanges.move("root")).parentId()).isEqualTo(FakeDrive.ROOT_ID);
    assertThat(folders().update(ada, FolderChanges.move("root")).parentId()).as("moved again: nothing to change")
        .isEqualTo(FakeDrive.ROOT_ID);
  }

  @Test
  void aMoveWhoseAnswerIsLostIsResentAndLandsOnce() {
    String clients = drive.addFolder("Clients", "root");
    String ada = drive.addFolder("Ada Lovelace", "root");
    drive.on(Requests.method("PATCH")).nth(1).respond(Fault.applyThenReset());

    Folder moved = folders().update(ada, new FolderChanges("Ada", clients));

    assertThat(moved.parentId()).isEqualTo(clients);
    assertThat(moved.name()).isEqualTo("Ada");
    assertThat(drive.requestCount(c -> c.method().equals("PATCH"))).isEqualTo(2);
    assertThat(drive.folders()).filteredOn(f -> f.id().equals(ada)).singleElement()
        .satisfies(f -> assertThat(f.parentId()).isEqualTo(clients));
  }

  @Test
  void listingByNamePagesThroughTheMatchesOnly() {
    String clients = drive.addFolder("Clients", "root");
    List<String> adas = new ArrayList<>();
    for (int i = 0; i < 5; i++) adas.add(drive.addFolder("Ada " + i, clients));
    drive.addFolder("Bob", clients);
    drive.trash(drive.addFolder("Ada trashed", clients));
    drive.addFile("Ada notes", "application/vnd.google-apps.document");

    List<String> listed = new ArrayList<>();
    FolderQuery query = new FolderQuery(clients, "ada", 2, null);
    int pages = 0;
    do {
      Page<Folder> page = folders().list(query);
      page.items().forEach(f -> listed.add(f.id()));
      query = query.next(page);
      pages++;
    } while (query.cursor() != null);

    assertThat(listed).containsExactlyElementsOf(adas);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aDocumentIdIsNeitherRenamedNorMoved() {
    String doc = drive.addFile("Notes", "application/vnd.google-apps.document");

    ActionError error = LayerHarness.failure(() -> folders().update(doc, FolderChanges.rename("x"))).error();

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(drive.updateCount()).isZero();
  }

  @Test
  void aSagaThatFailsAfterARenameAndMovePutsNameAndParentBack() {
    String clients = drive.addFolder("Clients", "root");
    String ada = drive.addFolder("Ada Lovelace", "root");
    FakeTime time = new FakeTime(DriveHarness.START);
    try (ActionLayer layer = ActionLayer.builder()
        .connection("drive", GoogleDrive.connector(drive.uri(), DriveHarness.bearer()))
        .clock(time).sleeper(time).build()) {

      SagaResult result = layer.saga("file-away")
          .step("move", s -> s.folders("drive").update(ada, new FolderChanges("Ada (2024)", clients)))
          .step("fails", s -> {
            throw ActionException.invalidField("x", "boom");
          })
          .run();

      assertThat(result.status()).isEqualTo(SagaResult.Status.COMPENSATED);
      Folder back = layer.folders("drive").get(ada);
      assertThat(back.name()).isEqualTo("Ada Lovelace");
      assertThat(back.parentId()).isEqualTo(FakeDrive.ROOT_ID);
    }
  }
}
