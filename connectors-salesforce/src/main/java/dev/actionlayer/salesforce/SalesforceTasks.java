package dev.actionlayer.salesforce;

import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical tasks as Salesforce Task records: Subject is the title, Description the description,
 * and WhatId (the related record) the project.
 */
final class SalesforceTasks implements Resource<NewTask, Task> {
  static final String FIELDS = "Id,Subject,Description,WhatId";

  private final SObjectEndpoint endpoint;

  SalesforceTasks(SObjectEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Subject", input.title());
    String description = emptyToNull(input.description());
    if (description != null) fields.put("Description", description);
    if (input.project() != null) fields.put("WhatId", SalesforceIds.requireRecordId(input.project(), "project"));
    return endpoint.create(fields, context);
  }

  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context)
      throws IOException {
    String id = endpoint.createdId(response);
    if (id == null) return read(endpoint.readBack(context));
    return new Task(id, input.project(), input.title(), emptyToNull(input.description()));
  }

  @Override
  public VendorRequest get(String id) {
    return endpoint.get(id);
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    SalesforceJson.TaskRecord record = SalesforceJson.TASK.fromJson(response.bodyString());
    if (record == null || record.id() == null || record.id().isBlank()) {
      throw new IOException("Task record has no Id");
    }
    return new Task(record.id(), record.whatId(), record.subject(), record.description());
  }

  @Override
  public VendorRequest delete(String id) {
    return endpoint.delete(id);
  }

  @Override
  public CreateSafety createSafety() {
    return endpoint.createSafety();
  }

  /** Salesforce stores an empty text value as null; the result says what a read will say. */
  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public String toString() {
    return "tasks{" + endpoint + "}";
  }
}
