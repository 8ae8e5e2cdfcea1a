package dev.actionlayer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task as the vendor stores it. {@code id} is the vendor's stable id; every other field may be
 * null (an empty list or map) when the vendor has none.
 *
 * @param project the container: a Jira project key, a GitHub repository, an Asana project
 * @param status the canonical state; {@code vendorStatus} is the vendor's own name for it
 * @param assignee the vendor's id (or login) of the person the task is assigned to
 * @param dueDate the due date, {@code YYYY-MM-DD}
 * @param key the human-facing key, such as {@code PROJ-12} or {@code #42}, when it differs from the id
 * @param url where a person opens the task in the vendor's web application
 * @param extra vendor-specific fields, as data
 */
public record Task(String id, String project, String title, String description, TaskStatus status,
    String vendorStatus, String assignee, String dueDate, List<String> labels, String key, String url,
    Map<String, String> extra) {
  public Task {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    labels = labels == null ? List.of() : List.copyOf(labels);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** A task with only the fields every vendor has. */
  public Task(String id, String project, String title, String description) {
    this(id, project, title, description, null, null, null, null, List.of(), null, null, Map.of());
  }
}
