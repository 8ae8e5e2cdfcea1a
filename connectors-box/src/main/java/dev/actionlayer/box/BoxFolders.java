package dev.actionlayer.box;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical folders as Box folders: {@code POST /folders}, {@code GET}, {@code PUT} and {@code
 * DELETE /folders/{id}}, {@code GET /folders/{id}/items} with markers; {@code 409
 * item_name_in_use} read back as the folder a repeated create made.
 */
final class BoxFolders implements Resource<NewFolder, Folder>, Updatable<FolderChanges, Folder>,
    Listable<FolderQuery, Folder> {
  static final String FOLDERS = "folders";
  static final String FIELDS = "name,parent,item_status,created_at,modified_at";
  /** The root folder, "All Files". */
  static final String ROOT = "0";
  private static final String WEB = "https://app.box.com/folder/";
  private static final Pattern ID = Pattern.compile("\\d{1,20}");
  /** Box's markers are URL-safe base64; anything else did not come from this connector. */
  private static final Pattern MARKER = Pattern.compile("[A-Za-z0-9_=+/-]{1,1024}");

  @Override
  public VendorRequest create(NewFolder input, CallContext context) {
    String parent = input.parentId() == null ? ROOT : requireId(input.parentId(), "parentId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", input.name());
    body.put("parent", Map.of("id", parent));
    return VendorRequest.post().path(FOLDERS).query("fields", FIELDS).json(Json.write(body)).build();
  }

  @Override
  public Folder readCreated(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(FOLDERS).segment(requireId(id, "id")).query("fields", FIELDS).build();
  }

  @Override
  public Folder read(VendorResponse response) throws IOException {
    return folder(Json.objectOrNull(response.bodyString()), response);
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(FOLDERS).segment(requireId(id, "id")).query("recursive", "false").build();
  }

  /**
   * Box's {@code 409 item_name_in_use} names the folder already in the parent: after an attempt
   * whose answer was lost, that is the one this call made. It counts as created only while it is
   * empty: a folder someone filled is not ours to return (nor for a saga to undo).
   */
  @Override
  public Folder recoverCreate(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (response.status() != 409 || !"item_name_in_use".equals(Json.string(body, "code"))) return null;
    Object conflicts = Json.object(body, "context_info") == null ? null : Json.object(body, "context_info").get("conflicts");
    // Box documents a list; real answers also carry a single object.
    Object first = conflicts instanceof List<?> list && !list.isEmpty() ? list.get(0) : conflicts;
    if (!(first instanceof Map<?, ?> conflict) || !"folder".equals(conflict.get("type"))
        || !(conflict.get("id") instanceof String id) || !ID.matcher(id).matches()) {
      return null;
    }
    VendorResponse existing = context.exchange(VendorRequest.get().path(FOLDERS).segment(id)
        .query("fields", FIELDS + ",item_collection").build());
    if (!existing.isSuccessful()) throw context.failure(existing);
    Map<String, Object> folder = Json.objectOrNull(existing.bodyString());
    Map<String, Object> items = Json.object(folder, "item_collection");
    if (items == null || !(items.get("total_count") instanceof Number n) || n.longValue() != 0) return null;
    return folder(folder, existing);
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  @Override
  public VendorRequest update(String id, FolderChanges changes, CallContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.name() != null) body.put("name", changes.name());
    if (changes.parentId() != null) body.put("parent", Map.of("id", requireId(changes.parentId(), "parentId")));
    return VendorRequest.put().path(FOLDERS).segment(requireId(id, "id")).query("fields", FIELDS)
        .json(Json.write(body)).build();
  }

  @Override
  public Folder readUpdated(VendorResponse response, String id, FolderChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest list(FolderQuery query, CallContext context) {
    if (query.name() != null) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED)
          .message("Box cannot filter a folder's items by name").fieldError("name", "is not a Box filter").build());
    }
    String parent = query.parentId() == null ? ROOT : requireId(query.parentId(), "parentId");
    VendorRequest.Builder b = VendorRequest.get().path(FOLDERS).segment(parent).path("items")
        .query("fields", FIELDS).query("limit", String.valueOf(query.pageSize())).query("usemarker", "true");
    if (query.cursor() != null) {
      if (!MARKER.matcher(query.cursor()).matches()) throw ActionException.invalidField("cursor", "is not a Box marker");
      b.query("marker", query.cursor());
    }
    return b.build();
  }

  /** The page's subfolders (Box lists files and web links too); the cursor is Box's {@code next_marker}. */
  @Override
  public Page<Folder> readPage(VendorResponse response, FolderQuery query, CallContext context) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null || !(body.get("entries") instanceof List<?> entries)) {
      throw new IOException("Box answered a listing without entries");
    }
    List<Folder> folders = new ArrayList<>();
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> item && "folder".equals(item.get("type"))) {
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) item;
        folders.add(folder(map, response));
      }
    }
    return new Page<>(folders, Json.string(body, "next_marker"));
  }

  /** A Box folder object; a folder in the trash is {@code NOT_FOUND}. */
  private static Folder folder(Map<String, Object> folder, VendorResponse response) throws IOException {
    String id = Json.string(folder, "id");
    if (id == null || id.isBlank() || !"folder".equals(Json.string(folder, "type"))) {
      throw new IOException("Box answered without a folder id");
    }
    String status = Json.string(folder, "item_status");
    if (status != null && !status.equals("active")) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND).httpStatus(response.status())
          .message("Box folder " + id + " is " + (status.equals("trashed") ? "in the trash" : "deleted")).build());
    }
    Map<String, String> extra = new LinkedHashMap<>();
    putIfPresent(extra, "createdAt", Json.string(folder, "created_at"));
    putIfPresent(extra, "modifiedAt", Json.string(folder, "modified_at"));
    putIfPresent(extra, "etag", Json.string(folder, "etag"));
    return new Folder(id, Json.string(folder, "name"), Json.string(Json.object(folder, "parent"), "id"),
        WEB + id, extra);
  }

  private static void putIfPresent(Map<String, String> extra, String key, String value) {
    if (value != null) extra.put(key, value);
  }

  /**
   * Only Box's digit ids reach the wire, so no agent value can address another endpoint.
   *
   * @throws ActionException {@code INVALID_REQUEST} naming {@code field} otherwise
   */
  private static String requireId(String value, String field) {
    if (!ID.matcher(value).matches()) throw ActionException.invalidField(field, "is not a Box folder id (digits)");
    return value;
  }
}
