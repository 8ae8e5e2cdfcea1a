package dev.actionlayer.salesforce;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A canonical resource stored as one sObject type: what differs per type is only which fields a
 * create or an update writes, which conditions a list filters on, and how a record reads back;
 * the endpoint does the rest, the lookup by key included.
 *
 * @param <N> the create's input
 * @param <R> the record
 * @param <C> an update's changes
 * @param <Q> a list's query
 */
abstract class SObjectResource<N, R, C, Q> implements Resource<N, R>, Updatable<C, R>, Listable<Q, R> {
  final SObjectEndpoint endpoint;
  private final URI instance;
  private final String noun;

  SObjectResource(URI instance, SObjectEndpoint endpoint, String noun) {
    this.instance = instance;
    this.endpoint = endpoint;
    this.noun = noun;
  }

  /** The sObject fields a create of {@code input} writes. */
  abstract Map<String, Object> fields(N input);

  /** The record as created from {@code input}, when the answer carries only its id. */
  abstract R created(String id, N input);

  /**
   * Reads one record of this type from a JSON value: one of a query's {@code records}.
   *
   * @throws IOException when it is not such a record, or has no Id
   */
  abstract R record(Object json) throws IOException;

  /**
   * The sObject fields an update of {@code changes} writes, only those given; null clears.
   *
   * @throws ActionException {@code UNSUPPORTED} or {@code INVALID_REQUEST} naming the field the
   *     type cannot take
   */
  abstract Map<String, Object> changes(C changes);

  /** What a list selects: the fields a get reads, and what only a query can read (relationships). */
  abstract String select();

  /** The SOQL conditions of {@code query}'s filters, built from {@link SObjectEndpoint#soqlString} literals. */
  abstract List<String> conditions(Q query);

  abstract int pageSize(Q query);

  abstract String cursor(Q query);

  /** Where a person opens the record in Lightning Experience. */
  final String url(String id) {
    String base = instance.toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return base + "/lightning/r/" + endpoint.type() + "/" + id + "/view";
  }

  @Override
  public final VendorRequest create(N input, CallContext context) {
    return endpoint.create(fields(input), context);
  }

  @Override
  public final R readCreated(VendorResponse response, N input, CallContext context) throws IOException {
    String id = endpoint.createdId(response);
    // An upsert that updated an existing record (before v46.0: 204, no body) is read back by key.
    if (id == null) return read(endpoint.readBack(context));
    return created(id, input);
  }

  @Override
  public final VendorRequest get(String id) {
    return endpoint.get(id);
  }

  @Override
  public final VendorRequest delete(String id) {
    return endpoint.delete(id);
  }

  /** {@code PATCH .../sobjects/<type>/<id>}: only the fields given. */
  @Override
  public final VendorRequest update(String id, C changes, CallContext context) {
    return endpoint.update(id, changes(changes));
  }

  /** Salesforce answers an update with 204 and no body: the pipeline reads the record. */
  @Override
  public final R readUpdated(VendorResponse response, String id, C changes, CallContext context) {
    return null;
  }

  @Override
  public final VendorRequest list(Q query, CallContext context) {
    String cursor = cursor(query);
    if (cursor != null && !SalesforceIds.isRecordId(cursor)) {
      throw ActionException.invalidField("cursor", "is not a cursor this Salesforce connection returned");
    }
    return endpoint.list(select(), conditions(query), cursor, pageSize(query));
  }

  /**
   * The page's records; the next cursor is its last id when the query found more than a page
   * (the one extra record asked for), or when Salesforce split the answer ({@code done: false}).
   */
  @Override
  public final Page<R> readPage(VendorResponse response, Q query, CallContext context) throws IOException {
    SalesforceJson.QueryResult result = SalesforceJson.queryResult(response.bodyString());
    List<Object> records = result.records();
    int size = pageSize(query);
    boolean more = records.size() > size || Boolean.FALSE.equals(result.done());
    List<R> items = new ArrayList<>();
    String last = null;
    for (Object json : records.subList(0, Math.min(size, records.size()))) {
      items.add(record(json));
      last = SalesforceJson.fromValue(SalesforceJson.ID, json).id();
    }
    return new Page<>(items, more && last != null ? last : null);
  }

  @Override
  public final CreateSafety createSafety() {
    return endpoint.createSafety();
  }

  /**
   * True with an external-id field: creates are keyed upserts, and a saga undoing one whose
   * outcome is unknown looks it up instead of repeating it, so that an upsert that never arrived
   * is not made now only to be deleted.
   */
  @Override
  public final boolean canFind() {
    return endpoint.canFind();
  }

  @Override
  public final VendorRequest find(N input, CallContext context) {
    return endpoint.find(context);
  }

  /** The record the query found, or null when it matched none. */
  @Override
  public final R readFound(VendorResponse response, N input, CallContext context) throws IOException {
    Object first = SalesforceJson.firstRecord(response.bodyString());
    return first == null ? null : record(first);
  }

  /** A change this type cannot make. */
  static ActionException unsupported(String field, String why) {
    return new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
        .message(field + ": " + why).fieldError(field, why).build());
  }

  /** The extra fields a type writes by their own API names; any other name is unsupported. */
  static void putExtra(Map<String, Object> fields, Map<String, String> extra, List<String> writable) {
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (!writable.contains(e.getKey())) {
        throw unsupported("extra." + e.getKey(), "the Salesforce connector writes only " + writable + " as extras");
      }
      String value = e.getValue().isEmpty() ? null : e.getValue();
      if (value != null && e.getKey().endsWith("Id")) SalesforceIds.requireRecordId(value, "extra." + e.getKey());
      fields.put(e.getKey(), value);
    }
  }

  @Override
  public String toString() {
    return noun + "{" + endpoint + "}";
  }
}
