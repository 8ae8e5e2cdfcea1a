package dev.actionlayer;

/**
 * The input of {@code tasks.list}: filters (each optional, all must match), a page size (0 for the
 * default of 25; capped at 100) and the {@link Page#nextCursor()} of the previous page, or null
 * for the first. {@code text} matches the title or description as the vendor's search does.
 */
public record TaskQuery(String project, TaskStatus status, String assignee, String text, int pageSize,
    String cursor) {
  public TaskQuery {
    project = Fields.optionalLine(project, "project", 255);
    assignee = Fields.optionalLine(assignee, "assignee", 255);
    text = Fields.optionalLine(text, "text", 255);
    pageSize = Fields.pageSize(pageSize);
    cursor = Fields.cursor(cursor);
  }

  /** Every task, first page. */
  public static TaskQuery all() {
    return new TaskQuery(null, null, null, null, 0, null);
  }

  /** This query for the page after {@code page}. */
  public TaskQuery next(Page<?> page) {
    return new TaskQuery(project, status, assignee, text, pageSize, page.nextCursor());
  }
}
