package dev.actionlayer.dropbox;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Canonical folders as Dropbox folders, addressed by {@code id:…}: {@code create_folder_v2}
 * ({@code 409 path/conflict/folder} read back), {@code get_metadata}, {@code move_v2} (after a
 * look, so a repeat is a no-op), {@code delete_v2} (after a look) and {@code list_folder} /
 * {@code list_folder/continue}.
 */
final class DropboxFolders implements Resource<NewFolder, Folder>, Updatable<FolderChanges, Folder>,
    Listable<FolderQuery, Folder> {
  private static final Pattern ID = Pattern.compile("id:[A-Za-z0-9_-]{1,128}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/.-]{1,2048}");
  private static final String WEB = "https://www.dropbox.com/home";
  /** The path each in-flight create asked for, by its call (identity, weak): the 409 does not repeat it. */
  private final Map<CallContext, String> pending = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public VendorRequest create(NewFolder input, CallContext context) {
    String name = requireName(input.name());
    String parent = input.parentId() == null ? "" : pathLower(lookUp(requireId(input.parentId(), "parentId"), context));
    String path = parent + "/" + name;
    pending.put(context, path);
    return rpc("files/create_folder_v2", args("path", path, "autorename", false));
  }

  @Override
  public Folder readCreated(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    pending.remove(context);
    return folder(Json.object(body(response), "metadata"), input.parentId());
  }

  @Override
  public VendorRequest get(String id) {
    return rpc("files/get_metadata", args("path", requireId(id, "id")));
  }

  @Override
  public Folder read(VendorResponse response) throws IOException {
    return folder(body(response), null);
  }

  @Override
  public VendorRequest delete(String id) {
    return rpc("files/delete_v2", args("path", requireId(id, "id")));
  }

  /** {@code delete_v2} takes any path: only a folder's id is deleted here, after a look. */
  @Override
  public VendorRequest delete(String id, CallContext context) {
    VendorRequest delete = delete(id);
    lookUp(id, context);
    return delete;
  }

  /**
   * Dropbox's {@code 409 path/conflict/folder}: after an attempt whose answer was lost, the folder
   * at the path is the one this call made. It counts only while it is empty: one someone filled is
   * not ours to return (nor for a saga to undo).
   */
  @Override
  public Folder recoverCreate(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    String summary = Json.string(Json.objectOrNull(response.bodyString()), "error_summary");
    String path = pending.get(context);
    if (response.status() != 409 || summary == null || !summary.startsWith("path/conflict/folder") || path == null) {
      return null;
    }
    VendorResponse existing = context.exchange(rpc("files/get_metadata", args("path", path)));
    if (!existing.isSuccessful()) throw context.failure(existing);
    Folder folder = folder(body(existing), input.parentId());
    VendorResponse content = context.exchange(rpc("files/list_folder", args("path", folder.id(), "limit", 1)));
    if (!content.isSuccessful()) throw context.failure(content);
    if (!Json.array(body(content), "entries").isEmpty()) return null;
    pending.remove(context);
    return folder;
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  /**
   * Reads where the folder is (and its new parent's path), moves it with {@code move_v2} unless it
   * is there already, and answers with a read: every attempt looks again, so an attempt after one
   * whose answer was lost finds the folder moved and sends no second move (which Dropbox would
   * refuse as a conflict).
   */
  @Override
  public VendorRequest update(String id, FolderChanges changes, CallContext context) {
    requireId(id, "id");
    String name = changes.name() == null ? null : requireName(changes.name());
    Map<String, Object> current = lookUp(id, context);
    String path = pathLower(current);
    String parent = changes.parentId() != null ? pathLower(lookUp(requireId(changes.parentId(), "parentId"), context))
        : path.substring(0, path.lastIndexOf('/'));
    String target = parent + "/" + (name == null ? Json.string(current, "name") : name);
    if (!(target.equalsIgnoreCase(path) && (name == null || name.equals(Json.string(current, "name"))))) {
      VendorResponse moved = context.exchange(rpc("files/move_v2", args("from_path", id, "to_path", target,
          "autorename", false, "allow_ownership_transfer", false)));
      if (!moved.isSuccessful()) throw context.failure(moved);
    }
    return get(id);
  }

  @Override
  public Folder readUpdated(VendorResponse response, String id, FolderChanges changes, CallContext context)
      throws IOException {
    return folder(body(response), changes.parentId());
  }

  @Override
  public VendorRequest list(FolderQuery query, CallContext context) {
    if (query.name() != null) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED)
          .message("Dropbox cannot filter a folder's entries by name").fieldError("name", "is not a Dropbox filter").build());
    }
    if (query.cursor() != null) {
      if (!CURSOR.matcher(query.cursor()).matches()) throw ActionException.invalidField("cursor", "is not a Dropbox cursor");
      return rpc("files/list_folder/continue", args("cursor", query.cursor()));
    }
    String path = query.parentId() == null ? "" : requireId(query.parentId(), "parentId");
    return rpc("files/list_folder", args("path", path, "limit", query.pageSize()));
  }

  /** The page's folders (Dropbox lists files too); the cursor is Dropbox's while {@code has_more}. */
  @Override
  public Page<Folder> readPage(VendorResponse response, FolderQuery query, CallContext context) throws IOException {
    Map<String, Object> body = body(response);
    if (!(body.get("entries") instanceof List<?> entries)) throw new IOException("Dropbox answered a listing without entries");
    List<Folder> folders = new ArrayList<>();
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> item && "folder".equals(item.get(".tag"))) {
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) item;
        folders.add(folder(map, query.parentId()));
      }
    }
    return new Page<>(folders, Boolean.TRUE.equals(body.get("has_more")) ? Json.string(body, "cursor") : null);
  }

  /** The metadata of {@code id}, which must be a folder; a failure is thrown as mapped. */
  private Map<String, Object> lookUp(String id, CallContext context) {
    VendorResponse found = context.exchange(get(id));
    if (!found.isSuccessful()) throw context.failure(found);
    try {
      Map<String, Object> metadata = body(found);
      folder(metadata, null);
      return metadata;
    } catch (IOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(true).httpStatus(found.status())
          .message("Dropbox's answer about " + id + " could not be read; nothing was changed").build());
    }
  }

  private static String pathLower(Map<String, Object> metadata) {
    String path = Json.string(metadata, "path_lower");
    if (path == null) {
      throw new ActionException(ActionError.builder(ErrorCode.CONFLICT)
          .message("the Dropbox folder is not mounted for this account, so it has no path to create or move into").build());
    }
    return path;
  }

  /** An RPC call: a POST of the arguments as JSON, in the order given. */
  private static VendorRequest rpc(String endpoint, Map<String, Object> arguments) {
    return VendorRequest.post().path(endpoint).json(Json.write(arguments)).build();
  }

  private static Map<String, Object> args(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }

  private static Map<String, Object> body(VendorResponse response) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) throw new IOException("Dropbox answered without a JSON object");
    return body;
  }

  /** Folder metadata; anything else (a file, a deleted entry) is {@code NOT_FOUND} as a folder. */
  private static Folder folder(Map<String, Object> metadata, String parentId) throws IOException {
    String id = Json.string(metadata, "id");
    if (id == null || !id.startsWith("id:")) throw new IOException("Dropbox answered without an id");
    String tag = Json.string(metadata, ".tag");
    if (tag != null && !tag.equals("folder")) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND)
          .message("Dropbox item " + id + " is not a folder").build());
    }
    String display = Json.string(metadata, "path_display");
    Map<String, String> extra = new LinkedHashMap<>();
    if (display != null) extra.put("path", display);
    return new Folder(id, Json.string(metadata, "name"), parentId, display == null ? null : WEB + encode(display), extra);
  }

  private static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) out.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  /** A name becomes the last component of a path: it must be exactly one. */
  private static String requireName(String name) {
    if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      throw ActionException.invalidField("name", "must be a single path component (no / or \\, not . or ..)");
    }
    return name;
  }

  private static String requireId(String value, String field) {
    if (!ID.matcher(value).matches()) throw ActionException.invalidField(field, "is not a Dropbox id (id:…)");
    return value;
  }
}
