package dev.actionlayer.spi;

import java.io.IOException;

/**
 * One canonical resource (tasks, contacts or folders) on one vendor: how to build each request and
 * read each successful response. Reading methods are called only for 2xx responses; they throw
 * {@link IOException} (or Moshi's {@code JsonDataException}) when the body cannot be read, and the
 * pipeline turns that into a precise error. Implementations must be thread-safe.
 *
 * @param <N> the canonical input of {@code create}
 * @param <R> the canonical record
 */
public interface Resource<N, R> {
  /** The request that creates {@code input}; may use {@link CallContext#idempotencyKey()}. */
  VendorRequest create(N input, CallContext context);

  /** Reads the record from a successful create response. */
  R readCreated(VendorResponse response, N input, CallContext context) throws IOException;

  /** The request that reads record {@code id}; put {@code id} in a path segment, never the path. */
  VendorRequest get(String id);

  /** Reads the record from a successful get response. */
  R read(VendorResponse response) throws IOException;

  /** The request that deletes record {@code id}. */
  VendorRequest delete(String id);

  /**
   * The request that deletes record {@code id}, for connectors that must look first (Drive checks
   * that the id is a folder before a permanent delete) with {@link CallContext#exchange}. The
   * pipeline calls this one; the default delegates to {@link #delete(String)}.
   */
  default VendorRequest delete(String id, CallContext context) {
    return delete(id);
  }

  /**
   * Checks a successful (2xx) answer to {@link #delete}: a vendor that reports failures inside a
   * 2xx body (a GraphQL API's {@code errors} array, a mutation's {@code success: false}) throws
   * {@code ActionException} with what the body means ({@code NOT_FOUND}, {@code PERMISSION_DENIED},
   * {@code RATE_LIMITED}…), or {@link IOException} when the body cannot be read. The default reads
   * nothing: for a REST vendor a 2xx is the delete's success.
   */
  default void readDeleted(VendorResponse response, String id, CallContext context) throws IOException {}

  /**
   * Called for a non-2xx answer to a create, before the error is mapped: returns the record when
   * the answer means "already created" (Drive's {@code 409 fileIdInUse} for a pre-generated id),
   * reading it with {@link CallContext#exchange} if needed; null otherwise (the default).
   */
  default R recoverCreate(VendorResponse response, N input, CallContext context) throws IOException {
    return null;
  }

  /** How safe it is to repeat a create whose outcome is unknown. */
  CreateSafety createSafety();

  /**
   * Whether {@link #find} can look up the record a create made under an idempotency key. True for
   * {@link CreateSafety#FINDABLE} creates; a {@link CreateSafety#KEYED} resource that can also be
   * searched by key (Drive's {@code appProperties}) overrides this, so that a saga recovering
   * after a crash learns whether a create happened without repeating it.
   */
  default boolean canFind() {
    return createSafety() == CreateSafety.FINDABLE;
  }

  /**
   * When {@link #canFind()}: the request that looks for the record created by the logical call
   * with this context's idempotency key. The pipeline polls it (lookups may be eventually
   * consistent), after an ambiguous create and when a saga is compensated.
   *
   * @throws UnsupportedOperationException when {@link #canFind()} is false
   */
  default VendorRequest find(N input, CallContext context) {
    throw new UnsupportedOperationException(getClass().getName() + " does not reconcile creates");
  }

  /** Reads the result of {@link #find}: the record, or null when not (yet) visible. */
  default R readFound(VendorResponse response, N input, CallContext context) throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " does not reconcile creates");
  }
}
