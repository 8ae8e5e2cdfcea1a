package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.internal.policy.PolicyEngine;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.Page;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * The canonical create/get/update/delete/list of one resource on one connection, planned from the connector's
 * {@link Resource}, checked against the layer's policy (when it has one) and run through the
 * {@link Pipeline}; or, for a dry run, planned and checked only ({@link #preview}). Thread-safe.
 */
public final class ResourceCalls<N, R> {
  private final Pipeline pipeline;
  private final ConnectionRuntime connection;
  private final Resource<N, R> resource;
  private final Canonical<N, R> kind;
  private final String noun;
  private final Function<R, String> idOf;
  /** The layer's policy, or null when it has none. */
  private final PolicyEngine policy;

  /** The audit context phase of a saga's compensations, which policy does not stop. */
  private static final String COMPENSATION_PHASE = "compensate";

  /** @param policy the layer's policy, or null when it has none */
  public ResourceCalls(Pipeline pipeline, ConnectionRuntime connection, Resource<N, R> resource,
      Canonical<N, R> kind, PolicyEngine policy) {
    this.pipeline = pipeline;
    this.connection = connection;
    this.resource = resource;
    this.kind = kind;
    this.noun = kind.noun();
    this.idOf = kind::idOf;
    this.policy = policy;
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
    PolicyEngine.Verdict v = admit(operation, arguments(input), principal, context);
    Pipeline.Outcome<R> outcome = pipeline.run(connection, operation,
        () -> planCreate(operation, input, idempotencyKey, dedupe), principal, context,
        v == null ? null : v.decision(), v == null ? null : v.refusal());
    return new Created<>(outcome.value(), outcome.deduplicated());
  }

  public R get(String id, String principal, Map<String, String> context) {
    String operation = noun + ".get";
    PolicyEngine.Verdict v = isSafeSegment(id) ? admit(operation, Map.of("id", id), principal, context) : null;
    return pipeline.run(connection, operation, () -> planGet(operation, id), principal, context,
        v == null ? null : v.decision(), v == null ? null : v.refusal()).value();
  }

  public void delete(String id, String principal, Map<String, String> context) {
    String operation = noun + ".delete";
    PolicyEngine.Verdict v = isSafeSegment(id) ? admit(operation, Map.of("id", id), principal, context) : null;
    pipeline.run(connection, operation, () -> planDelete(operation, id), principal, context,
        v == null ? null : v.decision(), v == null ? null : v.refusal());
  }

  /** Whether the connector can change this resource's records ({@link Updatable}). */
  public boolean canUpdate() {
    return resource instanceof Updatable<?, ?>;
  }

  /** Whether the connector can list this resource's records ({@link Listable}). */
  public boolean canList() {
    return resource instanceof Listable<?, ?>;
  }

  /**
   * Applies {@code changes} (the resource's changes type) to record {@code id} and returns the
   * record as it is after.
   */
  public R update(String id, Object changes, String principal, Map<String, String> context) {
    String operation = noun + ".update";
    requireUpdatable(operation, changes);
    PolicyEngine.Verdict v = isSafeSegment(id) ? admit(operation, updateArguments(id, changes), principal, context) : null;
    return pipeline.run(connection, operation, () -> planUpdate(operation, id, changes), principal, context,
        v == null ? null : v.decision(), v == null ? null : v.refusal()).value();
  }

  /** One page of the records matching {@code query} (the resource's query type). */
  public Page<R> list(Object query, String principal, Map<String, String> context) {
    String operation = noun + ".list";
    requireListable(operation, query);
    PolicyEngine.Verdict v = admit(operation, arguments(query), principal, context);
    return pipeline.run(connection, operation, () -> planList(operation, query), principal, context,
        v == null ? null : v.decision(), v == null ? null : v.refusal()).value();
  }

  private void requireUpdatable(String operation, Object changes) {
    if (changes == null) throw ActionException.invalidField("changes", "is required");
    if (!kind.changesType().isInstance(changes)) {
      throw new IllegalArgumentException(operation + " takes a " + kind.changesType().getSimpleName());
    }
    if (!canUpdate()) throw unsupported(operation, "cannot change " + noun);
  }

  private void requireListable(String operation, Object query) {
    if (query == null) throw ActionException.invalidField("query", "is required");
    if (!kind.queryType().isInstance(query)) {
      throw new IllegalArgumentException(operation + " takes a " + kind.queryType().getSimpleName());
    }
    if (!canList()) throw unsupported(operation, "cannot list " + noun);
  }

  private ActionException unsupported(String operation, String what) {
    return new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
        .connection(connection.name()).vendor(vendor()).operation(operation)
        .message("connection '" + connection.name() + "' (" + vendor() + ") " + what)
        .build());
  }

  private static Map<String, Object> updateArguments(String id, Object changes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.putAll(arguments(changes));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Operation<R> planUpdate(String operation, String id, Object changes) {
    VendorRequest.requireSafeSegment(id);
    Updatable<Object, R> updatable = (Updatable<Object, R>) resource;
    return Operation.update(operation, id, changes.toString(), idOf,
        ctx -> updatable.update(id, changes, ctx),
        (response, ctx) -> {
          R updated = updatable.readUpdated(response, id, changes, ctx);
          if (updated != null) return updated;
          // The answer carries no record (a 204): read it back within the same logical call.
          dev.actionlayer.spi.VendorResponse got = ctx.exchange(resource.get(id));
          if (!got.isSuccessful()) throw ctx.failure(got);
          return resource.read(got);
        });
  }

  @SuppressWarnings("unchecked")
  private Operation<Page<R>> planList(String operation, Object query) {
    Listable<Object, R> listable = (Listable<Object, R>) resource;
    return Operation.list(operation, query.toString(),
        ctx -> listable.list(query, ctx),
        (response, ctx) -> listable.readPage(response, query, ctx));
  }

  private Operation<R> planCreate(String operation, N input, String idempotencyKey, Object dedupe) {
    return Operation.create(operation,
        idempotencyKey, resource.createSafety(), input.toString(), dedupe, idOf,
        ctx -> resource.create(input, ctx),
        (response, ctx) -> resource.readCreated(response, input, ctx),
        (response, ctx) -> resource.recoverCreate(response, input, ctx),
        ctx -> resource.find(input, ctx),
        (response, ctx) -> resource.readFound(response, input, ctx));
  }

  private Operation<R> planGet(String operation, String id) {
    VendorRequest.requireSafeSegment(id);
    return Operation.read(operation, id, idOf, ctx -> resource.get(id), (response, ctx) -> resource.read(response));
  }

  private Operation<R> planDelete(String operation, String id) {
    VendorRequest.requireSafeSegment(id);
    return Operation.<R>delete(operation, id, idOf, ctx -> resource.delete(id, ctx), (response, ctx) -> {
      resource.readDeleted(response, id, ctx);
      return null;
    });
  }

  /**
   * The policy's verdict on a call about to be made (spending quota, asking the approver), or null
   * when there is no policy or the call is a saga's compensation: undoing what a saga did is
   * always allowed, or a denied delete would leave its records behind.
   */
  private PolicyEngine.Verdict admit(String operation, Map<String, Object> arguments, String principal,
      Map<String, String> context) {
    if (policy == null || COMPENSATION_PHASE.equals(context.get("phase"))) return null;
    return policy.check(new PolicyEngine.Ask(principal, operation, connection.name(), vendor(), arguments));
  }

  private static boolean isSafeSegment(String id) {
    try {
      VendorRequest.requireSafeSegment(id);
      return true;
    } catch (ActionException e) {
      return false; // the plan refuses it, audited, before the policy is asked
    }
  }

  /** The canonical fields of a create's input (an update's changes, a list's query), by name, as the vendor request is built from them. */
  static Map<String, Object> arguments(Object input) {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      for (RecordComponent c : input.getClass().getRecordComponents()) {
        Object value = c.getAccessor().invoke(input);
        if (value instanceof dev.actionlayer.TaskStatus status) value = status.wireName();
        if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())) out.put(c.getName(), value);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the fields of " + input.getClass().getSimpleName(), e);
    }
    return out;
  }

  /**
   * What a dry run shows: the policy's decision, and (when allowed) the request that would be
   * sent — method, path with query, body — redacted; or why it is denied; or a note when the
   * request cannot be known without I/O.
   *
   * @param denial the policy's refusal when denied, else null
   * @param request {@code method}, {@code path}, {@code body} (when there is one), else null
   * @param note why the request is not shown although allowed, else null
   */
  public record Preview(AuditEvent.Decision decision, ActionError denial, Map<String, Object> request,
      String note) {}

  /**
   * A dry run of a create: nothing is sent, no quota is spent, no approval is asked and nothing
   * enters the duplicate window.
   *
   * @param idempotencyKey the key the create would carry, or null for a fresh one
   */
  public Preview previewCreate(N input, String idempotencyKey, String principal) {
    String operation = noun + ".create";
    if (input == null) throw dev.actionlayer.ActionException.invalidField("input", "is required");
    String key = idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey;
    return preview(() -> planCreate(operation, input, key, key), operation, arguments(input), principal);
  }

  /** A dry run of a get. */
  public Preview previewGet(String id, String principal) {
    String operation = noun + ".get";
    return preview(() -> planGet(operation, id), operation, idArguments(id), principal);
  }

  /** A dry run of a delete. */
  public Preview previewDelete(String id, String principal) {
    String operation = noun + ".delete";
    return preview(() -> planDelete(operation, id), operation, idArguments(id), principal);
  }

  /** A dry run of an update. */
  public Preview previewUpdate(String id, Object changes, String principal) {
    String operation = noun + ".update";
    requireUpdatable(operation, changes);
    return preview(() -> planUpdate(operation, id, changes), operation,
        id == null ? arguments(changes) : updateArguments(id, changes), principal);
  }

  /** A dry run of a list. */
  public Preview previewList(Object query, String principal) {
    String operation = noun + ".list";
    requireListable(operation, query);
    return preview(() -> planList(operation, query), operation, arguments(query), principal);
  }

  private static Map<String, Object> idArguments(String id) {
    return id == null ? Map.of() : Map.of("id", id);
  }

  /** Thrown by a dry run's context when the connector asks to send an auxiliary request. */
  private static final class WouldExchange extends RuntimeException {
    final VendorRequest request;

    WouldExchange(VendorRequest request) {
      super(null, null, false, false);
      this.request = request;
    }
  }

  private Preview preview(Supplier<? extends Operation<?>> planner, String operation, Map<String, Object> arguments,
      String principal) {
    Operation<?> op = planner.get(); // validation first, as for a real call
    PolicyEngine.Verdict v = policy == null ? null
        : policy.preview(new PolicyEngine.Ask(principal, operation, connection.name(), vendor(), arguments));
    AuditEvent.Decision decision = v != null ? v.decision()
        : new AuditEvent.Decision(true, null, null, "none", null, null);
    if (v != null && !v.allowed()) return new Preview(decision, v.refusal(), null, null);
    CallContext ctx = new CallContext(op.key, op.name, r -> {
      throw new WouldExchange(r);
    });
    VendorRequest request;
    try {
      request = Operation.build(op.request, ctx, "request");
    } catch (ActionException e) {
      if (!(e.getCause() instanceof WouldExchange aux)) throw e;
      return new Preview(decision, null, null, "the connector must first send " + aux.request.method() + " "
          + path(aux.request) + " to build this request, and a dry run sends nothing; the request is not shown");
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("method", request.method());
    shown.put("path", path(request));
    byte[] body = request.body();
    if (body != null) {
      String text = connection.redactor.text(new String(body, StandardCharsets.UTF_8));
      Object json = request.contentType() != null && request.contentType().contains("json") ? Json.parseOrNull(text) : null;
      shown.put("body", json != null ? json : text);
    }
    return new Preview(decision, null, shown, null);
  }

  /** The request's path and query as they would be sent, credential-looking query values masked. */
  private String path(VendorRequest request) {
    HttpUrl.Builder url = connection.baseUrl.newBuilder();
    for (String segment : request.path()) url.addPathSegment(segment);
    for (Map.Entry<String, String> q : request.query()) {
      url.addQueryParameter(q.getKey(), Redactor.isSensitiveHeader(q.getKey()) ? Redactor.MASK : q.getValue());
    }
    HttpUrl built = url.build();
    String query = built.encodedQuery();
    return connection.redactor.text(built.encodedPath() + (query == null ? "" : "?" + query));
  }
}
