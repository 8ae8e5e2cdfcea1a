package dev.actionlayer.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a connector may know and do during the logical call it translates. The idempotency key is
 * the same for every attempt of one logical call, so a vendor that deduplicates by key (Stripe's
 * {@code Idempotency-Key}, a Jira label, a Drive file id) sees one logical create.
 */
public final class CallContext {
  private static final Function<VendorRequest, VendorResponse> NO_EXCHANGE = r -> {
    throw new IllegalStateException("exchange() is available only inside the pipeline");
  };

  private final String idempotencyKey;
  private final String operation;
  private final Function<VendorRequest, VendorResponse> exchanger;

  /** A context without {@link #exchange}, for tests of request building. */
  public CallContext(String idempotencyKey, String operation) {
    this(idempotencyKey, operation, NO_EXCHANGE);
  }

  /** A context whose {@link #exchange} sends through {@code exchanger} (the pipeline's). */
  public CallContext(String idempotencyKey, String operation,
      Function<VendorRequest, VendorResponse> exchanger) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.exchanger = Objects.requireNonNull(exchanger, "exchanger == null");
  }

  /** Stable across retries of one logical call; letters, digits and dashes only. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The canonical operation, e.g. {@code "tasks.create"}. */
  public String operation() {
    return operation;
  }

  /**
   * Sends one auxiliary request that the operation needs (Drive's {@code files.generateIds}, a
   * read after {@code fileIdInUse}) through the connection's breaker, rate limit, credentials and
   * audit — never retried. Returns any response, 2xx or not; the connector decides what a non-2xx
   * means (typically {@code throw new ActionException(mapError(response))}).
   *
   * @throws dev.actionlayer.ActionException when no response arrived, or the breaker, cooldown or
   *     deadline forbids sending
   */
  public VendorResponse exchange(VendorRequest request) {
    return exchanger.apply(Objects.requireNonNull(request, "request == null"));
  }

  @Override
  public String toString() {
    return "CallContext{" + operation + ", key=" + idempotencyKey + "}";
  }
}
