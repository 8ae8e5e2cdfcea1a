package dev.actionlayer.salesforce;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.List;

/**
 * Moshi shapes of the Salesforce success bodies the connector reads; unknown members (such as
 * {@code attributes}) are skipped. The records are public only because Moshi's record adapter
 * requires it; the enclosing class keeps them out of the API.
 */
final class SalesforceJson {
  /** The answer to an insert or upsert: {@code {"id","success","errors"}}, plus {@code created} since v46.0. */
  public record SaveResult(String id, Boolean success, List<Object> errors, Boolean created) {}

  /** A Contact as read with {@code fields=Id,FirstName,LastName,Email}. */
  public record ContactRecord(@Json(name = "Id") String id, @Json(name = "FirstName") String firstName,
      @Json(name = "LastName") String lastName, @Json(name = "Email") String email) {}

  /** A Task as read with {@code fields=Id,Subject,Description,WhatId}. */
  public record TaskRecord(@Json(name = "Id") String id, @Json(name = "Subject") String subject,
      @Json(name = "Description") String description, @Json(name = "WhatId") String whatId) {}

  private static final Moshi MOSHI = dev.actionlayer.spi.Json.MOSHI;
  static final JsonAdapter<SaveResult> SAVE_RESULT = MOSHI.adapter(SaveResult.class);
  static final JsonAdapter<ContactRecord> CONTACT = MOSHI.adapter(ContactRecord.class);
  static final JsonAdapter<TaskRecord> TASK = MOSHI.adapter(TaskRecord.class);

  private SalesforceJson() {}
}
