package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.StatusLines;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * A stateful fake of Google Drive API v3 for folders ({@code files.generateIds}, metadata-only
 * {@code files.create}, {@code files.get}, {@code files.update} (rename, and move with {@code
 * addParents}/{@code removeParents}), {@code files.delete}, and {@code files.list} with pages and
 * the {@code q} forms of {@link DriveQuery}) that answers with the statuses and bodies of the
 * vendor fact sheet, section 3. A create with an id Drive generated is applied
 * once: a repeat gets {@code 409 fileIdInUse}. Start it, point the connector at {@link #uri()},
 * and inject faults with {@link #on}.
 *
 * <pre>{@code
 * try (FakeDrive drive = new FakeDrive()) {
 *   drive.requireBearer("token");
 *   drive.start();
 *   drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   // ... run the connector, then assert drive.folderCount() == 1
 * }
 * }</pre>
 */
public final class FakeDrive extends FakeVendor {

  /**
   * A folder as the fake stores it, for assertions.
   *
   * @param id the Drive file id
   * @param name the name as sent
   * @param parentId the parent folder's id; {@link #ROOT_ID} for My Drive
   * @param appProperties the app properties as sent
   */
  public record Folder(String id, String name, String parentId, Map<String, String> appProperties) {

    /** Freezes the properties. */
    public Folder {
      appProperties = Map.copyOf(appProperties);
    }
  }

  /** The id of the fake user's My Drive root folder, which the alias {@code root} names. */
  public static final String ROOT_ID = "0AFakeDriveRootFolderUk9PVA";

  private static final String FILES = "/drive/v3/files";
  private static final String GENERATE_IDS = FILES + "/generateIds";

  private final Object lock = new Object();
  private final DriveStore store = new DriveStore();
  private Supplier<String> expectedToken;
  private boolean acceptUnissuedIds;

  /** Creates a fake accepting any (or no) credentials and only ids it generated. */
  public FakeDrive() {}

  /** Requires {@code Authorization: Bearer <token>} on every request; others get the sample 401. */
  public FakeDrive requireBearer(String token) {
    Objects.requireNonNull(token, "token == null");
    return requireBearer(() -> token);
  }

  /**
   * Requires the bearer token {@code currentToken} returns when each request arrives, e.g. {@code
   * fakeOAuth::currentToken}, so that a refreshed token is accepted and an older one gets the 401.
   */
  public FakeDrive requireBearer(Supplier<String> currentToken) {
    Objects.requireNonNull(currentToken, "currentToken == null");
    synchronized (lock) {
      expectedToken = currentToken;
    }
    return this;
  }

  /**
   * Whether a create may bring an id this fake never generated. Default false: such a create gets
   * {@code 400 invalid} "The provided file ID is not usable." (an assumption: the fact sheet does
   * not say what Drive does; that text is Drive's for ids it will not take).
   */
  public FakeDrive acceptUnissuedIds(boolean accept) {
    synchronized (lock) {
      acceptUnissuedIds = accept;
    }
    return this;
  }

  /** An immutable snapshot of the folders not in the trash, root excluded, in creation order. */
  public List<Folder> folders() {
    synchronized (lock) {
      return store.all().stream().filter(f -> f.isFolder() && !f.trashed())
          .map(f -> new Folder(f.id(), f.name(), f.parentId(), f.appProperties())).toList();
    }
  }

  /** How many folders are stored and not trashed now (creates minus deletes and trashing). */
  public int folderCount() {
    return folders().size();
  }

  /** How many creates were applied, including those whose response a fault destroyed. */
  public int createCount() {
    synchronized (lock) {
      return store.createCount();
    }
  }

  /** How many {@code files.update} requests were applied, including those whose response a fault destroyed. */
  public int updateCount() {
    synchronized (lock) {
      return store.updateCount();
    }
  }

  /** How many {@code files.generateIds} requests were answered with ids. */
  public int generateIdsCount() {
    synchronized (lock) {
      return store.generateIdsCount();
    }
  }

  /** How many ids {@code files.generateIds} handed out in all. */
  public int issuedIdCount() {
    synchronized (lock) {
      return store.issuedCount();
    }
  }

  /**
   * Moves a file to the trash, as a user of the Drive UI would; {@code files.get} still returns
   * it, with {@code "trashed": true}.
   *
   * @throws IllegalArgumentException when no such file is stored
   */
  public FakeDrive trash(String id) {
    Objects.requireNonNull(id, "id == null");
    synchronized (lock) {
      if (!store.trash(id)) throw new IllegalArgumentException("no file " + id);
    }
    return this;
  }

  /** Stores a file that is not a folder (a document, say) in My Drive and returns its id. */
  public String addFile(String name, String mimeType) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(mimeType, "mimeType == null");
    synchronized (lock) {
      return store.create(store.assignId(), name, mimeType, ROOT_ID, Map.of()).id();
    }
  }

  /**
   * Stores a folder under {@code parentId} ({@link #ROOT_ID} or {@code root} for My Drive) and
   * returns its id, as a user of the Drive UI would make it.
   *
   * @throws IllegalArgumentException when no such parent folder is stored
   */
  public String addFolder(String name, String parentId) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(parentId, "parentId == null");
    synchronized (lock) {
      DriveStore.StoredFile parent = store.find(parentId);
      if (parent == null || !parent.isFolder()) throw new IllegalArgumentException("no folder " + parentId);
      return store.create(store.assignId(), name, DriveStore.FOLDER, parent.id(), Map.of()).id();
    }
  }

  /**
   * The fact sheet's 401 {@code authError} sample ({@code auth-error-401.http}), verbatim: what the
   * fake itself answers to a wrong token.
   */
  public static Fault authError401() {
    return Fault.status(401)
        .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")
        .body(DriveResponses.AUTH_ERROR_401, DriveResponses.JSON_UTF8);
  }

  /** The fact sheet's 429 {@code rateLimitExceeded} sample, verbatim. */
  public static Fault rateLimited429() {
    return Fault.status(429).body(DriveResponses.rateLimitExceeded(429), DriveResponses.JSON_UTF8);
  }

  /** The same throttle as a 403, which Drive sends as often as the 429 (fact sheet 3.3). */
  public static Fault rateLimitExceeded403() {
    return Fault.status(403).body(DriveResponses.rateLimitExceeded(403), DriveResponses.JSON_UTF8);
  }

  /** 403 {@code userRateLimitExceeded} ("User Rate Limit Exceeded", domain {@code usageLimits}). */
  public static Fault userRateLimitExceeded403() {
    return usageLimit("userRateLimitExceeded", "User Rate Limit Exceeded");
  }

  /** 403 {@code dailyLimitExceeded}; its message is unverified (fact sheet 3.2). */
  public static Fault dailyLimitExceeded403() {
    return usageLimit("dailyLimitExceeded", "Daily Limit Exceeded");
  }

  /** The fact sheet's 403 {@code insufficientPermissions} (token scopes) sample, verbatim. */
  public static Fault insufficientScopes403() {
    return Fault.status(403).body(DriveResponses.INSUFFICIENT_SCOPES_403, DriveResponses.JSON_UTF8);
  }

  /** 500 {@code backendError} "Backend Error"; the text is unverified (fact sheet 3.2). */
  public static Fault backendError500() {
    return Fault.status(500).body(DriveResponses.envelope(500, "global", "backendError",
        "Backend Error", null, null), DriveResponses.JSON_UTF8);
  }

  /** The Google front end's HTML 502 page ("Error 502 (Server Error)!!1"), verbatim. */
  public static Fault badGateway502() {
    return Fault.status(502).body(DrivePages.BAD_GATEWAY_502, DriveResponses.HTML_UTF8);
  }

  /** 400 {@code badRequest} with {@code message} about the request member {@code location}. */
  public static Fault badRequest400(String location, String message) {
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(message, "message == null");
    return Fault.status(400).body(DriveResponses.envelope(400, "global", "badRequest", message,
        location, "other"), DriveResponses.JSON_UTF8);
  }

  private static Fault usageLimit(String reason, String message) {
    return Fault.status(403).body(DriveResponses.envelope(403, "usageLimits", reason, message,
        null, null), DriveResponses.JSON_UTF8);
  }

  /** Only {@code POST /drive/v3/files} creates; generateIds and reads do not. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.pathWithoutQuery().equals(FILES);
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (expectedToken != null && !authorized(call.header("Authorization"))) {
        return DriveResponses.unauthorized();
      }
      HttpUrl url = HttpUrl.get("http://fake.invalid" + call.path());
      String fields = url.queryParameter("fields");
      String unknown = DriveFields.unknown(fields);
      String path = url.encodedPath();
      if (path.equals(GENERATE_IDS) && call.method().equals("GET")) return DriveGenerateIds.answer(store, url);
      // files.list reads its own fields syntax (files(id,name)), so it is routed before the check below.
      if (path.equals(FILES) && call.method().equals("GET")) return DriveList.answer(store, url);
      if (unknown != null && path.startsWith(FILES)) {
        return DriveResponses.error(400, "invalidParameter", "Invalid field selection " + unknown, "fields");
      }
      if (path.equals(FILES) && call.method().equals("POST")) {
        return DriveCreate.apply(store, call.body(), DriveFields.select(fields), acceptUnissuedIds);
      }
      List<String> segments = url.pathSegments();
      if (segments.size() == 4 && path.startsWith(FILES + "/") && !segments.get(3).isEmpty()) {
        String id = segments.get(3);
        if (call.method().equals("GET")) return get(id, DriveFields.select(fields));
        if (call.method().equals("DELETE")) return delete(id);
        if (call.method().equals("PATCH")) return DriveUpdate.apply(store, id, call.body(), url, DriveFields.select(fields));
      }
      return new MockResponse.Builder().status(StatusLines.of(404))
          .setHeader("Content-Type", DriveResponses.HTML_UTF8).body(DrivePages.notFound(path)).build();
    }
  }

  private boolean authorized(String authorization) {
    String token = expectedToken.get();
    return token != null && ("Bearer " + token).equals(authorization);
  }

  private MockResponse get(String id, List<String> fields) {
    DriveStore.StoredFile file = store.find(id);
    return file == null ? DriveResponses.json(404, DriveResponses.notFound(id))
        : DriveResponses.file(file, fields);
  }

  private MockResponse delete(String id) {
    DriveStore.StoredFile file = store.find(id);
    if (file == null) return DriveResponses.json(404, DriveResponses.notFound(id));
    if (file.id().equals(ROOT_ID)) {
      return DriveResponses.error(403, "insufficientFilePermissions",
          "The user does not have sufficient permissions for this file.", null);
    }
    store.delete(file.id());
    return DriveResponses.noContent();
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      store.clear();
    }
  }
}
