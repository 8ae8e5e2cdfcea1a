package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A folder can be looked up by the idempotency key its create carried ({@code files.list} by the
 * {@code actionlayerKey} app property), so that a saga recovering in a new process learns whether
 * the create happened without making a second folder under a new pre-generated id.
 */
class DriveFindByKeyTest {
  private static final NewFolder INPUT = new NewFolder("Ada Lovelace", null);
  private static final String FIELDS = "files(id,name,parents,mimeType,appProperties,webViewLink)";

  private final LayerHarness harness = DriveHarness.create();
  private final FakeDrive drive = new FakeDrive();
  private VendorWire wire;
  private Resource<NewFolder, Folder> folders;

  @BeforeEach
  void start() {
    drive.start();
    wire = new VendorWire(drive);
    folders = GoogleDrive.connector(drive.uri(), DriveHarness.bearer()).folders();
  }

  @AfterEach
  void stop() {
    harness.close();
    drive.close();
  }

  /** Creates a folder through the resource under {@code key}, as a saga's step would. */
  private Folder createUnder(String key, String name) throws IOException {
    CallContext context = wire.context(key, "folders.create");
    NewFolder input = new NewFolder(name, null);
    VendorResponse created = wire.send(folders.create(input, context));
    assertThat(created.status()).isEqualTo(200);
    return folders.readCreated(created, input, context);
  }

  private Folder find(String key) throws IOException {
    CallContext context = wire.context(key, "folders.find");
    VendorResponse found = wire.send(folders.find(INPUT, context));
    assertThat(found.status()).as(found.bodyString()).isEqualTo(200);
    return folders.readFound(found, INPUT, context);
  }

  private static VendorResponse ok(String body) {
    return new VendorResponse(200, Map.of("content-type", List.of("application/json; charset=UTF-8")),
        body.getBytes(StandardCharsets.UTF_8), false, Instant.EPOCH);
  }

  private static String query(VendorRequest request, String name) {
    return request.query().stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  @Test
  void createsStayKeyedButCanBeFound() {
    assertThat(folders.createSafety()).isEqualTo(CreateSafety.KEYED);
    assertThat(folders.canFind()).isTrue();
  }

  @Test
  void findIsAFilesListByTheKeyPropertyOutsideTheTrash() {
    VendorRequest request = folders.find(INPUT, new CallContext("k-1", "folders.find"));

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).containsExactly("drive", "v3", "files");
    assertThat(request.query()).containsExactly(
        Map.entry("q", "appProperties has { key='actionlayerKey' and value='k-1' } and trashed = false"),
        Map.entry("fields", FIELDS),
        Map.entry("spaces", "drive"));
    assertThat(request.body()).isNull();
  }

  @Test
  void withAllDrivesTheFindAlsoSearchesSharedDrives() {
    Resource<NewFolder, Folder> allDrives = GoogleDrive.builder(drive.uri(), DriveHarness.bearer())
        .supportsAllDrives(true).build().folders();

    VendorRequest request = allDrives.find(INPUT, new CallContext("k-1", "folders.find"));

    assertThat(request.query()).extracting(Map.Entry::getKey)
        .containsExactly("q", "fields", "spaces", "supportsAllDrives", "includeItemsFromAllDrives");
    assertThat(query(request, "supportsAllDrives")).isEqualTo("true");
    assertThat(query(request, "includeItemsFromAllDrives")).isEqualTo("true");
  }

  @Test
  void aLongKeyIsLookedUpByTheDigestTheCreateStored() throws IOException {
    String longKey = "k".repeat(200);
    Folder created = createUnder(longKey, "Long");

    assertThat(query(folders.find(INPUT, new CallContext(longKey, "folders.find")), "q"))
        .contains("value='" + DriveKeys.value(longKey) + "'").doesNotContain(longKey);
    assertThat(find(longKey)).isEqualTo(created);
  }

  @Test
  void findReturnsTheFolderTheCreateMadeUnderTheKey() throws IOException {
    Folder created = harness.folders(GoogleDrive.connector(drive.uri(), DriveHarness.bearer())).create(INPUT);
    String key = harness.lastEvent().idempotencyKey();

    assertThat(find(key)).isEqualTo(created);
  }

  @Test
  void findReturnsNullWhenNothingWasCreatedUnderTheKey() throws IOException {
    createUnder("k-other", "Someone else's");

    assertThat(find("k-1")).isNull();
    assertThat(drive.createCount()).isEqualTo(1);
  }

  @Test
  void aTrashedFolderIsNotFound() throws IOException {
    Folder created = createUnder("k-1", "Old");
    drive.trash(created.id());

    assertThat(find("k-1")).isNull();
  }

  @Test
  void hostileKeysAreEscapedAndFindOnlyTheirOwnFolder() throws IOException {
    String quoteAndBackslash = "a'b\\c";
    String prefix = "a'b";
    String injection = "x' } or name contains '";
    Folder first = createUnder(quoteAndBackslash, "First");
    Folder second = createUnder(prefix, "Second");
    Folder third = createUnder(injection, "Third");

    assertThat(query(folders.find(INPUT, new CallContext(quoteAndBackslash, "folders.find")), "q"))
        .isEqualTo("appProperties has { key='actionlayerKey' and value='a\\'b\\\\c' } and trashed = false");
    assertThat(query(folders.find(INPUT, new CallContext(injection, "folders.find")), "q"))
        .isEqualTo("appProperties has { key='actionlayerKey' and value='x\\' } or name contains \\'' }"
            + " and trashed = false");
    assertThat(find(quoteAndBackslash)).isEqualTo(first);
    assertThat(find(prefix)).isEqualTo(second);
    assertThat(find(injection)).isEqualTo(third);
    assertThat(find("a")).isNull();
  }

  @Test
  void readFoundSkipsFilesThatAreNotFoldersOrCarryAnotherKey() throws IOException {
    VendorResponse answer = ok("{\"files\":["
        + "{\"id\":\"1DocumentWithTheKey00\",\"name\":\"Doc\",\"mimeType\":\"application/vnd.google-apps.document\","
        + "\"appProperties\":{\"actionlayerKey\":\"k-1\"}},"
        + "{\"id\":\"1FolderOfAnotherKey00\",\"name\":\"Other\",\"mimeType\":\"application/vnd.google-apps.folder\","
        + "\"appProperties\":{\"actionlayerKey\":\"k-2\"}},"
        + "{\"id\":\"1TheFolderOfTheKey000\",\"name\":\"Ada\",\"mimeType\":\"application/vnd.google-apps.folder\","
        + "\"parents\":[\"1ParentFolderId00000\"],\"appProperties\":{\"actionlayerKey\":\"k-1\"}}]}");

    assertThat(folders.readFound(answer, INPUT, new CallContext("k-1", "folders.find")))
        .isEqualTo(new Folder("1TheFolderOfTheKey000", "Ada", "1ParentFolderId00000"));
    assertThat(folders.readFound(ok("{\"files\":[]}"), INPUT, new CallContext("k-1", "folders.find"))).isNull();
  }

  @Test
  void anAnswerWithoutAFilesArrayIsUnreadableNeverNotFound() {
    CallContext context = new CallContext("k-1", "folders.find");

    // "Nothing there" must be said by Drive: a foreign 200 read as absent would leave a folder behind.
    assertThatThrownBy(() -> folders.readFound(ok("{}"), INPUT, context)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> folders.readFound(ok("[]"), INPUT, context)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> folders.readFound(ok("<html></html>"), INPUT, context)).isInstanceOf(IOException.class);
  }
}
