package dev.actionlayer.onedrive;

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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical folders as OneDrive drive items: {@code POST …/children} with {@code conflictBehavior
 * fail}, {@code GET}, {@code PATCH} and {@code DELETE /me/drive/items/{id}} (each looking first that
 * the id is a folder), {@code GET …/children?$filter=folder ne null} with {@code $skiptoken}; {@code
 * 409 nameAlreadyExists} read back by path as the folder a repeated create made.
 */
final class OneDriveFolders implements Resource<NewFolder, Folder>, Updatable<FolderChanges, Folder>,
    Listable<FolderQuery, Folder> {
  static final String ITEMS = "me/drive/items";
  static final String ROOT = "me/drive/root";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9!._-]{1,256}");
  private static final Pattern SKIP_TOKEN = Pattern.compile("[A-Za-z0-9!._~*=+/-]{1,2048}");

  @Override
  public VendorRequest create(NewFolder input, CallContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", requireName(input.name()));
    body.put("folder", Map.of());
    body.put("@microsoft.graph.conflictBehavior", "fail");
    return parent(VendorRequest.post(), input.parentId()).path("children").json(Json.write(body)).build();
  }

  @Override
  public Folder readCreated(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(ITEMS).segment(requireId(id, "id")).build();
  }

  @Override
  public Folder read(VendorResponse response) throws IOException {
    return folder(Json.objectOrNull(response.bodyString()), response.status());
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(ITEMS).segment(requireId(id, "id")).build();
  }

  /** Graph deletes any item: only a folder's id is deleted here, after a look. */
  @Override
  public VendorRequest delete(String id, CallContext context) {
    VendorRequest delete = delete(id);
    lookFirst(id, context);
    return delete;
  }

  /**
   * Graph's {@code 409 nameAlreadyExists}: after an attempt whose answer was lost, the item by that
   * path is the folder this call made. It counts only while it is an empty folder: one someone
   * filled is not ours to return (nor for a saga to undo).
   */
  @Override
  public Folder recoverCreate(VendorResponse response, NewFolder input, CallContext context) throws IOException {
    Map<String, Object> error = Json.object(Json.objectOrNull(response.bodyString()), "error");
    if (response.status() != 409 || !"nameAlreadyExists".equals(Json.string(error, "code"))) return null;
    VendorRequest.Builder b = VendorRequest.get();
    if (input.parentId() == null) b.path("me/drive").segment("root:");
    else b.path(ITEMS).segment(requireId(input.parentId(), "parentId") + ":");
    VendorResponse existing = context.exchange(b.segment(input.name()).build());
    if (existing.status() == 404) return null;
    if (!existing.isSuccessful()) throw context.failure(existing);
    Map<String, Object> item = Json.objectOrNull(existing.bodyString());
    Map<String, Object> facet = Json.object(item, "folder");
    if (facet == null || !(facet.get("childCount") instanceof Number n) || n.longValue() != 0) return null;
    return folder(item, existing.status());
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  /** Looks first: a PATCH would rename a file given by mistake. */
  @Override
  public VendorRequest update(String id, FolderChanges changes, CallContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.name() != null) body.put("name", changes.name());
    if (changes.parentId() != null) body.put("parentReference", Map.of("id", requireId(changes.parentId(), "parentId")));
    VendorRequest patch = VendorRequest.patch().path(ITEMS).segment(requireId(id, "id")).json(Json.write(body)).build();
    lookFirst(id, context);
    return patch;
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
          .message("this connector does not filter OneDrive folders by name").fieldError("name", "is not supported").build());
    }
    VendorRequest.Builder b = parent(VendorRequest.get(), query.parentId()).path("children")
        .query("$top", String.valueOf(query.pageSize())).query("$filter", "folder ne null");
    if (query.cursor() != null) {
      if (!SKIP_TOKEN.matcher(query.cursor()).matches()) throw ActionException.invalidField("cursor", "is not a Graph skip token");
      b.query("$skiptoken", query.cursor());
    }
    return b.build();
  }

  /** The folders of the page; the cursor is the {@code $skiptoken} of {@code @odata.nextLink}, never the link. */
  @Override
  public Page<Folder> readPage(VendorResponse response, FolderQuery query, CallContext context) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null || !(body.get("value") instanceof List<?> values)) throw new IOException("Graph answered without a value");
    List<Folder> folders = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Map<?, ?> item && item.get("folder") instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) item;
        folders.add(folder(map, response.status()));
      }
    }
    String next = Json.string(body, "@odata.nextLink");
    return new Page<>(folders, next == null ? null : skipToken(next));
  }

  private static String skipToken(String nextLink) throws IOException {
    String query;
    try {
      query = URI.create(nextLink).getRawQuery();
    } catch (IllegalArgumentException e) {
      throw new IOException("Graph's next link is not a URI");
    }
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (eq > 0 && name.equals("$skiptoken")) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }
    throw new IOException("Graph's next link carries no $skiptoken");
  }

  /** Reads the item and refuses anything but a folder, before the operation's own request goes out. */
  private void lookFirst(String id, CallContext context) {
    VendorResponse found = context.exchange(get(id));
    if (!found.isSuccessful()) throw context.failure(found);
    try {
      read(found);
    } catch (IOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(true).httpStatus(found.status())
          .message("OneDrive's answer about item " + id + " could not be read; nothing was changed").build());
    }
  }

  private static VendorRequest.Builder parent(VendorRequest.Builder b, String parentId) {
    return parentId == null ? b.path(ROOT) : b.path(ITEMS).segment(requireId(parentId, "parentId"));
  }

  /** A drive item; one without the {@code folder} facet is {@code NOT_FOUND} as a folder. */
  private static Folder folder(Map<String, Object> item, int status) throws IOException {
    String id = Json.string(item, "id");
    if (id == null || id.isBlank()) throw new IOException("Graph answered without an item id");
    Map<String, Object> facet = Json.object(item, "folder");
    if (facet == null) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND).httpStatus(status)
          .message("OneDrive item " + id + " is not a folder").build());
    }
    Map<String, String> extra = new LinkedHashMap<>();
    putIfPresent(extra, "createdAt", Json.string(item, "createdDateTime"));
    putIfPresent(extra, "modifiedAt", Json.string(item, "lastModifiedDateTime"));
    putIfPresent(extra, "eTag", Json.string(item, "eTag"));
    if (facet.get("childCount") instanceof Number n) extra.put("childCount", String.valueOf(n.longValue()));
    return new Folder(id, Json.string(item, "name"), Json.string(Json.object(item, "parentReference"), "id"),
        Json.string(item, "webUrl"), extra);
  }

  private static void putIfPresent(Map<String, String> extra, String key, String value) {
    if (value != null) extra.put(key, value);
  }

  /**
   * A name is addressed as one path segment when a conflict is read back: it must be one (OneDrive
   * refuses these characters in names anyway).
   */
  private static String requireName(String name) {
    if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\' || c == ':')) {
      throw ActionException.invalidField("name", "must be a single path component (no / \\ : and not . or ..)");
    }
    return name;
  }

  /** Graph item ids (and the alias {@code root}) only. */
  private static String requireId(String value, String field) {
    if (!ID.matcher(value).matches()) throw ActionException.invalidField(field, "is not a OneDrive item id");
    return value;
  }
}
