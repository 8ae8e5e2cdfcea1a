package dev.actionlayer.salesforce;

import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical tasks as Salesforce Task records: Subject is the title, Description the description,
 * and WhatId (the related record) the project.
 */
final class SalesforceTasks extends SObjectResource<NewTask, Task> {
  static final String FIELDS = "Id,Subject,Description,WhatId";

  SalesforceTasks(SObjectEndpoint endpoint) {
    super(endpoint, "tasks");
  }

  @Override
  Map<String, Object> fields(NewTask input) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Subject", input.title());
    String description = emptyToNull(input.description());
    if (description != null) fields.put("Description", description);
    if (input.project() != null) fields.put("WhatId", SalesforceIds.requireRecordId(input.project(), "project"));
    return fields;
  }

  @Override
  Task created(String id, NewTask input) {
    return new Task(id, input.project(), input.title(), emptyToNull(input.description()));
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    return task(SalesforceJson.TASK.fromJson(response.bodyString()));
  }

  @Override
  Task record(Object json) throws IOException {
    return task(SalesforceJson.fromValue(SalesforceJson.TASK, json));
  }

  private static Task task(SalesforceJson.TaskRecord record) throws IOException {
    if (record == null || record.id() == null || record.id().isBlank()) {
      throw new IOException("Task record has no Id");
    }
    return new Task(record.id(), record.whatId(), record.subject(), record.description());
  }

  /** Salesforce stores an empty text value as null; the result says what a read will say. */
  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
