package dev.actionlayer.internal;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;

/**
 * One canonical operation translated for one connector: the request, how to read its success, how
 * safe a repeat is, and (for findable creates) how to look the record up.
 */
final class Plan<R> {
  /** How safe a repeat of the operation is, by kind. */
  enum Kind {
    READ,
    DELETE,
    CREATE,
    /** A lookup of a create by its idempotency key; "not found" is an answer, not a failure. */
    FIND
  }

  /** Reads a canonical value from a 2xx response. */
  interface Reader<R> {
    R read(VendorResponse response) throws IOException;
  }

  final String operation;
  final Kind kind;
  final CallContext context;
  private final Supplier<VendorRequest> requestBuilder;
  private VendorRequest request;
  final Reader<R> reader;
  final CreateSafety safety;
  private final Supplier<VendorRequest> findBuilder;
  private VendorRequest find;
  final Reader<R> findReader;
  final Map<String, String> auditRequest;
  final Function<R, String> idOf;
  final Object dedupeInput;
  /** For creates: reads "already created" out of an error answer, or null. */
  final Reader<R> recoverer;
  /** The record a read or delete targets; null for creates. */
  final String targetId;

  /**
   * @param request builds the request on first use, inside the first attempt: building may need
   *     an auxiliary exchange (an id to pre-generate) that the retry loop should protect
   * @param find builds the reconciliation lookup on first use, or null
   */
  Plan(String operation, Kind kind, CallContext context, Supplier<VendorRequest> request, Reader<R> reader,
      CreateSafety safety, Supplier<VendorRequest> find, Reader<R> findReader, Map<String, String> auditRequest,
      Function<R, String> idOf, Object dedupeInput, String targetId, Reader<R> recoverer) {
    this.operation = operation;
    this.kind = kind;
    this.context = context;
    this.requestBuilder = request;
    this.reader = reader;
    this.safety = safety;
    this.findBuilder = find;
    this.findReader = findReader;
    this.auditRequest = auditRequest;
    this.idOf = idOf;
    this.dedupeInput = dedupeInput;
    this.targetId = targetId;
    this.recoverer = recoverer;
  }

  /**
   * The request, built once per logical call so that every attempt sends the same one (same key,
   * same pre-generated id). Only the calling thread of the logical call uses a plan.
   *
   * @throws ActionException from the connector ({@code INVALID_REQUEST} for bad input), or
   *     {@code INTERNAL} when the connector fails in another way
   */
  VendorRequest request() {
    if (request == null) request = build(requestBuilder, "request");
    return request;
  }

  /** The request if it was built, for the audit; null otherwise. */
  VendorRequest builtRequest() {
    return request;
  }

  /** The reconciliation lookup, built once. */
  VendorRequest find() {
    if (find == null) find = build(findBuilder, "lookup");
    return find;
  }

  private VendorRequest build(Supplier<VendorRequest> builder, String what) {
    try {
      return java.util.Objects.requireNonNull(builder.get(), what + " == null");
    } catch (ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL)
          .message("the connector failed to build the " + what + ": " + e.getClass().getSimpleName())
          .build(), e);
    }
  }
}
