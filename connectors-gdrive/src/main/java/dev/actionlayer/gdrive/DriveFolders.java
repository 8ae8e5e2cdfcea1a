package dev.actionlayer.gdrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.NewFolder;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Canonical folders as Drive files of the folder type: create with a pre-generated id, get,
 * update (rename, move: {@link DriveUpdates}), list ({@link DriveListing}) and (permanent)
 * delete, the read-back that turns {@code 409 fileIdInUse} into the created folder, and the lookup
 * by idempotency key that sagas use to undo a create whose outcome is unknown.
 */
final class DriveFolders implements Resource<NewFolder, Folder>, Updatable<FolderChanges, Folder>,
    Listable<FolderQuery, Folder> {
  static final String FILES = "drive/v3/files";
  static final String CREATE_FIELDS = "id,name,parents,mimeType,appProperties,webViewLink";
  static final String GET_FIELDS = "id,name,parents,mimeType,trashed,appProperties,webViewLink";
  static final String FIND_FIELDS = "files(" + CREATE_FIELDS + ")";

  private final DriveIdPool ids;
  private final boolean supportsAllDrives;
  /**
   * The id baked into each in-flight create, by its call's context (identity): the 409 answer
   * does not repeat it. Weak keys, so a call that ends in an error leaves nothing behind.
   */
  private final Map<CallContext, String> pending = Collections.synchronizedMap(new WeakHashMap<>());

  DriveFolders(DriveIdPool ids, boolean supportsAllDrives) {
    this.ids = ids;
    this.supportsAllDrives = supportsAllDrives;
  }

  @Override
  public VendorRequest create(NewFolder input, CallContext context) {
    String parent = input.parentId() == null ? null : DriveIds.requireParentId(input.parentId());
    String id = ids.take(context);
    pending.put(context, id);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("id", id);
    file.put("name", input.name());
    file.put("mimeType", DriveJson.FOLDER_MIME_TYPE);
    if (parent != null) file.put("parents", List.of(parent));
    file.put("appProperties", Map.of(DriveKeys.PROPERTY, DriveKeys.value(context.idempotencyKey())));
    return withDrives(VendorRequest.post().path(FILES).query("fields", CREATE_FIELDS))
        .json(Json.write(file)).build();
  }

  @Override
  public Folder readCreated(VendorResponse response, NewFolder input, CallContext context)
      throws IOException {
    DriveJson.File file = DriveJson.file(response.bodyString());
    pending.remove(context);
    return DriveJson.folder(file, input.name(), input.parentId());
  }

  @Override
  public VendorRequest get(String id) {
    return withDrives(VendorRequest.get().path(FILES).segment(DriveIds.requireFileId(id))
        .query("fields", GET_FIELDS)).build();
  }

  @Override
  public Folder read(VendorResponse response) throws IOException {
    DriveJson.File file = DriveJson.file(response.bodyString());
    if (!DriveJson.isFolder(file)) {
      throw notFound(response, "Google Drive file " + file.id() + " is not a folder (its type is "
          + DriveErrorBody.token(file.mimeType()) + ")");
    }
    if (DriveJson.isTrashed(file)) {
      throw notFound(response, "Google Drive folder " + file.id() + " is in the trash");
    }
    return DriveJson.folder(file, null, null);
  }

  @Override
  public VendorRequest delete(String id) {
    return withDrives(VendorRequest.delete().path(FILES).segment(DriveIds.requireFileId(id))).build();
  }

  /**
   * Looks before deleting: Drive deletes permanently and takes any file id, so an id that is not
   * a folder (an agent passing a document's id to {@code folders.delete}) is refused as
   * {@code NOT_FOUND} and nothing is deleted.
   */
  @Override
  public VendorRequest delete(String id, CallContext context) {
    VendorRequest delete = delete(id);
    VendorResponse found = context.exchange(get(id));
    if (!found.isSuccessful()) throw context.failure(found);
    try {
      read(found); // throws NOT_FOUND for a non-folder or a trashed folder
    } catch (IOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
          .httpStatus(found.status())
          .message("Google Drive's answer about file " + id + " could not be read; nothing was deleted")
          .build());
    }
    return delete;
  }

  /** {@code files.update}, after a look at the folder: see {@link DriveUpdates}. */
  @Override
  public VendorRequest update(String id, FolderChanges changes, CallContext context) {
    return DriveUpdates.request(this, id, changes, context);
  }

  @Override
  public Folder readUpdated(VendorResponse response, String id, FolderChanges changes, CallContext context)
      throws IOException {
    return DriveJson.folder(DriveJson.file(response.bodyString()), changes.name(), null);
  }

  /** {@code files.list} of the folders in one parent: see {@link DriveListing}. */
  @Override
  public VendorRequest list(FolderQuery query, CallContext context) {
    return DriveListing.request(query, supportsAllDrives).build();
  }

  @Override
  public Page<Folder> readPage(VendorResponse response, FolderQuery query, CallContext context) throws IOException {
    return DriveListing.page(response.bodyString());
  }

  @Override
  public Folder recoverCreate(VendorResponse response, NewFolder input, CallContext context)
      throws IOException {
    if (response.status() != 409 || !DriveErrorBody.parse(response).hasReason(DriveErrors.FILE_ID_IN_USE)) {
      return null;
    }
    String id = pending.get(context);
    if (id == null) return null;
    VendorResponse read = context.exchange(get(id));
    // In use, but by nothing this user can see: that is a real conflict, not our folder.
    if (read.status() == 404) return null;
    if (!read.isSuccessful()) throw context.failure(read);
    DriveJson.File file = DriveJson.file(read.bodyString());
    if (!DriveJson.isFolder(file) || !DriveKeys.matches(file, context.idempotencyKey())) return null;
    pending.remove(context);
    return DriveJson.folder(file, input.name(), input.parentId());
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  /**
   * Creates stay {@link CreateSafety#KEYED} (a repeat in the same call reuses its pre-generated
   * id), but a saga undoing a create whose outcome is unknown must look, not repeat: a repeat
   * from a new call, or a new process, takes a new id from the pool and would make a second
   * folder. The {@code actionlayerKey} app property every create carries makes the folder findable.
   */
  @Override
  public boolean canFind() {
    return true;
  }

  /** {@code files.list} by the key's app property, outside the trash, in My Drive (and shared drives when configured). */
  @Override
  public VendorRequest find(NewFolder input, CallContext context) {
    VendorRequest.Builder b = VendorRequest.get().path(FILES)
        .query("q", DriveKeys.query(context.idempotencyKey()))
        .query("fields", FIND_FIELDS)
        .query("spaces", "drive");
    if (supportsAllDrives) b.query("supportsAllDrives", "true").query("includeItemsFromAllDrives", "true");
    return b.build();
  }

  /** The first listed folder that carries this call's key; null when Drive lists none. */
  @Override
  public Folder readFound(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    for (DriveJson.File file : DriveJson.files(response.bodyString())) {
      if (file == null || file.id() == null || file.id().isBlank()) continue;
      // The query already asks for the key; a list that answers something else is not believed.
      if (DriveJson.isFolder(file) && DriveKeys.matches(file, context.idempotencyKey())) {
        return DriveJson.folder(file, null, null);
      }
    }
    return null;
  }

  VendorRequest.Builder withDrives(VendorRequest.Builder b) {
    return supportsAllDrives ? b.query("supportsAllDrives", "true") : b;
  }

  private static ActionException notFound(VendorResponse response, String message) {
    return new ActionException(ActionError.builder(ErrorCode.NOT_FOUND)
        .httpStatus(response.status()).message(message).build());
  }

  @Override
  public String toString() {
    return "folders{" + ids + (supportsAllDrives ? ", allDrives" : "") + "}";
  }
}
