package dev.actionlayer.salesforce;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;

/**
 * A canonical resource stored as one sObject type: what differs per type is only which fields a
 * create writes and how a record reads back; the endpoint does the rest, the lookup by key
 * included.
 */
abstract class SObjectResource<N, R> implements Resource<N, R> {
  final SObjectEndpoint endpoint;
  private final String noun;

  SObjectResource(SObjectEndpoint endpoint, String noun) {
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

  @Override
  public String toString() {
    return noun + "{" + endpoint + "}";
  }
}
