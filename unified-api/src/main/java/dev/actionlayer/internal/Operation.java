package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One canonical operation as a connector translates it — what a {@link Call} runs: its kind, the
 * request, how to read a success, how safe a repeat of a create is, and (for a findable create or
 * a lookup) how to look the record up by its key. Built by the named factories; immutable.
 */
final class Operation<R> {
  /** What the operation does, which decides how safe a repeat is. */
  enum Kind {
    READ,
    DELETE,
    CREATE,
    /** A partial change of an existing record: idempotent, so retried like a read. */
    UPDATE,
    /** One page of records: read-only. */
    LIST,
    /** A lookup of a create by its idempotency key; "not found" is an answer, not a failure. */
    FIND
  }

  /** Builds a vendor request; may send an auxiliary request through the context. */
  interface Request {
    VendorRequest build(CallContext context);
  }

  /** Reads a canonical value from a response. */
  interface Reader<R> {
    R read(VendorResponse response, CallContext context) throws IOException;
  }

  final String name;
  final Kind kind;
  /** The create's idempotency key; {@code "-"} for the other kinds. */
  final String key;
  final CreateSafety safety;
  final Request request;
  final Reader<R> reader;
  /** The lookup by key, for a findable create and a FIND; else null. */
  final Request find;
  final Reader<R> findReader;
  /** For a create: reads "already created" out of an error answer, or null. */
  final Reader<R> recoverer;
  final Map<String, String> auditInput;
  final Function<R, String> idOf;
  /** What makes two creates the same call within the duplicate window; null for other kinds. */
  final Object dedupeInput;
  /** The record a read or delete targets; null for creates. */
  final String targetId;

  private Operation(String name, Kind kind, String key, CreateSafety safety, Request request,
      Reader<R> reader, Request find, Reader<R> findReader, Reader<R> recoverer,
      Map<String, String> auditInput, Function<R, String> idOf, Object dedupeInput, String targetId) {
    this.name = name;
    this.kind = kind;
    this.key = key;
    this.safety = Objects.requireNonNull(safety, "createSafety() == null");
    this.request = request;
    this.reader = reader;
    this.find = find;
    this.findReader = findReader;
    this.recoverer = recoverer;
    this.auditInput = auditInput;
    this.idOf = idOf;
    this.dedupeInput = dedupeInput;
    this.targetId = targetId;
  }

  /** A create under {@code key}; a findable one can be looked up with {@code find}. */
  static <R> Operation<R> create(String name, String key, CreateSafety safety, String input,
      Object dedupeInput, Function<R, String> idOf, Request request, Reader<R> reader,
      Reader<R> recoverer, Request find, Reader<R> findReader) {
    boolean findable = safety == CreateSafety.FINDABLE;
    return new Operation<>(name, Kind.CREATE, key, safety, request, reader,
        findable ? find : null, findable ? findReader : null, recoverer,
        Map.of("input", input), idOf, dedupeInput, null);
  }

  /** A read of the record {@code id}. */
  static <R> Operation<R> read(String name, String id, Function<R, String> idOf, Request request,
      Reader<R> reader) {
    return new Operation<>(name, Kind.READ, "-", CreateSafety.KEYED, request, reader, null, null,
        null, Map.of("id", id), idOf, null, id);
  }

  /**
   * A delete of the record {@code id}; its success carries no record, and {@code check} may still
   * find a failure in a 2xx body (a GraphQL vendor's errors) and throw it.
   */
  static <R> Operation<R> delete(String name, String id, Function<R, String> idOf, Request request,
      Reader<Void> check) {
    return new Operation<>(name, Kind.DELETE, "-", CreateSafety.KEYED, request, (response, ctx) -> {
      check.read(response, ctx);
      return null;
    }, null, null, null, Map.of("id", id), idOf, null, id);
  }

  /** A partial change of the record {@code id}; {@code input} is what the audit shows of the changes. */
  static <R> Operation<R> update(String name, String id, String input, Function<R, String> idOf,
      Request request, Reader<R> reader) {
    return new Operation<>(name, Kind.UPDATE, "-", CreateSafety.KEYED, request, reader, null, null,
        null, Map.of("id", id, "input", input), idOf, null, id);
  }

  /** One page of records matching {@code query} (what the audit shows of it). */
  static <R> Operation<R> list(String name, String query, Request request, Reader<R> reader) {
    return new Operation<>(name, Kind.LIST, "-", CreateSafety.KEYED, request, reader, null, null,
        null, Map.of("input", query), r -> null, null, null);
  }

  /** A lookup of what a create under {@code key} made: the record, or null when absent. */
  static <R> Operation<R> find(String name, String key, String input, Function<R, String> idOf,
      Request find, Reader<R> findReader) {
    return new Operation<>(name, Kind.FIND, key, CreateSafety.KEYED, find, findReader, find, findReader,
        null, Map.of("input", input), idOf, null, null);
  }

  /**
   * Builds {@code what} through {@code builder}: a connector that fails other than with an
   * {@link ActionException} is a defect, reported as {@code INTERNAL}.
   */
  static VendorRequest build(Request builder, CallContext context, String what) {
    try {
      return Objects.requireNonNull(builder.build(context), what + " == null");
    } catch (ActionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL)
          .message("the connector failed to build the " + what + ": " + e.getClass().getSimpleName())
          .build(), e);
    }
  }
}
