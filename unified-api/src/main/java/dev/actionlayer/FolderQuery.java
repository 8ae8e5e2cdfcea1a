package dev.actionlayer;

/**
 * The input of {@code folders.list}: the folders directly in {@code parentId} (null for the root
 * or, where the vendor has none, everywhere), whose {@code name} matches (optional), a page size
 * (0 for the default of 25; capped at 100) and the {@link Page#nextCursor()} of the previous page,
 * or null for the first.
 */
public record FolderQuery(String parentId, String name, int pageSize, String cursor) {
  public FolderQuery {
    parentId = Fields.optionalLine(parentId, "parentId", 255);
    name = Fields.optionalLine(name, "name", 255);
    pageSize = Fields.pageSize(pageSize);
    cursor = Fields.cursor(cursor);
  }

  /** The folders in {@code parentId}, first page. */
  public static FolderQuery in(String parentId) {
    return new FolderQuery(parentId, null, 0, null);
  }

  /** This query for the page after {@code page}. */
  public FolderQuery next(Page<?> page) {
    return new FolderQuery(parentId, name, pageSize, page.nextCursor());
  }
}
