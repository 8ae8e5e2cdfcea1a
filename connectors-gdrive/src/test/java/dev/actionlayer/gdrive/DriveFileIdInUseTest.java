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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code 409 fileIdInUse} means "already created" only when the read-back shows this call's folder. */
class DriveFileIdInUseTest {
  private static final String ID = DriveWireFormatTest.ID_1;
  private static final String PARENT = DriveWireFormatTest.PARENT;
  private static final MockResponse IN_USE = DriveWireFormatTest.json(409, DriveErrorMappingTest.envelope(409,
      "global", "fileIdInUse", "A file already exists with the provided ID.", null));

  private final LayerHarness harness = DriveHarness.create();
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
    server.enqueue(DriveWireFormatTest.generatedIds(ID));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  private Folders folders() {
    return harness.folders(GoogleDrive.connector(server.url("/").uri(), DriveHarness.bearer()));
  }

  private static MockResponse readBack(String mimeType, String appProperties) {
    return DriveWireFormatTest.json(200, "{\"id\":\"" + ID + "\",\"name\":\"Ada\",\"mimeType\":\"" + mimeType
        + "\",\"parents\":[\"" + PARENT + "\"],\"trashed\":false" + appProperties + "}");
  }

  @Test
  void aFileIdInUseIsReadBackWithTheSameIdAndReturned() throws Exception {
    server.enqueue(IN_USE);
    server.enqueue(readBack("application/vnd.google-apps.folder", ""));

    Folder folder = folders().create(new NewFolder("Ada", PARENT));

    assertThat(folder).isEqualTo(new Folder(ID, "Ada", PARENT));
    server.takeRequest();
    server.takeRequest();
    var read = server.takeRequest();
    assertThat(read.getMethod()).isEqualTo("GET");
    assertThat(read.getUrl().encodedPath()).isEqualTo("/drive/v3/files/" + ID);
    assertThat(read.getUrl().queryParameter("fields")).isEqualTo("id,name,parents,mimeType,trashed,appProperties,webViewLink");
  }

  @Test
  void aFileIdInUseByAFolderWithAnotherKeyIsAConflict() {
    server.enqueue(IN_USE);
    server.enqueue(readBack("application/vnd.google-apps.folder", ",\"appProperties\":{\"actionlayerKey\":\"someone-else\"}"));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("Ada", PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("fileIdInUse");
    assertThat(e.retryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aFileIdInUseByAFileThatIsNoFolderIsAConflict() {
    server.enqueue(IN_USE);
    server.enqueue(readBack("application/pdf", ""));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("Ada", PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
  }

  @Test
  void aFileIdInUseThatCannotBeSeenIsAConflict() {
    server.enqueue(IN_USE);
    server.enqueue(Samples.load("/gdrive/not-found-404.http"));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("Ada", PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.httpStatus()).isEqualTo(409);
  }

  @Test
  void anotherConflictIsNotReadBack() {
    server.enqueue(DriveWireFormatTest.json(409, DriveErrorMappingTest.envelope(409, "global", "conflict",
        "Conflict", null)));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("Ada", PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.vendorCode()).isEqualTo("conflict");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnreadableReadBackIsOutcomeUnknownNotASecondCreate() {
    server.enqueue(IN_USE);
    server.enqueue(DriveWireFormatTest.json(200, "{\"id\":"));

    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("Ada", PARENT))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
