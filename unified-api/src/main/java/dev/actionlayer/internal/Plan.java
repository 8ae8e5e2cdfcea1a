package dev.actionlayer.internal;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * One canonical operation translated for one connector: the request, how to read its success, how
 * safe a repeat is, and (for findable creates) how to look the record up.
 */
final class Plan<R> {
  /** How safe a repeat of the operation is, by kind. */
  enum Kind {
    READ,
    DELETE,
    CREATE
  }

  /** Reads a canonical value from a 2xx response. */
  interface Reader<R> {
    R read(VendorResponse response) throws IOException;
  }

  final String operation;
  final Kind kind;
  final CallContext context;
  final VendorRequest request;
  final Reader<R> reader;
  final CreateSafety safety;
  final VendorRequest find;
  final Reader<R> findReader;
  final Map<String, String> auditRequest;
  final Function<R, String> idOf;
  final Object dedupeInput;
  /** For creates: reads "already created" out of an error answer, or null. */
  final Reader<R> recoverer;
  /** The record a read or delete targets; null for creates. */
  final String targetId;

  Plan(String operation, Kind kind, CallContext context, VendorRequest request, Reader<R> reader,
      CreateSafety safety, VendorRequest find, Reader<R> findReader, Map<String, String> auditRequest,
      Function<R, String> idOf, Object dedupeInput, String targetId, Reader<R> recoverer) {
    this.operation = operation;
    this.kind = kind;
    this.context = context;
    this.request = request;
    this.reader = reader;
    this.safety = safety;
    this.find = find;
    this.findReader = findReader;
    this.auditRequest = auditRequest;
    this.idOf = idOf;
    this.dedupeInput = dedupeInput;
    this.targetId = targetId;
    this.recoverer = recoverer;
  }
}
