package dev.actionlayer.salesforce;

import dev.actionlayer.ActionException;
import java.util.Objects;
import java.util.regex.Pattern;

/** What Salesforce accepts as record ids, field API names and API versions; everything else is refused. */
final class SalesforceIds {
  private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
  private static final Pattern API_VERSION = Pattern.compile("v\\d{1,3}\\.\\d");
  /** {@code Name}, {@code Name__c} or {@code ns__Name__c}: no double or trailing underscores elsewhere. */
  private static final Pattern FIELD_NAME = Pattern.compile(
      "[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*(__[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*)?(__c)?");
  private static final int MAX_FIELD_NAME = 100;

  private SalesforceIds() {}

  /**
   * Only Salesforce's 15- and 18-character ids may reach the wire, so that no value from the agent
   * ({@code ..}, {@code /}, {@code ?}, CR/LF) can address another endpoint.
   *
   * @throws ActionException {@code INVALID_REQUEST} with a field error on {@code field}
   */
  static String requireRecordId(String id, String field) {
    if (!isRecordId(id)) {
      throw ActionException.invalidField(field, "is not a Salesforce record id (15 or 18 letters and digits)");
    }
    return id;
  }

  /** Whether {@code id} has the shape of a Salesforce record id. */
  static boolean isRecordId(String id) {
    return id != null && RECORD_ID.matcher(id).matches();
  }

  /** @throws IllegalArgumentException when not {@code v<major>.<minor>}, e.g. {@code v63.0} */
  static String requireApiVersion(String version) {
    Objects.requireNonNull(version, "apiVersion == null");
    if (!API_VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("apiVersion must look like v63.0");
    }
    return version;
  }

  /**
   * @throws IllegalArgumentException when not a field API name, or {@code Id} (which Salesforce
   *     treats as a special case that never matches an idempotency key)
   */
  static String requireExternalIdField(String field, String name) {
    if (field.length() > MAX_FIELD_NAME || !FIELD_NAME.matcher(field).matches()) {
      throw new IllegalArgumentException(name + " must be a Salesforce field API name such as"
          + " Actionlayer_Key__c");
    }
    if (field.equalsIgnoreCase("Id")) {
      throw new IllegalArgumentException(name + " must be a custom field marked External ID, not Id");
    }
    return field;
  }
}
