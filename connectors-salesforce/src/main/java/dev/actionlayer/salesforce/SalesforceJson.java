package dev.actionlayer.salesforce;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;

/**
 * Moshi shapes of the Salesforce success bodies the connector reads; unknown members (such as
 * {@code attributes}) are skipped. The records are public only because Moshi's record adapter
 * requires it; the enclosing class keeps them out of the API.
 */
final class SalesforceJson {
  /** Any record's id. */
  public record IdOnly(@Json(name = "Id") String id) {}

  /** The answer to an insert or upsert: {@code {"id","success","errors"}}, plus {@code created} since v46.0. */
  public record SaveResult(String id, Boolean success, List<Object> errors, Boolean created) {}

  /** A Contact as read with {@link SalesforceContacts#FIELDS}; {@code Account} only from a query. */
  public record ContactRecord(@Json(name = "Id") String id, @Json(name = "FirstName") String firstName,
      @Json(name = "LastName") String lastName, @Json(name = "Email") String email,
      @Json(name = "Phone") String phone, @Json(name = "AccountId") String accountId,
      @Json(name = "Account") AccountRef account) {}

  /** The Account a query's {@code Account.Name} reads through the relationship. */
  public record AccountRef(@Json(name = "Name") String name) {}

  /** A Task as read with {@link SalesforceTasks#FIELDS}. */
  public record TaskRecord(@Json(name = "Id") String id, @Json(name = "Subject") String subject,
      @Json(name = "Description") String description, @Json(name = "WhatId") String whatId,
      @Json(name = "Status") String status, @Json(name = "IsClosed") Boolean isClosed,
      @Json(name = "ActivityDate") String activityDate, @Json(name = "OwnerId") String ownerId,
      @Json(name = "Priority") String priority) {}

  /**
   * A query's answer; {@code records} stay JSON values so that each resource reads them with its
   * own record adapter.
   */
  public record QueryResult(Integer totalSize, Boolean done, List<Object> records, String nextRecordsUrl) {}

  private static final Moshi MOSHI = dev.actionlayer.spi.Json.MOSHI;
  static final JsonAdapter<SaveResult> SAVE_RESULT = MOSHI.adapter(SaveResult.class);
  static final JsonAdapter<ContactRecord> CONTACT = MOSHI.adapter(ContactRecord.class);
  static final JsonAdapter<TaskRecord> TASK = MOSHI.adapter(TaskRecord.class);
  static final JsonAdapter<IdOnly> ID = MOSHI.adapter(IdOnly.class);
  static final JsonAdapter<QueryResult> QUERY_RESULT = MOSHI.adapter(QueryResult.class);
  /** Writes a PATCH body keeping null members, which Salesforce reads as "clear the field". */
  static final JsonAdapter<Object> WITH_NULLS = MOSHI.adapter(Object.class).serializeNulls();

  private SalesforceJson() {}

  /**
   * Reads a JSON value (one of a query's records) with {@code adapter}.
   *
   * @throws IOException when the value does not have the adapter's shape
   */
  static <T> T fromValue(JsonAdapter<T> adapter, Object value) throws IOException {
    try {
      return adapter.fromJsonValue(value);
    } catch (JsonDataException | IllegalArgumentException e) {
      throw new IOException("not a record: " + e.getMessage(), e);
    }
  }

  /**
   * A query's answer. Salesforce always sends {@code records}, empty for none; an answer without
   * it is not a query result and must not pass for "no such record".
   *
   * @throws IOException when the text is not a query result
   */
  static QueryResult queryResult(String json) throws IOException {
    QueryResult result;
    try {
      result = QUERY_RESULT.fromJson(json);
    } catch (JsonDataException e) {
      throw new IOException("not a query result: " + e.getMessage(), e);
    }
    if (result == null || result.records() == null) throw new IOException("query result has no records array");
    return result;
  }

  /**
   * The first record of a query's answer as a JSON value, or null when the query matched none.
   *
   * @throws IOException when the text is not a query result
   */
  static Object firstRecord(String json) throws IOException {
    QueryResult result = queryResult(json);
    return result.records().isEmpty() ? null : result.records().get(0);
  }
}
