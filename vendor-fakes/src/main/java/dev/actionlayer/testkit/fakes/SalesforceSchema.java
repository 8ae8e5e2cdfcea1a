package dev.actionlayer.testkit.fakes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sObject types FakeSalesforce serves and their writable fields: the standard fields a
 * Contact, Task or Account client sends, with Salesforce's labels and lengths, plus the external-id fields
 * a test configures. Immutable.
 */
final class SalesforceSchema {

  /** How a field's value is checked. */
  enum Kind { TEXT, EMAIL, ID, DATE, PICKLIST }

  /** One writable field: its label (used in messages), kind and maximum length. */
  record Field(String name, String label, Kind kind, int maxLength) {}

  /**
   * One sObject type.
   *
   * @param name the API name, e.g. {@code "Contact"}
   * @param prefix the key prefix of its ids, e.g. {@code "003"}
   * @param fields the writable fields by API name, in the order records list them
   * @param required the fields an insert must set
   * @param defaults the values Salesforce fills in on insert
   */
  record Type(String name, String prefix, Map<String, Field> fields, List<String> required,
      Map<String, Object> defaults) {

    /** The field's API name as declared, for a name in any case; null when unknown. */
    String canonical(String name) {
      for (String field : fields.keySet()) {
        if (field.equalsIgnoreCase(name)) {
          return field;
        }
      }
      return null;
    }

    /** A copy that also knows {@code externalIdField}, a 255-character text field. */
    Type withExternalId(String externalIdField) {
      Map<String, Field> more = new LinkedHashMap<>(fields);
      more.put(externalIdField, new Field(externalIdField, externalIdField.replace("__c", "").replace('_', ' '),
          Kind.TEXT, 255));
      return new Type(name, prefix, Collections.unmodifiableMap(more), required, defaults);
    }
  }

  static final Type CONTACT = new Type("Contact", "003", fields(
      new Field("FirstName", "First Name", Kind.TEXT, 40),
      new Field("LastName", "Last Name", Kind.TEXT, 80),
      new Field("Email", "Email", Kind.EMAIL, 80),
      new Field("Phone", "Business Phone", Kind.TEXT, 40),
      new Field("Title", "Title", Kind.TEXT, 128),
      new Field("Description", "Contact Description", Kind.TEXT, 32_000),
      new Field("AccountId", "Account ID", Kind.ID, 18)),
      List.of("LastName"), Map.of());

  static final Type TASK = new Type("Task", "00T", fields(
      new Field("Subject", "Subject", Kind.TEXT, 255),
      new Field("Description", "Description", Kind.TEXT, 32_000),
      new Field("WhatId", "Related To ID", Kind.ID, 18),
      new Field("WhoId", "Name ID", Kind.ID, 18),
      new Field("Status", "Status", Kind.PICKLIST, 255),
      new Field("Priority", "Priority", Kind.TEXT, 255),
      new Field("ActivityDate", "Due Date Only", Kind.DATE, 10),
      new Field("OwnerId", "Assigned To ID", Kind.ID, 18)),
      List.of(), orderedDefaults());

  /** The Task Status picklist of a new org (a restricted picklist here); Completed is its one closed value. */
  static final List<String> TASK_STATUSES =
      List.of("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred");

  /** The Accounts contacts belong to; a Contact's {@code Account.Name} reads through {@code AccountId}. */
  static final Type ACCOUNT = new Type("Account", "001", fields(
      new Field("Name", "Account Name", Kind.TEXT, 255)),
      List.of("Name"), Map.of());

  /** The user FakeSalesforce's token belongs to: the owner of every Task created without one. */
  static final String DEFAULT_OWNER = "0055g0000000001AAA";

  private SalesforceSchema() {}

  /** The type named {@code name} (case-insensitive, as Salesforce resolves it), or null. */
  static Type type(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "contact" -> CONTACT;
      case "task" -> TASK;
      case "account" -> ACCOUNT;
      default -> null;
    };
  }

  private static Map<String, Field> fields(Field... fields) {
    Map<String, Field> map = new LinkedHashMap<>();
    for (Field field : fields) {
      map.put(field.name(), field);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Object> orderedDefaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("Status", "Not Started");
    defaults.put("Priority", "Normal");
    defaults.put("OwnerId", DEFAULT_OWNER);
    return Collections.unmodifiableMap(defaults);
  }
}
