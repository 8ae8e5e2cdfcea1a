package dev.actionlayer;

/**
 * The input of {@code folders.update}: a new {@code name} (rename), a new {@code parentId} (move),
 * or both; a field left null is not changed. Invalid values, or neither, throw
 * {@link ActionException} with {@link ErrorCode#INVALID_REQUEST}.
 */
public record FolderChanges(String name, String parentId) {
  public FolderChanges {
    name = Fields.optionalLine(name, "name", 255);
    parentId = Fields.optionalLine(parentId, "parentId", 255);
    if (name == null && parentId == null) {
      throw ActionException.invalidField("changes", "name at least one field to change");
    }
  }

  /** Renames the folder. */
  public static FolderChanges rename(String name) {
    return new FolderChanges(name, null);
  }

  /** Moves the folder under {@code parentId}. */
  public static FolderChanges move(String parentId) {
    return new FolderChanges(null, parentId);
  }
}
