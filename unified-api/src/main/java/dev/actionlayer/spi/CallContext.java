package dev.actionlayer.spi;

import java.util.Objects;

/**
 * What a connector may know about the logical call it translates. The idempotency key is the same
 * for every attempt of one logical call, so a vendor that deduplicates by key (Stripe's
 * {@code Idempotency-Key}, a Jira label) sees one logical create.
 */
public final class CallContext {
  private final String idempotencyKey;
  private final String operation;

  public CallContext(String idempotencyKey, String operation) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
    this.operation = Objects.requireNonNull(operation, "operation == null");
  }

  /** Stable across retries of one logical call; letters, digits and dashes only. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The canonical operation, e.g. {@code "tasks.create"}. */
  public String operation() {
    return operation;
  }

  @Override
  public String toString() {
    return "CallContext{" + operation + ", key=" + idempotencyKey + "}";
  }
}
