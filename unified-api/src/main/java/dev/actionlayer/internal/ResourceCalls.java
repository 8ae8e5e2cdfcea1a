package dev.actionlayer.internal;

import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The canonical create/get/delete of one resource on one connection, planned from the connector's
 * {@link Resource} and run through the {@link Pipeline}. Thread-safe.
 */
public final class ResourceCalls<N, R> {
  private final Pipeline pipeline;
  private final ConnectionRuntime connection;
  private final Resource<N, R> resource;
  private final String noun;
  private final Function<R, String> idOf;

  public ResourceCalls(Pipeline pipeline, ConnectionRuntime connection, Resource<N, R> resource,
      String noun, Function<R, String> idOf) {
    this.pipeline = pipeline;
    this.connection = connection;
    this.resource = resource;
    this.noun = noun;
    this.idOf = idOf;
  }

  /**
   * Creates {@code input} under a fresh idempotency key; an identical input from the same
   * principal within the duplicate window is the same logical call.
   */
  public R create(N input, String principal, Map<String, String> context) {
    return create(input, UUID.randomUUID().toString(), input, principal, context).record();
  }

  /**
   * Creates {@code input} under the caller's {@code idempotencyKey}, the same for every repeat of
   * one logical create (a saga's step): only a repeat of that key is a duplicate, never another
   * create that happens to carry the same values.
   */
  public R create(N input, String idempotencyKey, String principal, Map<String, String> context) {
    return create(input, idempotencyKey, idempotencyKey, principal, context).record();
  }

  /**
   * A created record, and whether it came from the duplicate window: an identical earlier create
   * made it and nothing was sent for this one.
   */
  public record Created<R>(R record, boolean deduplicated) {}

  /**
   * Creates {@code input} like {@link #create(Object, String, Map)} (with {@code idempotencyKey}
   * when not null), telling also whether the result came from the duplicate window.
   */
  public Created<R> createNoting(N input, String idempotencyKey, String principal,
      Map<String, String> context) {
    return idempotencyKey == null
        ? create(input, UUID.randomUUID().toString(), input, principal, context)
        : create(input, idempotencyKey, idempotencyKey, principal, context);
  }

  /** How long an identical create is answered from the first one's result; zero when never. */
  public java.time.Duration duplicateWindow() {
    return connection.policy.duplicateWindow();
  }

  /**
   * Looks up the record an earlier create under {@code idempotencyKey} made, polling within the
   * reconcile window: the record, or null when the vendor answered and never showed it.
   *
   * @throws UnsupportedOperationException when the connector cannot look creates up ({@link #canFind})
   * @throws dev.actionlayer.ActionException when no lookup got an answer
   */
  public R find(N input, String idempotencyKey, String principal, Map<String, String> context) {
    if (!canFind()) throw new UnsupportedOperationException(noun + " on " + connection.name() + " cannot be found by key");
    String operation = noun + ".find";
    return pipeline.run(connection, operation, () -> Operation.find(operation, idempotencyKey,
        input.toString(), idOf, ctx -> resource.find(input, ctx),
        (response, ctx) -> resource.readFound(response, input, ctx)), principal, context).value();
  }

  /** Whether the connector can look a create up by its idempotency key ({@link Resource#canFind}). */
  public boolean canFind() {
    return resource.canFind();
  }

  /** The connection's vendor, e.g. {@code "jira"}. */
  public String vendor() {
    return connection.connector().vendor();
  }

  /** How safe a repeat of a create is on this connector. */
  public CreateSafety createSafety() {
    return resource.createSafety();
  }

  private Created<R> create(N input, String idempotencyKey, Object dedupe, String principal,
      Map<String, String> context) {
    String operation = noun + ".create";
    if (input == null) throw dev.actionlayer.ActionException.invalidField("input", "is required");
    Pipeline.Outcome<R> outcome = pipeline.run(connection, operation, () -> Operation.create(operation,
        idempotencyKey, resource.createSafety(), input.toString(), dedupe, idOf,
        ctx -> resource.create(input, ctx),
        (response, ctx) -> resource.readCreated(response, input, ctx),
        (response, ctx) -> resource.recoverCreate(response, input, ctx),
        ctx -> resource.find(input, ctx),
        (response, ctx) -> resource.readFound(response, input, ctx)), principal, context);
    return new Created<>(outcome.value(), outcome.deduplicated());
  }

  public R get(String id, String principal, Map<String, String> context) {
    String operation = noun + ".get";
    return pipeline.run(connection, operation, () -> {
      VendorRequest.requireSafeSegment(id);
      return Operation.read(operation, id, idOf, ctx -> resource.get(id), (response, ctx) -> resource.read(response));
    }, principal, context).value();
  }

  public void delete(String id, String principal, Map<String, String> context) {
    String operation = noun + ".delete";
    pipeline.run(connection, operation, () -> {
      VendorRequest.requireSafeSegment(id);
      return Operation.<R>delete(operation, id, idOf, ctx -> resource.delete(id, ctx));
    }, principal, context);
  }
}
