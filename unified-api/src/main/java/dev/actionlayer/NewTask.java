package dev.actionlayer;

/**
 * The input of {@code tasks.create}. {@code project} is the vendor's container (a Jira project
 * key); {@code title} is required, single-line, at most 255 characters; {@code description} may be
 * null. Invalid values throw {@link ActionException} with {@link ErrorCode#INVALID_REQUEST}.
 */
public record NewTask(String project, String title, String description) {
  public NewTask {
    project = Fields.optional(project, "project", 255);
    title = Fields.singleLine(title, "title", 255);
    description = Fields.optional(description, "description", 32_000);
  }
}
