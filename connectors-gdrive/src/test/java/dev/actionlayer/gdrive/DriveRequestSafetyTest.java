package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.io.IOException;
import java.net.URI;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values from the agent are data: they never choose an endpoint, and bad ones never leave the process. */
class DriveRequestSafetyTest {
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

  /**
   * Drive's id grammar, the {@code root} alias, and {@code ?alt=media} (the file's content instead of
   * its metadata); traversal, fragment and CR/LF ids are the kit's hostile-id rule.
   */
  @ParameterizedTest
  @ValueSource(strings = {"a/b", ".", "", "1AbCdEfGhIj?alt=media", " 1AbCdEfGhIj", "1AbCdEfGhIj ", "short",
      "root", "1AbCdEfGhIj;x"})
  void refusesAnIdThatIsNotADriveFileIdBeforeAnyRequest(String id) {
    Folders folders = folders();

    ActionError get = LayerHarness.failure(() -> folders.get(id)).error();
    ActionError delete = LayerHarness.failure(() -> folders.delete(id)).error();

    assertThat(get.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(delete.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(get.fieldErrors()).containsKey("id");
    assertThat(delete.fieldErrors()).containsKey("id");
    assertThat(get.attempts()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "..", "1AbCdEfGhIj?x=1", "\"],\"role\":\"owner", "short", "ROOT"})
  void refusesAParentThatIsNotAFolderIdBeforeAnyRequest(String parentId) {
    ActionError e = LayerHarness.failure(() -> folders().create(new NewFolder("x", parentId))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.fieldErrors()).containsKey("parentId");
    assertThat(e.attempts()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nb", "x\n", "\u0000"})
  void aParentWithLineBreaksNeverBecomesAnInput(String parentId) {
    assertThatThrownBy(() -> new NewFolder("x", parentId))
        .isInstanceOfSatisfying(ActionException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
          assertThat(e.error().fieldErrors()).containsKey("parentId");
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesPlainHttpToANonLoopbackHost() {
    assertThatThrownBy(() -> GoogleDrive.connector(URI.create("http://example.com"), DriveHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> GoogleDrive.builder(URI.create("http://www.googleapis.com"), DriveHarness.bearer()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsHttpsAndPlainHttpToLoopback() {
    Connector loopback = GoogleDrive.connector(URI.create("http://127.0.0.1:8080"), DriveHarness.bearer());
    Connector google = GoogleDrive.connector(GoogleDrive.DEFAULT_BASE_URI, DriveHarness.bearer());

    assertThat(loopback.baseUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(google.baseUri()).isEqualTo(URI.create("https://www.googleapis.com"));
    assertThat(google.vendor()).isEqualTo("gdrive");
    assertThat(google.requestIdHeader()).isNull();
    assertThat(google.folders()).isNotNull();
    assertThat(google.tasks()).isNull();
  }

  @Test
  void builderValidatesEachArgumentAtOnce() {
    URI uri = GoogleDrive.DEFAULT_BASE_URI;
    assertThatThrownBy(() -> GoogleDrive.connector(null, DriveHarness.bearer())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> GoogleDrive.connector(uri, null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentials == null");
    assertThatThrownBy(() -> GoogleDrive.builder(uri, DriveHarness.bearer()).idBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("idBatchSize not in 1..1000: 0");
    assertThatThrownBy(() -> GoogleDrive.builder(uri, DriveHarness.bearer()).idBatchSize(1001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idBatchSize");
  }

  @Test
  void aFolderNameIsDataInTheJsonBodyNeverStructure() throws Exception {
    server.enqueue(DriveWireFormatTest.generatedIds(DriveWireFormatTest.ID_1));
    server.enqueue(DriveWireFormatTest.folder(DriveWireFormatTest.ID_1, "x", "0ARoot", false));

    folders().create(new NewFolder("a\",\"parents\":[\"1Evil0000000000\"],\"x\":\"", null));

    server.takeRequest();
    String body = DriveWireFormatTest.body(server.takeRequest());
    assertThat(body).contains("\"name\":\"a\\\",\\\"parents\\\":[\\\"1Evil0000000000\\\"],\\\"x\\\":\\\"\"")
        .doesNotContain("\"parents\":[\"1Evil");
  }
}
