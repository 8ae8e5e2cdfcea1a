package dev.actionlayer.spi;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
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
  private static final Function<VendorResponse, ActionError> NO_MAPPER = r -> {
    throw new IllegalStateException("failure() is available only inside the pipeline");
  };

  private final String idempotencyKey;
  private final String operation;
  private final Function<VendorRequest, VendorResponse> exchanger;
  private final Function<VendorResponse, ActionError> mapper;

  /** A context without {@link #exchange}, for tests of request building. */
  public CallContext(String idempotencyKey, String operation) {
    this(idempotencyKey, operation, NO_EXCHANGE);
  }

  /** A context whose {@link #exchange} sends through {@code exchanger}, without {@link #failure}. */
  public CallContext(String idempotencyKey, String operation,
      Function<VendorRequest, VendorResponse> exchanger) {
    this(idempotencyKey, operation, exchanger, NO_MAPPER);
  }

  /**
   * A context whose {@link #exchange} sends through {@code exchanger} and whose {@link #failure}
   * maps through {@code mapper} (both the pipeline's).
   */
  public CallContext(String idempotencyKey, String operation,
      Function<VendorRequest, VendorResponse> exchanger, Function<VendorResponse, ActionError> mapper) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.exchanger = Objects.requireNonNull(exchanger, "exchanger == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
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
   * means (typically {@code throw context.failure(response)}).
   *
   * @throws dev.actionlayer.ActionException when no response arrived, or the breaker, cooldown or
   *     deadline forbids sending
   */
  public VendorResponse exchange(VendorRequest request) {
    return exchanger.apply(Objects.requireNonNull(request, "request == null"));
  }

  /**
   * The failure a non-2xx answer to an {@link #exchange} means, to throw: the connector's own
   * {@link Connector#mapError}, run by the pipeline exactly as for the operation's answers (a
   * mapper that throws is answered by the status's meaning; what the vendor said is bounded).
   *
   * @throws IllegalStateException outside the pipeline (a context made without a mapper)
   */
  public ActionException failure(VendorResponse response) {
    return new ActionException(mapper.apply(Objects.requireNonNull(response, "response == null")));
  }

  @Override
  public String toString() {
    return "CallContext{" + operation + ", key=" + idempotencyKey + "}";
  }
}
