package dev.actionlayer.salesforce;

import dev.actionlayer.ActionException;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical tasks as Salesforce Task records: Subject is the title, Description the description,
 * WhatId (the related record) the project, OwnerId the assignee, ActivityDate the due date and
 * Status the status ({@code Not Started} is open, a closed status such as {@code Completed} is
 * done, any other is in progress; an update writes Not Started, In Progress or Completed, or the
 * vendor status as given). Tasks have no labels.
 */
final class SalesforceTasks extends SObjectResource<NewTask, Task, TaskChanges, TaskQuery> {
  static final String FIELDS = "Id,Subject,Description,WhatId,Status,IsClosed,ActivityDate,OwnerId,Priority";
  private static final String NOT_STARTED = "Not Started";
  private static final List<String> EXTRAS = List.of("Priority");

  SalesforceTasks(URI instance, SObjectEndpoint endpoint) {
    super(instance, endpoint, "tasks");
  }

  @Override
  Map<String, Object> fields(NewTask input) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Subject", input.title());
    String description = SalesforceContacts.emptyToNull(input.description());
    if (description != null) fields.put("Description", description);
    if (input.project() != null) fields.put("WhatId", SalesforceIds.requireRecordId(input.project(), "project"));
    return fields;
  }

  @Override
  Task created(String id, NewTask input) {
    return new Task(id, input.project(), input.title(), SalesforceContacts.emptyToNull(input.description()), null,
        null, null, null, List.of(), null, url(id), Map.of());
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return task(SalesforceJson.TASK.fromJson(response.bodyString()));
  }

  @Override
  Task record(Object json) throws IOException {
    return task(SalesforceJson.fromValue(SalesforceJson.TASK, json));
  }

  private Task task(SalesforceJson.TaskRecord r) throws IOException {
    if (r == null || r.id() == null || r.id().isBlank()) {
      throw new IOException("Task record has no Id");
    }
    Map<String, String> extra = r.priority() == null ? Map.of() : Map.of("Priority", r.priority());
    String due = r.activityDate() != null && r.activityDate().matches("\\d{4}-\\d{2}-\\d{2}") ? r.activityDate() : null;
    return new Task(r.id(), r.whatId(), r.subject(), r.description(), status(r), r.status(), r.ownerId(), due,
        List.of(), null, url(r.id()), extra);
  }

  private static TaskStatus status(SalesforceJson.TaskRecord r) {
    if (Boolean.TRUE.equals(r.isClosed())) return TaskStatus.DONE;
    if (r.status() == null) return null;
    return r.status().equals(NOT_STARTED) ? TaskStatus.OPEN : TaskStatus.IN_PROGRESS;
  }

  @Override
  Map<String, Object> changes(TaskChanges changes) {
    if (changes.labels() != null) throw unsupported("labels", "Salesforce Tasks have no labels");
    Map<String, Object> fields = new LinkedHashMap<>();
    if (changes.title() != null) fields.put("Subject", changes.title());
    if (changes.description() != null) fields.put("Description", SalesforceContacts.emptyToNull(changes.description()));
    if (changes.status() != null) fields.put("Status", statusName(changes.status()));
    if (changes.vendorStatus() != null) fields.put("Status", changes.vendorStatus());
    if (changes.assignee() != null) {
      if (changes.assignee().isEmpty()) {
        throw ActionException.invalidField("assignee", "cannot be cleared: a Salesforce Task always has an owner");
      }
      fields.put("OwnerId", SalesforceIds.requireRecordId(changes.assignee(), "assignee"));
    }
    if (changes.dueDate() != null) fields.put("ActivityDate", SalesforceContacts.emptyToNull(changes.dueDate()));
    putExtra(fields, changes.extra(), EXTRAS);
    return fields;
  }

  /** The standard Task status each canonical status is written as. */
  private static String statusName(TaskStatus status) {
    return switch (status) {
      case OPEN -> NOT_STARTED;
      case IN_PROGRESS -> "In Progress";
      case DONE -> "Completed";
    };
  }

  @Override
  String select() {
    return FIELDS;
  }

  /**
   * The related record, the status (done is any closed status), the owner, and the subject
   * containing the text: Salesforce cannot filter on Description, a long text area.
   */
  @Override
  List<String> conditions(TaskQuery query) {
    List<String> where = new ArrayList<>();
    if (query.project() != null) {
      where.add("WhatId = " + SObjectEndpoint.soqlString(SalesforceIds.requireRecordId(query.project(), "project")));
    }
    if (query.status() != null) {
      String notStarted = SObjectEndpoint.soqlString(NOT_STARTED);
      where.add(switch (query.status()) {
        case OPEN -> "Status = " + notStarted;
        case IN_PROGRESS -> "IsClosed = false AND Status != " + notStarted;
        case DONE -> "IsClosed = true";
      });
    }
    if (query.assignee() != null) {
      where.add("OwnerId = " + SObjectEndpoint.soqlString(SalesforceIds.requireRecordId(query.assignee(), "assignee")));
    }
    if (query.text() != null) where.add("Subject LIKE " + SObjectEndpoint.soqlContains(query.text()));
    return where;
  }

  @Override
  int pageSize(TaskQuery query) {
    return query.pageSize();
  }

  @Override
  String cursor(TaskQuery query) {
    return query.cursor();
  }
}
