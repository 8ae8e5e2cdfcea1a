package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only folders are folders: a document or a trashed folder reads as NOT_FOUND. */
class DriveFolderSemanticsTest {
  private final LayerHarness harness = DriveHarness.create();
  private final FakeDrive drive = new FakeDrive();

  @BeforeEach
  void start() {
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

  private static VendorResponse ok(String body) {
    return new VendorResponse(200, Map.of("content-type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8), false, Instant.EPOCH);
  }

  @Test
  void theResourceReadsADocumentAsNotFoundNamingItsType() {
    Connector connector = GoogleDrive.connector(GoogleDrive.DEFAULT_BASE_URI, DriveHarness.bearer());

    assertThatThrownBy(() -> connector.folders().read(ok("{\"id\":\"1DocumentId000000000\",\"name\":\"Notes\","
        + "\"mimeType\":\"application/vnd.google-apps.document\",\"trashed\":false}")))
        .isInstanceOfSatisfying(ActionException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.error().message()).isEqualTo("Google Drive file 1DocumentId000000000 is not a folder"
              + " (its type is application/vnd.google-apps.document)");
        });
  }

  @Test
  void theResourceReadsATrashedFolderAsNotFound() {
    Connector connector = GoogleDrive.connector(GoogleDrive.DEFAULT_BASE_URI, DriveHarness.bearer());

    assertThatThrownBy(() -> connector.folders().read(ok("{\"id\":\"1TrashedFolder000000\",\"name\":\"Old\","
        + "\"mimeType\":\"application/vnd.google-apps.folder\",\"trashed\":true}")))
        .isInstanceOfSatisfying(ActionException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.error().message()).isEqualTo("Google Drive folder 1TrashedFolder000000 is in the trash");
        });
  }

  @Test
  void getOfADocumentIsNotFoundThroughThePipeline() {
    String doc = drive.addFile("Notes", "application/vnd.google-apps.document");

    ActionError e = LayerHarness.failure(() -> folders().get(doc)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.message()).contains("is not a folder");
    assertThat(drive.requestCount()).isEqualTo(1);
  }

  @Test
  void getOfATrashedFolderIsNotFoundThroughThePipeline() {
    Folders folders = folders();
    Folder folder = folders.create(new NewFolder("Old", null));
    drive.trash(folder.id());

    ActionError e = LayerHarness.failure(() -> folders.get(folder.id())).error();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.message()).contains("in the trash");
  }

  @Test
  void deletingADocumentThroughFoldersIsRefusedAndTheDocumentSurvives() {
    String doc = drive.addFile("Contract", "application/vnd.google-apps.document");

    ActionError e = LayerHarness.failure(() -> folders().delete(doc)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.message()).contains("is not a folder");
    assertThat(drive.requestCount(c -> c.method().equals("DELETE"))).isZero();
  }

}
