package dev.actionlayer.onedrive;

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
import dev.actionlayer.testkit.fakes.FakeOneDrive;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the OneDrive connector sends, as the fake recorded them, and how it reads the answers. */
class OneDriveWireFormatTest {
  static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImZha2UifQ.graph";

  private final LayerHarness harness = new LayerHarness("onedrive", Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeOneDrive graph = new FakeOneDrive().requireBearer(TOKEN);
  private Folders folders;

  @BeforeEach
  void start() {
    graph.start();
    folders = newLayer();
  }

  private Folders newLayer() {
    return harness.folders(OneDrive.connector(graph.uri().resolve("/v1.0"), Credentials.bearer(TOKEN)));
  }

  @AfterEach
  void stop() {
    harness.close();
    graph.close();
  }

  private List<RecordedCall> since(int from) {
    return graph.requests().subList(from, graph.requestCount());
  }

  private RecordedCall last() {
    return graph.requests().get(graph.requestCount() - 1);
  }

  @Test
  void defaultBaseUriIsGraphV1() {
    assertThat(OneDrive.DEFAULT_BASE_URI).hasToString("https://graph.microsoft.com/v1.0");
  }

  @Test
  void createPostsAFolderThatFailsOnAConflictAndReadsTheItem() {
    Folder folder = folders.create(new NewFolder("Ada Lovelace", null));

    RecordedCall call = last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/v1.0/me/drive/root/children");
    assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(call.body()).isEqualTo("{\"name\":\"Ada Lovelace\",\"folder\":{},"
        + "\"@microsoft.graph.conflictBehavior\":\"fail\"}");
    assertThat(folder.parentId()).isEqualTo(FakeOneDrive.ROOT_ID);
    assertThat(folder.url()).startsWith("https://contoso-my.sharepoint.com/");
    assertThat(folder.extra()).containsEntry("childCount", "0").containsKeys("createdAt", "modifiedAt", "eTag");

    folders.create(new NewFolder("Notes", folder.id()));
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + folder.id() + "/children");
  }

  @Test
  void getReadsTheItemAndDeleteLooksFirst() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();

    assertThat(folders.get(id).id()).isEqualTo(id);
    assertThat(last().method()).isEqualTo("GET");
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + id);

    int before = graph.requestCount();
    folders.delete(id);
    assertThat(since(before)).extracting(RecordedCall::method, RecordedCall::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple("GET", "/v1.0/me/drive/items/" + id),
        org.assertj.core.groups.Tuple.tuple("DELETE", "/v1.0/me/drive/items/" + id));
    assertThat(graph.folderCount()).isZero();
  }

  @Test
  void aFilesIdIsNotAFolderAndIsNeitherRenamedNorDeleted() {
    String file = graph.addFile(FakeOneDrive.ROOT_ID, "contract.pdf");

    assertThat(LayerHarness.failure(() -> folders.delete(file)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(LayerHarness.failure(() -> folders.update(file, FolderChanges.rename("x"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(graph.requests()).extracting(RecordedCall::method).containsOnly("GET");
    assertThat(graph.items()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("contract.pdf"));
  }

  @Test
  void updatePatchesOnlyTheGivenFields() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();
    String archive = folders.create(new NewFolder("Archive", null)).id();

    Folder renamed = folders.update(id, FolderChanges.rename("Ada King"));
    assertThat(last().method()).isEqualTo("PATCH");
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + id);
    assertThat(last().body()).isEqualTo("{\"name\":\"Ada King\"}");
    assertThat(renamed.name()).isEqualTo("Ada King");

    Folder moved = folders.update(id, FolderChanges.move(archive));
    assertThat(last().body()).isEqualTo("{\"parentReference\":{\"id\":\"" + archive + "\"}}");
    assertThat(moved.parentId()).isEqualTo(archive);
  }

  @Test
  void listAsksForFoldersAndKeepsOnlyTheSkipTokenOfGraphsNextLink() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    for (String name : List.of("Acme", "Globex", "Initech")) folders.create(new NewFolder(name, parent));
    graph.addFile(parent, "contract.pdf");

    Page<Folder> first = folders.list(new FolderQuery(parent, null, 2, null));
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + parent
        + "/children?%24top=2&%24filter=folder%20ne%20null");
    assertThat(first.items()).extracting(Folder::name).containsExactly("Acme", "Globex");
    assertThat(first.nextCursor()).isNotNull().doesNotContain("graph.microsoft.com").doesNotContain("/");

    // Graph's link names graph.microsoft.com: the next page still goes to the connection's base URI.
    Page<Folder> second = folders.list(new FolderQuery(parent, null, 2, first.nextCursor()));
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + parent
        + "/children?%24top=2&%24filter=folder%20ne%20null&%24skiptoken=" + first.nextCursor());
    assertThat(second.items()).extracting(Folder::name).containsExactly("Initech");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void listsTheRootWithoutAParentAndRefusesANameFilterWithoutSending() {
    folders.create(new NewFolder("Ada Lovelace", null));

    assertThat(folders.list(FolderQuery.in(null)).items()).extracting(Folder::name).containsExactly("Ada Lovelace");
    assertThat(last().path()).startsWith("/v1.0/me/drive/root/children?");

    int before = graph.requestCount();
    assertThat(LayerHarness.failure(() -> folders.list(new FolderQuery(null, "Ada", 0, null))).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(LayerHarness.failure(() -> folders.list(new FolderQuery(null, null, 0, "a b"))).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(graph.requestCount()).isEqualTo(before);
  }

  @Test
  void aRepeatedCreateReadsTheEmptyFolderBackByPath() {
    String parent = folders.create(new NewFolder("Clients", null)).id();
    Folder first = folders.create(new NewFolder("Ada Lovelace", parent));

    Folder second = newLayer().create(new NewFolder("Ada Lovelace", parent));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(graph.folderCount()).isEqualTo(2);
    assertThat(last().method()).isEqualTo("GET");
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/items/" + parent + ":/Ada%20Lovelace");

    String archive = folders.create(new NewFolder("Archive", null)).id();
    assertThat(newLayer().create(new NewFolder("Archive", null)).id()).isEqualTo(archive);
    assertThat(last().path()).isEqualTo("/v1.0/me/drive/root:/Archive");
  }

  @Test
  void aFolderSomeoneFilledIsAConflictNotACreate() {
    String id = folders.create(new NewFolder("Ada Lovelace", null)).id();
    graph.addFile(id, "notes.txt");

    assertThat(LayerHarness.failure(() -> newLayer().create(new NewFolder("Ada Lovelace", null))).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThat(graph.folderCount()).isEqualTo(1);
  }

  @Test
  void namesAndIdsThatWouldChangeAPathNeverLeaveTheProcess() {
    int before = graph.requestCount();

    for (String name : List.of("a/b", "a\\b", "a:b", "..")) {
      assertThat(LayerHarness.failure(() -> folders.create(new NewFolder(name, null))).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    for (String id : List.of("a/b", "x?y", "a b")) {
      assertThat(LayerHarness.failure(() -> folders.get(id)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(graph.requestCount()).isEqualTo(before);
  }

  @Test
  void theProviderNamesOneDrive() {
    ConnectorProvider provider = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.vendor().equals("onedrive")).findFirst().orElseThrow();

    assertThat(provider.defaultBaseUri()).isEqualTo(OneDrive.DEFAULT_BASE_URI);
    assertThat(provider.connector(OneDrive.DEFAULT_BASE_URI, Credentials.bearer(TOKEN), Map.of()).vendor())
        .isEqualTo("onedrive");
  }
}
