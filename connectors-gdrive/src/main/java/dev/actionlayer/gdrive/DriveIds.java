package dev.actionlayer.gdrive;

import dev.actionlayer.ActionException;
import java.util.regex.Pattern;

/**
 * What Drive file ids look like; everything else is refused before any request, so that no value
 * from the agent ({@code ..}, {@code /}, {@code %2e}, CR/LF) can address another endpoint.
 */
final class DriveIds {
  /** Drive's alias for the user's My Drive root folder, accepted as a parent only. */
  static final String ROOT_ALIAS = "root";

  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{10,200}");

  private DriveIds() {}

  /** Whether {@code value} has the shape of a Drive file id. */
  static boolean isFileId(String value) {
    return value != null && FILE_ID.matcher(value).matches();
  }

  /**
   * @throws ActionException {@code INVALID_REQUEST} naming {@code id} unless it is a Drive file id
   */
  static String requireFileId(String id) {
    if (!isFileId(id)) {
      throw ActionException.invalidField("id",
          "is not a Google Drive file id (10 to 200 letters, digits, '-' or '_')");
    }
    return id;
  }

  /**
   * A parent folder id, or the {@code root} alias.
   *
   * @throws ActionException {@code INVALID_REQUEST} naming {@code parentId} for anything else
   */
  static String requireParentId(String parentId) {
    if (ROOT_ALIAS.equals(parentId) || isFileId(parentId)) return parentId;
    throw ActionException.invalidField("parentId",
        "is not a Google Drive folder id (10 to 200 letters, digits, '-' or '_') or \"root\"");
  }
}
