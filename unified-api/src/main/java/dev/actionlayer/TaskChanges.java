package dev.actionlayer;

import java.util.List;
import java.util.Map;

/**
 * The input of {@code tasks.update}: a partial change, where only the fields given (not null) are
 * sent. {@code ""} clears {@code description}, {@code assignee} or {@code dueDate}; an empty
 * {@code labels} list removes every label. Give {@code status} (canonical) or {@code vendorStatus}
 * (the vendor's own name, passed through), not both. Invalid values, or no field at all, throw
 * {@link ActionException} with {@link ErrorCode#INVALID_REQUEST}.
 *
 * <pre>{@code TaskChanges.builder().status(TaskStatus.DONE).build()}</pre>
 */
public record TaskChanges(String title, String description, TaskStatus status, String vendorStatus,
    String assignee, String dueDate, List<String> labels, Map<String, String> extra) {
  public TaskChanges {
    title = Fields.optionalLine(title, "title", 255);
    description = Fields.optional(description, "description", 32_000);
    vendorStatus = Fields.optionalLine(vendorStatus, "vendorStatus", 100);
    if (status != null && vendorStatus != null) {
      throw ActionException.invalidField("vendorStatus", "give status or vendorStatus, not both");
    }
    assignee = Fields.lineOrClear(assignee, "assignee", 255);
    dueDate = Fields.dateOrClear(dueDate, "dueDate");
    labels = Fields.labels(labels, "labels");
    extra = Fields.extra(extra, "extra");
    if (title == null && description == null && status == null && vendorStatus == null && assignee == null
        && dueDate == null && labels == null && extra.isEmpty()) {
      throw ActionException.invalidField("changes", "name at least one field to change");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaskChanges}; a field left unset is not changed. */
  public static final class Builder {
    private String title;
    private String description;
    private TaskStatus status;
    private String vendorStatus;
    private String assignee;
    private String dueDate;
    private List<String> labels;
    private Map<String, String> extra;

    private Builder() {}

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** The new description; {@code ""} clears it. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder status(TaskStatus status) {
      this.status = status;
      return this;
    }

    /** The vendor's own status name, such as Jira's {@code "In Review"}. */
    public Builder vendorStatus(String vendorStatus) {
      this.vendorStatus = vendorStatus;
      return this;
    }

    /** The vendor's id (or login) of the new assignee; {@code ""} unassigns. */
    public Builder assignee(String assignee) {
      this.assignee = assignee;
      return this;
    }

    /** {@code YYYY-MM-DD}; {@code ""} clears it. */
    public Builder dueDate(String dueDate) {
      this.dueDate = dueDate;
      return this;
    }

    /** The labels the task ends with (replacing its current ones); empty removes them all. */
    public Builder labels(List<String> labels) {
      this.labels = labels;
      return this;
    }

    /** Vendor-specific fields, as data. */
    public Builder extra(Map<String, String> extra) {
      this.extra = extra;
      return this;
    }

    public TaskChanges build() {
      return new TaskChanges(title, description, status, vendorStatus, assignee, dueDate, labels, extra);
    }
  }
}
