package dev.actionlayer.salesforce;

import dev.actionlayer.ActionException;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST resources of one sObject type ({@code services/data/<version>/sobjects/<type>}): insert
 * or upsert by external id, read, delete, reading the id of a created record, and the query that
 * finds an upserted record by its key. Immutable.
 */
final class SObjectEndpoint {
  private final String apiVersion;
  private final String type;
  private final String readFields;
  /** The external-id field creates upsert by, or null for plain inserts. */
  private final String externalIdField;

  SObjectEndpoint(String apiVersion, String type, String readFields, String externalIdField) {
    this.apiVersion = apiVersion;
    this.type = type;
    this.readFields = readFields;
    this.externalIdField = externalIdField;
  }

  /**
   * An upsert keyed by the idempotency key when an external-id field is configured, else an
   * insert. The key reaches the record through the URL: Salesforce refuses the external-id field
   * in an upsert's body.
   */
  VendorRequest create(Map<String, Object> fields, CallContext context) {
    String json = Json.write(fields);
    if (externalIdField == null) return base(VendorRequest.post()).json(json).build();
    return base(VendorRequest.patch()).segment(externalIdField)
        .segment(context.idempotencyKey()).json(json).build();
  }

  /** The sObject type, e.g. {@code "Contact"}. */
  String type() {
    return type;
  }

  CreateSafety createSafety() {
    return externalIdField == null ? CreateSafety.UNSAFE : CreateSafety.KEYED;
  }

  /** Whether a create can be looked up by its key: only an upsert stores the key on the record. */
  boolean canFind() {
    return externalIdField != null;
  }

  /**
   * The SOQL query for the record this call's upsert made: {@code SELECT <read fields> FROM
   * <type> WHERE <external-id field> = '<key>' LIMIT 1}. A query, not a GET by external id: it
   * answers "none" as 200 with {@code totalSize: 0}, where the GET's 404 would read as a failed
   * lookup, and a saga could then never conclude that nothing was created.
   *
   * @throws UnsupportedOperationException when this endpoint does not upsert
   */
  VendorRequest find(CallContext context) {
    if (externalIdField == null) {
      throw new UnsupportedOperationException(type + " creates are plain inserts: no external-id field to look them up by");
    }
    // The field is a validated API name and the type a literal: only the key needs quoting.
    String soql = "SELECT " + readFields + " FROM " + type + " WHERE " + externalIdField + " = "
        + soqlString(context.idempotencyKey()) + " LIMIT 1";
    return VendorRequest.get().path("services/data").segment(apiVersion).path("query").query("q", soql).build();
  }

  /**
   * A SOQL string literal: single-quoted, with the reserved backslash and quote escaped by a
   * backslash (backslashes first, or the quotes' escapes would be doubled).
   */
  static String soqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * A SOQL {@code LIKE} pattern matching {@code value} anywhere: a string literal whose own
   * wildcards {@code %} and {@code _} are escaped, so that the agent's text matches only itself.
   */
  static String soqlContains(String value) {
    String escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("%", "\\%").replace("_", "\\_");
    return "'%" + escaped + "%'";
  }

  /**
   * {@code PATCH .../sobjects/<type>/<id>} with only {@code fields} (a null value clears the
   * field); Salesforce answers 204.
   */
  VendorRequest update(String id, Map<String, Object> fields) {
    return base(VendorRequest.patch()).segment(SalesforceIds.requireRecordId(id, "id"))
        .json(SalesforceJson.WITH_NULLS.toJson(fields)).build();
  }

  /**
   * One page of a list as a SOQL query: {@code SELECT <select> FROM <type> WHERE <conditions>
   * [AND Id > '<after>'] ORDER BY Id LIMIT <pageSize + 1>}. Pages are keyed by id rather than by
   * Salesforce's {@code nextRecordsUrl}, whose batches hold at least 200 records: the one record
   * past the page says whether another follows, and the cursor is the page's last id. {@code
   * conditions} are SOQL built from validated names and {@link #soqlString} literals only.
   */
  VendorRequest list(String select, List<String> conditions, String after, int pageSize) {
    List<String> where = new ArrayList<>(conditions);
    if (after != null) where.add("Id > " + soqlString(after));
    String soql = "SELECT " + select + " FROM " + type + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY Id LIMIT " + (pageSize + 1);
    return VendorRequest.get().path("services/data").segment(apiVersion).path("query").query("q", soql).build();
  }

  VendorRequest get(String id) {
    return base(VendorRequest.get()).segment(SalesforceIds.requireRecordId(id, "id"))
        .query("fields", readFields).build();
  }

  VendorRequest delete(String id) {
    return base(VendorRequest.delete()).segment(SalesforceIds.requireRecordId(id, "id")).build();
  }

  /**
   * The id in a create's {@code {"id","success","errors"}} answer; null when an upsert updated
   * the record and said so with an empty 204 (older API versions), so the caller reads it back.
   *
   * @throws IOException when the body cannot be read or reports no success
   */
  String createdId(VendorResponse response) throws IOException {
    if (!response.hasBody() && externalIdField != null) return null;
    SalesforceJson.SaveResult result = SalesforceJson.SAVE_RESULT.fromJson(response.bodyString());
    if (result == null) throw new IOException("create response has no body");
    if (Boolean.FALSE.equals(result.success())) throw new IOException("create response says success=false");
    if (result.id() == null || result.id().isBlank()) {
      if (externalIdField != null) return null;
      throw new IOException("create response has no id");
    }
    return result.id();
  }

  /**
   * Reads the record this call's upsert created or updated, by its external id.
   *
   * @throws IOException when this endpoint does not upsert
   * @throws ActionException with Salesforce's mapped error when it does not answer with the record
   */
  VendorResponse readBack(CallContext context) throws IOException {
    if (externalIdField == null) throw new IOException("an insert cannot be read back by key");
    VendorRequest request = base(VendorRequest.get()).segment(externalIdField)
        .segment(context.idempotencyKey()).query("fields", readFields).build();
    VendorResponse response = context.exchange(request);
    if (!response.isSuccessful()) throw context.failure(response);
    return response;
  }

  private VendorRequest.Builder base(VendorRequest.Builder builder) {
    return builder.path("services/data").segment(apiVersion).path("sobjects").segment(type);
  }

  @Override
  public String toString() {
    return type + (externalIdField == null ? " insert" : " upsert by " + externalIdField);
  }
}
