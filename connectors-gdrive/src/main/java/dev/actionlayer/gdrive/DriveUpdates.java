package dev.actionlayer.gdrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code folders.update} as {@code files.update}: {@code PATCH /drive/v3/files/{id}} with {@code
 * {"name": …}} for a rename, and {@code addParents}/{@code removeParents} for a move. It looks
 * first ({@code files.get} of the folder's type, trash state and parents): an id that is not a
 * live folder is refused as {@code NOT_FOUND} with nothing changed, as {@code folders.delete}
 * does, and {@code removeParents} must name the current parents, which the request does not know.
 */
final class DriveUpdates {
  static final String LOOK_FIELDS = "id,mimeType,parents,trashed";
  static final String FIELDS = "id,name,parents,webViewLink";

  private DriveUpdates() {}

  /**
   * The PATCH, built once per call (the pipeline resends the same bytes): a repeat after a lost
   * answer adds a parent the folder already has and removes one it no longer has, which leaves it
   * where the first one put it.
   */
  static VendorRequest request(DriveFolders folders, String id, FolderChanges changes, CallContext context) {
    String fileId = DriveIds.requireFileId(id);
    String target = changes.parentId() == null ? null : DriveIds.requireParentId(changes.parentId());
    DriveJson.File file = look(folders, fileId, context);
    VendorRequest.Builder b = folders.withDrives(VendorRequest.patch().path(DriveFolders.FILES).segment(fileId)
        .query("fields", FIELDS));
    if (target != null) {
      // "root" is an alias: compared with the parents Drive lists, it must be the real id, or a
      // folder already in My Drive would be given root and then lose its only parent.
      String parent = DriveIds.ROOT_ALIAS.equals(target) ? rootId(context) : target;
      List<String> current = file.parents() == null ? List.of() : file.parents();
      if (!current.equals(List.of(parent))) {
        if (!current.contains(parent)) b.query("addParents", parent);
        String remove = current.stream().filter(p -> !p.equals(parent)).filter(DriveIds::isFileId)
            .collect(Collectors.joining(","));
        if (!remove.isEmpty()) b.query("removeParents", remove);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.name() != null) body.put("name", changes.name());
    return b.json(Json.write(body)).build();
  }

  /** The folder as it is now; {@code NOT_FOUND} for a missing, trashed or non-folder id. */
  private static DriveJson.File look(DriveFolders folders, String fileId, CallContext context) {
    VendorResponse found = context.exchange(folders.withDrives(VendorRequest.get().path(DriveFolders.FILES)
        .segment(fileId).query("fields", LOOK_FIELDS)).build());
    if (!found.isSuccessful()) throw context.failure(found);
    try {
      folders.read(found); // throws NOT_FOUND for a file that is not a folder, or is in the trash
      return DriveJson.file(found.bodyString());
    } catch (IOException e) {
      throw unreadable(found, "file " + fileId);
    }
  }

  /** The id of the user's My Drive root folder, which {@code root} names. */
  private static String rootId(CallContext context) {
    VendorResponse root = context.exchange(VendorRequest.get().path(DriveFolders.FILES)
        .segment(DriveIds.ROOT_ALIAS).query("fields", "id").build());
    if (!root.isSuccessful()) throw context.failure(root);
    try {
      String id = DriveJson.file(root.bodyString()).id();
      if (DriveIds.isFileId(id)) return id;
    } catch (IOException e) {
      // answered below
    }
    throw unreadable(root, "the My Drive root folder");
  }

  private static ActionException unreadable(VendorResponse response, String what) {
    return new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
        .httpStatus(response.status())
        .message("Google Drive's answer about " + what + " could not be read; nothing was changed")
        .build());
  }
}
