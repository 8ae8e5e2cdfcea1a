package dev.actionlayer.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.Page;
import dev.actionlayer.spi.ConnectorProvider;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeDropbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact RPC calls the Dropbox connector sends, as the fake recorded them, and how it reads the answers. */
class DropboxWireFormatTest {
  static final String TOKEN = "sl.u.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

  private final LayerHarness harness = new LayerHarness("dropbox", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeDropbox dropbox = new FakeDropbox().requireBearer(TOKEN);
  private Folders folders;

  @BeforeEach
  void start() {
    dropbox.start();
    folders = newLayer();
  }

  private Folders newLayer() {
    return harness.folders(Dropbox.connector(dropbox.uri().resolve("/2"), Credentials.bearer(TOKEN)));
  }

  @AfterEach
  void stop() {
    harness.close();
    dropbox.close();
  }

  private List<RecordedCall> since(int from) {
    return dropbox.requests().subList(from, dropbox.requestCount());
  }

  @Test
  void defaultBaseUriIsDropboxsRpcRoot() {
    assertThat(Dropbox.DEFAULT_BASE_URI).hasToString("https://api.dropboxapi.com/2");
  }

  @Test
  void createAtTheRootPostsThePathAndReadsTheIdAsTheFoldersId() {
    Folder folder = folders.create(new NewFolder("Ada Lovelace", null));

    RecordedCall call = dropbox.requests().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/2/files/create_folder_v2");
    assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(call.header("Content-Type")).startsWith("application/json");
    assertThat(call.body()).isEqualTo("{\"path\":\"/Ada Lovelace\",\"autorename\":false}");
    assertThat(folder.id()).startsWith("id:");
    assertThat(folder.parentId()).isNull();
    assertThat(folder.url()).isEqualTo("https://www.dropbox.com/home/Ada%20Lovelace");
    assertThat(folder.extra()).containsEntry("path", "/Ada Lovelace");
  }

  @Test
  void createUnderAParentReadsTheParentsPathByIdFirst() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    int before = dropbox.requestCount();

    Folder folder = folders.create(new NewFolder("Acme", parent));

    assertThat(since(before)).extracting(RecordedCall::path, RecordedCall::body).containsExactly(
        tuple("/2/files/get_metadata", "{\"path\":\"" + parent + "\"}"),
        tuple("/2/files/create_folder_v2", "{\"path\":\"/clients/Acme\",\"autorename\":false}"));
    assertThat(folder.parentId()).isEqualTo(parent);
    assertThat(dropbox.pathOf(folder.id())).isEqualTo("/Clients/Acme");
  }

  @Test
  void getAsksForTheMetadataByIdAndDeleteLooksFirst() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();

    assertThat(folders.get(id).name()).isEqualTo("Ada Lovelace");
    int before = dropbox.requestCount();
    folders.delete(id);

    assertThat(since(before)).extracting(RecordedCall::path, RecordedCall::body).containsExactly(
        tuple("/2/files/get_metadata", "{\"path\":\"" + id + "\"}"),
        tuple("/2/files/delete_v2", "{\"path\":\"" + id + "\"}"));
    assertThat(dropbox.folderCount()).isZero();
    assertThat(LayerHarness.failure(() -> folders.get(id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aFilesIdIsNotAFolderAndIsNeitherMovedNorDeleted() {
    String file = dropbox.addFile("/contract.pdf");

    assertThat(LayerHarness.failure(() -> folders.delete(file)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(LayerHarness.failure(() -> folders.update(file, FolderChanges.rename("x"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(dropbox.requests()).extracting(RecordedCall::path).containsOnly("/2/files/get_metadata");
    assertThat(dropbox.pathOf(file)).isEqualTo("/contract.pdf");
  }

  @Test
  void renameLooksThenMovesWithinTheParentAndReadsTheFolderBack() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    String id = folders.create(new NewFolder("Acme", parent)).id();
    int before = dropbox.requestCount();

    Folder renamed = folders.update(id, FolderChanges.rename("Acme Corp"));

    assertThat(since(before)).extracting(RecordedCall::path, RecordedCall::body).containsExactly(
        tuple("/2/files/get_metadata", "{\"path\":\"" + id + "\"}"),
        tuple("/2/files/move_v2", "{\"from_path\":\"" + id + "\",\"to_path\":\"/clients/Acme Corp\","
            + "\"autorename\":false,\"allow_ownership_transfer\":false}"),
        tuple("/2/files/get_metadata", "{\"path\":\"" + id + "\"}"));
    assertThat(renamed.id()).isEqualTo(id);
    assertThat(renamed.name()).isEqualTo("Acme Corp");
  }

  @Test
  void moveReadsTheNewParentsPathAndKeepsTheName() {
    String id = folders.create(new NewFolder("Acme", null)).id();
    String archive = folders.create(new NewFolder("Archive", null)).id();

    Folder moved = folders.update(id, FolderChanges.move(archive));

    assertThat(dropbox.pathOf(id)).isEqualTo("/Archive/Acme");
    assertThat(moved.parentId()).isEqualTo(archive);
  }

  @Test
  void aMoveWhoseAnswerWasLostIsNotSentAgain() {
    String id = folders.create(new NewFolder("Acme", null)).id();
    dropbox.on(Requests.where(c -> c.pathWithoutQuery().equals("/2/files/move_v2"))).nth(1)
        .respond(Fault.applyThenReset());

    Folder renamed = folders.update(id, FolderChanges.rename("Acme Corp"));

    assertThat(renamed.name()).isEqualTo("Acme Corp");
    assertThat(dropbox.requests()).filteredOn(c -> c.path().equals("/2/files/move_v2")).hasSize(1);
  }

  @Test
  void listPagesWithDropboxsCursorAndKeepsOnlyFolders() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    for (String name : List.of("Acme", "Globex")) folders.create(new NewFolder(name, parent));
    dropbox.addFile("/Clients/contract.pdf");
    folders.create(new NewFolder("Initech", parent));
    int before = dropbox.requestCount();

    Page<Folder> first = folders.list(new FolderQuery(parent, null, 2, null));
    Page<Folder> second = folders.list(new FolderQuery(parent, null, 2, first.nextCursor()));

    assertThat(since(before)).extracting(RecordedCall::path, RecordedCall::body).containsExactly(
        tuple("/2/files/list_folder", "{\"path\":\"" + parent + "\",\"limit\":2}"),
        tuple("/2/files/list_folder/continue", "{\"cursor\":\"" + first.nextCursor() + "\"}"));
    assertThat(first.items()).extracting(Folder::name).containsExactly("Acme", "Globex");
    assertThat(second.items()).extracting(Folder::name).containsExactly("Initech");
    assertThat(second.items().get(0).parentId()).isEqualTo(parent);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void listsTheRootAsTheEmptyPathAndRefusesANameFilterWithoutSending() {
    folders.create(new NewFolder("Ada Lovelace", null));

    assertThat(folders.list(FolderQuery.in(null)).items()).extracting(Folder::name).containsExactly("Ada Lovelace");
    assertThat(dropbox.requests().get(dropbox.requestCount() - 1).body()).isEqualTo("{\"path\":\"\",\"limit\":25}");

    int before = dropbox.requestCount();
    assertThat(LayerHarness.failure(() -> folders.list(new FolderQuery(null, "Ada", 0, null))).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(dropbox.requestCount()).isEqualTo(before);
  }

  @Test
  void aRepeatedCreateReadsTheEmptyFolderBackAndAFilledOneIsAConflict() {
    Folder first = folders.create(new NewFolder("Ada Lovelace", null));

    assertThat(newLayer().create(new NewFolder("Ada Lovelace", null)).id()).isEqualTo(first.id());
    assertThat(dropbox.folderCount()).isEqualTo(1);

    dropbox.addFile("/Ada Lovelace/notes.txt");
    assertThat(LayerHarness.failure(() -> newLayer().create(new NewFolder("Ada Lovelace", null))).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThat(dropbox.folderCount()).isEqualTo(1);
  }

  @Test
  void namesThatAreNotOnePathComponentAndIdsThatAreNotDropboxIdsNeverLeaveTheProcess() {
    int before = dropbox.requestCount();

    for (String name : List.of("a/b", "..", "a\\b")) {
      assertThat(LayerHarness.failure(() -> folders.create(new NewFolder(name, null))).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    for (String id : List.of("/Ada Lovelace", "id:a/b", "rev:a1c10ce0dd78", "ns:123")) {
      assertThat(LayerHarness.failure(() -> folders.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(LayerHarness.failure(() -> folders.update("id:abc", FolderChanges.rename("../x"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(dropbox.requestCount()).isEqualTo(before);
  }

  @Test
  void theProviderNamesDropbox() {
    ConnectorProvider provider = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.vendor().equals("dropbox")).findFirst().orElseThrow();

    assertThat(provider.defaultBaseUri()).isEqualTo(Dropbox.DEFAULT_BASE_URI);
    assertThat(provider.connector(Dropbox.DEFAULT_BASE_URI, Credentials.bearer(TOKEN), Map.of()).vendor())
        .isEqualTo("dropbox");
  }
}
