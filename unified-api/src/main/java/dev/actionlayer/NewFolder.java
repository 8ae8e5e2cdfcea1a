package dev.actionlayer;

/**
 * The input of {@code folders.create}: {@code name} is required; {@code parentId} is the vendor id
 * of the parent folder, or null for the root. Invalid values throw {@link ActionException} with
 * {@link ErrorCode#INVALID_REQUEST}.
 */
public record NewFolder(String name, String parentId) {
  public NewFolder {
    name = Fields.singleLine(name, "name", 255);
    parentId = parentId == null ? null : Fields.singleLine(parentId, "parentId", 255);
  }
}
