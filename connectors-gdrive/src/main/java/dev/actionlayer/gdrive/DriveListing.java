package dev.actionlayer.gdrive;

import dev.actionlayer.Folder;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Page;
import dev.actionlayer.spi.VendorRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code folders.list} as {@code files.list}: the folders directly in one parent, outside the
 * trash, optionally whose name Drive's {@code contains} matches, a page at a time. Every agent
 * value reaches {@code q} only as a quoted Drive string literal ({@link DriveKeys#literal}).
 */
final class DriveListing {
  static final String FIELDS = "nextPageToken,files(id,name,parents,webViewLink)";

  private DriveListing() {}

  /**
   * {@code GET /drive/v3/files?q=…&fields=…&pageSize=…&spaces=drive[&pageToken=…]}; a null parent
   * is My Drive ({@code root}).
   *
   * @throws dev.actionlayer.ActionException {@code INVALID_REQUEST} naming {@code parentId} for an
   *     id that is not a Drive folder id
   */
  static VendorRequest.Builder request(FolderQuery query, boolean allDrives) {
    String parent = query.parentId() == null ? DriveIds.ROOT_ALIAS : DriveIds.requireParentId(query.parentId());
    VendorRequest.Builder b = VendorRequest.get().path(DriveFolders.FILES)
        .query("q", q(parent, query.name()))
        .query("fields", FIELDS)
        .query("pageSize", Integer.toString(query.pageSize()))
        .query("spaces", "drive");
    if (query.cursor() != null) b.query("pageToken", query.cursor());
    if (allDrives) b.query("supportsAllDrives", "true").query("includeItemsFromAllDrives", "true");
    return b;
  }

  /**
   * {@code '<parent>' in parents and mimeType = 'application/vnd.google-apps.folder' and trashed =
   * false}, and {@code and name contains '<name>'} when a name is given.
   */
  static String q(String parent, String name) {
    String q = DriveKeys.literal(parent) + " in parents and mimeType = " + DriveKeys.literal(DriveJson.FOLDER_MIME_TYPE)
        + " and trashed = false";
    return name == null ? q : q + " and name contains " + DriveKeys.literal(name);
  }

  /**
   * The page: each listed file with an id as a folder, and Drive's {@code nextPageToken} as the
   * cursor. Drive may answer a short or empty page before the end; the token says whether more
   * follow.
   *
   * @throws IOException when the body is not a file list
   */
  static Page<Folder> page(String body) throws IOException {
    DriveJson.FileList list = DriveJson.fileList(body);
    List<Folder> folders = new ArrayList<>();
    for (DriveJson.File file : list.files()) {
      if (file == null || file.id() == null || file.id().isBlank()) continue;
      folders.add(DriveJson.folder(file, null, null));
    }
    return new Page<>(folders, list.nextPageToken());
  }
}
