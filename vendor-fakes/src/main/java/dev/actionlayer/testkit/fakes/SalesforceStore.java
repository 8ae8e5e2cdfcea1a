package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FakeSalesforce's records, by id, with Salesforce-shaped ids: the type's key prefix, then
 * digits, then the three-character case-safe suffix Salesforce appends to make an 18-character
 * id. Not thread-safe: FakeSalesforce calls it under its lock.
 */
final class SalesforceStore {

  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  /** Two characters of a pod and four zeros, as real ids carry after the prefix. */
  private static final String POD = "5g0000";

  /** A stored record; {@code fields} holds API names and values, mutable for upsert updates. */
  record Stored(String type, String id, Map<String, Object> fields) {}

  /** A query's records past its first batch, under a query locator, and the batch size. */
  record Batches(String locator, List<Object> records, int size) {}

  private final Map<String, Stored> byId = new LinkedHashMap<>();
  private final Map<String, Batches> locators = new LinkedHashMap<>();
  private int nextLocator;
  private final Set<String> deleted = new HashSet<>();
  private final Map<String, Integer> nextNumber = new LinkedHashMap<>();
  private int inserts;

  Stored insert(SalesforceSchema.Type type, Map<String, Object> fields) {
    int number = nextNumber.merge(type.prefix(), 1, Integer::sum);
    String id15 = type.prefix() + POD + String.format("%06d", number);
    String id = id15 + suffix(id15);
    Map<String, Object> values = new LinkedHashMap<>(type.defaults());
    values.putAll(fields);
    Stored stored = new Stored(type.name(), id, values);
    byId.put(id, stored);
    inserts++;
    return stored;
  }

  /** The record of this type with {@code id} in its 15- or 18-character form, or null. */
  Stored find(SalesforceSchema.Type type, String id) {
    Stored stored = byId.get(id.length() == 15 ? id + suffix(id) : id);
    return stored != null && stored.type().equals(type.name()) ? stored : null;
  }

  /** Whether the record with this id existed and was deleted. */
  boolean wasDeleted(String id) {
    return deleted.contains(id.length() == 15 ? id + suffix(id) : id);
  }

  void delete(Stored stored) {
    byId.remove(stored.id());
    deleted.add(stored.id());
  }

  /** The records whose {@code field} equals {@code value}, ignoring case as external ids match. */
  List<Stored> byField(SalesforceSchema.Type type, String field, String value) {
    List<Stored> found = new ArrayList<>();
    for (Stored stored : byId.values()) {
      if (stored.type().equals(type.name()) && stored.fields().get(field) instanceof String v
          && v.equalsIgnoreCase(value)) {
        found.add(stored);
      }
    }
    return found;
  }

  /** The record {@code stored} points to through a relationship ({@code Account}: its AccountId), or null. */
  Stored related(Stored stored, String relationship) {
    if (!relationship.equals("Account") || !(stored.fields().get("AccountId") instanceof String accountId)) {
      return null;
    }
    return find(SalesforceSchema.ACCOUNT, accountId);
  }

  List<Stored> all(SalesforceSchema.Type type) {
    return byId.values().stream().filter(s -> s.type().equals(type.name())).toList();
  }

  /** A query's records, batched: a locator ({@code 01g...}) is kept only when there is more than one batch. */
  Batches batch(List<Object> records, int size) {
    if (records.size() <= size) return new Batches(null, records, size);
    String id15 = "01g" + POD + String.format("%06d", ++nextLocator);
    Batches batches = new Batches(id15 + suffix(id15), List.copyOf(records), size);
    locators.put(batches.locator(), batches);
    return batches;
  }

  /** The batches of a query locator, or null. */
  Batches batches(String locator) {
    return locators.get(locator);
  }

  int inserts() {
    return inserts;
  }

  void clear() {
    byId.clear();
    deleted.clear();
    nextNumber.clear();
    locators.clear();
    nextLocator = 0;
    inserts = 0;
  }

  /** Salesforce's case-safe suffix: per 5-character chunk, one letter encoding which are upper case. */
  static String suffix(String id15) {
    StringBuilder suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int flags = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          flags |= 1 << i;
        }
      }
      suffix.append(SUFFIX_ALPHABET.charAt(flags));
    }
    return suffix.toString();
  }
}
