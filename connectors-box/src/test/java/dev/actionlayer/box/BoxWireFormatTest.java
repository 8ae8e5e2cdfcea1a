package dev.actionlayer.box;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.Page;
import dev.actionlayer.spi.ConnectorProvider;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fakes.FakeBox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the Box connector sends, as the fake recorded them, and how it reads the answers. */
class BoxWireFormatTest {
  static final String TOKEN = "box-developer-token-0123456789";
  static final String FIELDS = "fields=name%2Cparent%2Citem_status%2Ccreated_at%2Cmodified_at";

  private final LayerHarness harness = new LayerHarness("box", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeBox box = new FakeBox().requireBearer(TOKEN);
  private Folders folders;

  @BeforeEach
  void start() {
    box.start();
    folders = harness.folders(Box.connector(box.uri().resolve("/2.0"), Credentials.bearer(TOKEN)));
  }

  @AfterEach
  void stop() {
    harness.close();
    box.close();
  }

  private RecordedCall last() {
    List<RecordedCall> calls = box.requests();
    return calls.get(calls.size() - 1);
  }

  @Test
  void defaultBaseUriIsBoxsApiRoot() {
    assertThat(Box.DEFAULT_BASE_URI).hasToString("https://api.box.com/2.0");
  }

  @Test
  void createPostsNameAndParentAsksForTheFieldsAndReadsTheFolder() {
    Folder folder = folders.create(new NewFolder("Ada Lovelace", null));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/2.0/folders?" + FIELDS);
    assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(call.header("Content-Type")).startsWith("application/json");
    assertThat(call.body()).isEqualTo("{\"name\":\"Ada Lovelace\",\"parent\":{\"id\":\"0\"}}");
    assertThat(folder.name()).isEqualTo("Ada Lovelace");
    assertThat(folder.parentId()).isEqualTo("0");
    assertThat(folder.url()).isEqualTo("https://app.box.com/folder/" + folder.id());
    assertThat(folder.extra()).containsKeys("createdAt", "modifiedAt", "etag");
  }

  @Test
  void getAndDeleteAddressTheFolderAndDeleteOnlyAnEmptyOne() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();

    assertThat(folders.get(id).id()).isEqualTo(id);
    assertThat(last().method()).isEqualTo("GET");
    assertThat(last().path()).isEqualTo("/2.0/folders/" + id + "?" + FIELDS);

    folders.delete(id);
    assertThat(last().method()).isEqualTo("DELETE");
    assertThat(last().path()).isEqualTo("/2.0/folders/" + id + "?recursive=false");
    assertThat(box.folderCount()).isZero();
    assertThat(LayerHarness.failure(() -> folders.get(id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void deletingAFolderWithContentIsAConflictAndDeletesNothing() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();
    box.addFile(id, "notes.txt");

    assertThat(LayerHarness.failure(() -> folders.delete(id)).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(box.folderCount()).isEqualTo(1);
  }

  @Test
  void updateSendsOnlyTheGivenFields() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();
    String archive = folders.create(new NewFolder("Archive", null)).id();

    Folder renamed = folders.update(id, FolderChanges.rename("Ada King"));
    assertThat(last().method()).isEqualTo("PUT");
    assertThat(last().path()).isEqualTo("/2.0/folders/" + id + "?" + FIELDS);
    assertThat(last().body()).isEqualTo("{\"name\":\"Ada King\"}");
    assertThat(renamed.name()).isEqualTo("Ada King");

    Folder moved = folders.update(id, FolderChanges.move(archive));
    assertThat(last().body()).isEqualTo("{\"parent\":{\"id\":\"" + archive + "\"}}");
    assertThat(moved.parentId()).isEqualTo(archive);
  }

  @Test
  void listPagesWithMarkersAndKeepsOnlyFolders() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    for (String name : List.of("Acme", "Globex", "Initech")) folders.create(new NewFolder(name, parent));
    box.addFile(parent, "contract.pdf");

    Page<Folder> first = folders.list(new FolderQuery(parent, null, 2, null));
    assertThat(last().path()).isEqualTo("/2.0/folders/" + parent + "/items?" + FIELDS + "&limit=2&usemarker=true");
    assertThat(first.items()).extracting(Folder::name).containsExactly("Acme", "Globex");
    assertThat(first.nextCursor()).isNotNull();

    Page<Folder> second = folders.list(new FolderQuery(parent, null, 2, first.nextCursor()));
    assertThat(last().path()).endsWith("&limit=2&usemarker=true&marker=" + first.nextCursor());
    // The page holds Initech and the file, which is not a folder.
    assertThat(second.items()).extracting(Folder::name).containsExactly("Initech");
    assertThat(second.items().get(0).parentId()).isEqualTo(parent);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void listsTheRootWithoutAParent() {
    folders.create(new NewFolder("Ada Lovelace", null));

    assertThat(folders.list(FolderQuery.in(null)).items()).extracting(Folder::name).containsExactly("Ada Lovelace");
    assertThat(last().path()).startsWith("/2.0/folders/0/items?");
  }

  @Test
  void aNameFilterIsUnsupportedAndSendsNothing() {
    int before = box.requestCount();

    assertThat(LayerHarness.failure(() -> folders.list(new FolderQuery(null, "Ada", 0, null))).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(box.requestCount()).isEqualTo(before);
  }

  @Test
  void aRepeatedCreateReadsTheEmptyFolderBackFromTheConflict() {
    Folder first = folders.create(new NewFolder("Ada Lovelace", null));
    // A second logical call (a new process, or the agent again) with the same name.
    Folders again = harness.folders(Box.connector(box.uri().resolve("/2.0"), Credentials.bearer(TOKEN)));

    Folder second = again.create(new NewFolder("Ada Lovelace", null));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(box.folderCount()).isEqualTo(1);
    assertThat(last().path()).isEqualTo("/2.0/folders/" + first.id() + "?" + FIELDS + "%2Citem_collection");
  }

  @Test
  void aFolderSomeoneFilledIsAConflictNotACreate() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();
    box.addFile(id, "notes.txt");
    Folders again = harness.folders(Box.connector(box.uri().resolve("/2.0"), Credentials.bearer(TOKEN)));

    assertThat(LayerHarness.failure(() -> again.create(new NewFolder("Ada Lovelace", null))).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThat(box.folderCount()).isEqualTo(1);
  }

  @Test
  void idsThatAreNotBoxIdsNeverLeaveTheProcess() {
    int before = box.requestCount();

    for (String id : List.of("abc", "12/34", "1 2")) {
      assertThat(LayerHarness.failure(() -> folders.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(LayerHarness.failure(() -> folders.create(new NewFolder("x", "../1"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(box.requestCount()).isEqualTo(before);
  }

  @Test
  void theProviderNamesBox() {
    ConnectorProvider provider = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.vendor().equals("box")).findFirst().orElseThrow();

    assertThat(provider.defaultBaseUri()).isEqualTo(Box.DEFAULT_BASE_URI);
    assertThat(provider.connector(Box.DEFAULT_BASE_URI, Credentials.bearer(TOKEN), Map.of()).vendor()).isEqualTo("box");
  }
}
