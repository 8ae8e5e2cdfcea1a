package dev.actionlayer;

import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.internal.Accounts;
import dev.actionlayer.internal.ConnectionRuntime;
import dev.actionlayer.internal.shared.SharedStates;
import dev.actionlayer.internal.shared.SharedStore;
import dev.actionlayer.internal.Pipeline;
import dev.actionlayer.internal.Canonical;
import dev.actionlayer.internal.ResourceCalls;
import dev.actionlayer.internal.Views;
import dev.actionlayer.internal.saga.Journals;
import dev.actionlayer.internal.saga.SagaEngine;
import dev.actionlayer.internal.policy.PolicyEngine;
import dev.actionlayer.internal.tools.Catalog;
import dev.actionlayer.policy.Approver;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.saga.Compensation;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.RecoveryReport;
import dev.actionlayer.saga.Saga;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.internal.Telemetry;
import dev.actionlayer.internal.Transport;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * The entry point agents use: named connections to vendors, each reached through the canonical
 * {@link Tasks}, {@link Contacts} and {@link Folders} operations and protected by its own
 * resilience pipeline (retries, breaker, rate limit, bulkhead, deadline, audit). Build one per
 * application and share it; it is thread-safe. {@link #close()} releases its connections.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("jira", Jira.connector(URI.create("https://acme.atlassian.net"), Credentials.basic(email, token)))
 *     .auditSink(JsonLinesAuditSink.open(Path.of("audit.jsonl")))
 *     .build();
 * Task t = layer.tasks("jira").create(new NewTask("PROJ", "Fix login bug", "500s on /login"));
 * }</pre>
 */
public final class ActionLayer implements AutoCloseable {
  private final Map<String, ConnectionRuntime> connections;
  private final Pipeline pipeline;
  private final Transport transport;
  private final SagaEngine sagas;
  private final String principal;
  /** The policy applied to every call, or null when the layer has none. */
  private final PolicyEngine policy;
  private final SharedStore shared;
  private final Telemetry telemetry;

  private ActionLayer(Map<String, ConnectionRuntime> connections, Pipeline pipeline,
      Transport transport, SagaEngine sagas, String principal, PolicyEngine policy,
      SharedStore shared, Telemetry telemetry) {
    this.shared = shared;
    this.telemetry = telemetry;
    this.connections = connections;
    this.pipeline = pipeline;
    this.transport = transport;
    this.sagas = sagas;
    this.principal = principal;
    this.policy = policy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The tasks on connection {@code connection}.
   *
   * @throws ActionException {@code INVALID_REQUEST} for an unknown connection, {@code UNSUPPORTED}
   *     when its vendor has no tasks
   */
  public Tasks tasks(String connection) {
    return Views.tasks(ops(connection, Canonical.TASKS));
  }

  /**
   * The contacts on connection {@code connection}.
   *
   * @throws ActionException {@code INVALID_REQUEST} for an unknown connection, {@code UNSUPPORTED}
   *     when its vendor has no contacts
   */
  public Contacts contacts(String connection) {
    return Views.contacts(ops(connection, Canonical.CONTACTS));
  }

  /**
   * The folders on connection {@code connection}.
   *
   * @throws ActionException {@code INVALID_REQUEST} for an unknown connection, {@code UNSUPPORTED}
   *     when its vendor has no folders
   */
  public Folders folders(String connection) {
    return Views.folders(ops(connection, Canonical.FOLDERS));
  }

  /**
   * A new saga named {@code name} acting for this view's principal: add steps, then
   * {@link Saga#run()}. See {@link Saga}.
   *
   * @param name 1..64 letters, digits, {@code _ . -}
   */
  public Saga saga(String name) {
    return sagas.saga(name, principal);
  }

  /**
   * Finishes every unfinished saga in the journal that no live worker owns — left by a process
   * that stopped mid-saga — by compensating it, from the journal alone (registered compensations
   * are found by name). Run it at start-up, before taking new work, and with a shared journal
   * also on a schedule (every lease or so), so that the sagas of a worker that died are finished
   * by a survivor. Returns what it did; a saga it could not fully undo is in the report with its
   * residue (and in the audit log), never dropped.
   */
  public RecoveryReport recover() {
    return sagas.recover();
  }

  /**
   * This view's operations as tools for a language model: one per canonical operation that some
   * connection supports, each with a JSON Schema, a description for the model and hints. See
   * {@link ToolCatalog}. With a {@link Builder#policy policy}, only the operations this view's
   * principal may call are listed, and each tool's {@code connection} lists only the connections
   * it may use them on.
   */
  public ToolCatalog tools() {
    return new Catalog(this::calls, connections(), principal, policy, telemetry);
  }

  /**
   * A view of this layer acting for {@code principal} (an agent, a user): it shares every
   * connection and its state; the principal appears in audit events and scopes duplicate-call
   * suppression.
   */
  public ActionLayer forPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal == null");
    if (principal.isBlank()) throw new IllegalArgumentException("principal is blank");
    return new ActionLayer(connections, pipeline, transport, sagas, principal, policy, shared,
        telemetry);
  }

  /** The principal this view acts for. */
  public String principal() {
    return principal;
  }

  /** The names of the configured connections, in registration order. */
  public List<String> connections() {
    return List.copyOf(connections.keySet());
  }

  /** The circuit breaker state of a connection: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
  public String breakerState(String connection) {
    return runtime(connection).breakerState();
  }

  /**
   * Releases pooled HTTP connections and closes the saga journal and the shared state; views from
   * {@link #forPrincipal} share them.
   */
  @Override
  public void close() {
    try {
      sagas.close();
    } finally {
      try {
        transport.close();
      } finally {
        shared.close();
      }
    }
  }

  private <N, R> Views.Ops<N, R> ops(String connection, Canonical<N, R> kind) {
    return Views.direct(calls(connection, kind), principal, Map.of());
  }


  private <N, R> ResourceCalls<N, R> calls(String connection, Canonical<N, R> kind) {
    return calls(connections, pipeline, policy, connection, kind);
  }

  private static <N, R> ResourceCalls<N, R> calls(Map<String, ConnectionRuntime> connections,
      Pipeline pipeline, PolicyEngine policy, String connection, Canonical<N, R> kind) {
    String noun = kind.noun();
    ConnectionRuntime c = runtime(connections, connection);
    Resource<N, R> resource = kind.resourceOf(c.connector());
    if (resource == null) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED)
          .connection(connection).vendor(c.connector().vendor()).operation(noun)
          .message("connection '" + connection + "' (" + c.connector().vendor() + ") has no " + noun)
          .build());
    }
    return new ResourceCalls<>(pipeline, c, resource, kind, policy);
  }

  private ConnectionRuntime runtime(String connection) {
    return runtime(connections, connection);
  }

  private static ConnectionRuntime runtime(Map<String, ConnectionRuntime> connections, String connection) {
    ConnectionRuntime c = connections.get(connection);
    if (c == null) {
      throw new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST)
          .message("no connection named '" + connection + "'; configured: " + connections.keySet())
          .fieldError("connection", "unknown")
          .build());
    }
    return c;
  }

  /**
   * Configures an {@link ActionLayer}. Layer-wide settings ({@link #maxAttempts}, {@link #deadline},
   * {@link #defaults}) apply to every connection; a connection's own customizer is applied on top.
   * Each setter validates its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, UnaryOperator<ConnectionPolicy.Builder>> customizers = new LinkedHashMap<>();
    private ConnectionPolicy.Builder defaults = ConnectionPolicy.builder();
    private AuditSink auditSink = AuditSink.NONE;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private String principal = "default";
    private SagaJournal journal;
    private final Map<String, Compensation> compensations = new LinkedHashMap<>();
    private CompensationPolicy compensationPolicy = CompensationPolicy.DEFAULT;
    private Policy policy;
    private Approver approver;
    private SharedState sharedState;
    private io.opentelemetry.api.OpenTelemetry openTelemetry;
    private io.micrometer.core.instrument.MeterRegistry meterRegistry;
    private boolean recordToolArguments;

    private Builder() {}

    /** Adds a connection with the layer's default policy. */
    public Builder connection(String name, Connector connector) {
      return connection(name, connector, UnaryOperator.identity());
    }

    /**
     * Adds a connection whose policy is the layer's defaults changed by {@code policy}, e.g.
     * {@code p -> p.rateLimit(5, Duration.ofSeconds(1))}.
     */
    public Builder connection(String name, Connector connector,
        UnaryOperator<ConnectionPolicy.Builder> policy) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(connector, "connector == null");
      Objects.requireNonNull(policy, "policy == null");
      if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("name must be 1..64 letters, digits, '_' or '-': " + name);
      }
      if (connectors.containsKey(name)) throw new IllegalArgumentException("duplicate connection: " + name);
      Objects.requireNonNull(connector.vendor(), "connector.vendor() == null");
      Objects.requireNonNull(connector.baseUri(), "connector.baseUri() == null");
      Objects.requireNonNull(connector.credentials(), "connector.credentials() == null");
      connectors.put(name, connector);
      customizers.put(name, policy);
      return this;
    }

    /** Attempts per logical call, the first included; 1 turns retries off. Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      defaults.maxAttempts(maxAttempts);
      return this;
    }

    /** The whole logical call's budget, waits included. Default 30 s. */
    public Builder deadline(Duration deadline) {
      defaults.deadline(deadline);
      return this;
    }

    /** Replaces the layer-wide default policy (then {@link #maxAttempts}/{@link #deadline} adjust it). */
    public Builder defaults(ConnectionPolicy policy) {
      this.defaults = Objects.requireNonNull(policy, "policy == null").toBuilder();
      return this;
    }

    /** Receives one event per logical call. Default: none. */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "auditSink == null");
      return this;
    }

    /** The clock for deadlines, {@code Retry-After} dates and timestamps. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Waits for backoff, cooldown and rate limits. Default: {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** Who acts, for audit and duplicate suppression. Default {@code "default"}. */
    public Builder principal(String principal) {
      Objects.requireNonNull(principal, "principal == null");
      if (principal.isBlank()) throw new IllegalArgumentException("principal is blank");
      this.principal = principal;
      return this;
    }

    /**
     * Where sagas keep their books: {@link SagaJournal#file} (embedded, one process) or
     * {@link SagaJournal#jdbc} (shared). Default {@link SagaJournal#inMemory()}: sagas compensate,
     * but a crash loses their books, so {@link ActionLayer#recover()} has nothing to finish. The
     * layer closes it on {@link ActionLayer#close()}.
     */
    public Builder journal(SagaJournal journal) {
      this.journal = Objects.requireNonNull(journal, "journal == null");
      return this;
    }

    /**
     * Registers a custom compensation that saga steps name instead of the default delete. Register
     * the same names on every layer that may recover the sagas (after a restart, on another worker).
     *
     * @param name 1..64 letters, digits, {@code _ . -}
     */
    public Builder compensation(String name, Compensation compensation) {
      SagaEngine.requireName(name, "name");
      Objects.requireNonNull(compensation, "compensation == null");
      if (compensations.putIfAbsent(name, compensation) != null) {
        throw new IllegalArgumentException("duplicate compensation: " + name);
      }
      return this;
    }

    /** How patiently compensations retry. Default {@link CompensationPolicy#DEFAULT}. */
    public Builder compensationPolicy(CompensationPolicy policy) {
      this.compensationPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Who may do what: once set, every call through this layer and its views ({@link
     * ActionLayer#forPrincipal}, sagas' steps, {@link ActionLayer#tools()}) is checked against it
     * before any I/O, and what it does not allow for the view's principal is denied
     * ({@code PERMISSION_DENIED}, nothing sent, audited with the decision). Default: none — every
     * call is allowed. A saga's compensations are not checked: undoing what the saga did is always
     * allowed. See {@link Policy}.
     */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Where vendor accounts' rate limits and pauses live: {@link SharedState#local()} (the
     * default: this process) or {@link SharedState#jdbc} (every process on one database). The
     * layer closes it on {@link ActionLayer#close()}.
     */
    public Builder sharedState(SharedState sharedState) {
      this.sharedState = Objects.requireNonNull(sharedState, "sharedState == null");
      return this;
    }

    /**
     * Decides the calls that a policy rule marks {@code "approval": "required"}. Required when the
     * policy has such a rule. See {@link Approver}.
     */
    public Builder approver(Approver approver) {
      this.approver = Objects.requireNonNull(approver, "approver == null");
      return this;
    }

    /**
     * Where the layer's spans go: one span per logical call (for a tool call, the GenAI
     * {@code execute_tool} span), a client span per request, saga spans, and events for a breaker
     * opening, a cooldown and a spent retry budget. Default: the global OpenTelemetry when one is
     * installed when {@link #build()} runs (by the application or the OpenTelemetry Java agent),
     * else none. With the no-op OpenTelemetry nothing is recorded and calls take a path that costs
     * nothing. No trace header is ever sent to a vendor. Names and attributes:
     * {@code docs/observability.md}.
     */
    public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry == null");
      return this;
    }

    /**
     * Where the layer's metrics go ({@code actionlayer.calls}, {@code actionlayer.attempts},
     * {@code actionlayer.retry.calls}, breaker, cooldown, saga and policy meters; see
     * {@code docs/observability.md}). Tags are bounded: connection and operation names, error
     * codes and fixed words — never ids, agent-supplied values or credentials. Default: none.
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry == null");
      return this;
    }

    /**
     * Whether a tool call's span carries its arguments and result ({@code gen_ai.tool.call.arguments},
     * {@code gen_ai.tool.call.result}), redacted as audit events are (every connection's
     * credentials, secret-looking fields). Default {@code false}: they never appear on a span,
     * and neither does a request's URL (it holds ids and search values).
     */
    public Builder recordToolArguments(boolean record) {
      this.recordToolArguments = record;
      return this;
    }

    /**
     * @throws IllegalStateException when no connection was added, or the policy requires approval
     *     and no {@link #approver} was set
     * @throws IllegalArgumentException when the policy names a connection the layer does not have
     *     (the message names its location in the policy)
     * @throws IllegalArgumentException when connections acting as one vendor account
     *     ({@link ConnectionPolicy#account()}) have different rate limits
     */
    public ActionLayer build() {
      if (connectors.isEmpty()) throw new IllegalStateException("no connection configured");
      if (policy != null) PolicyEngine.requireFits(policy, connectors.keySet(), approver != null);
      ConnectionPolicy base = defaults.build();
      Transport transport = new Transport(clock);
      Map<String, ConnectionRuntime> runtimes = new LinkedHashMap<>();
      SharedStore shared = SharedStates.store(sharedState != null ? sharedState : SharedState.local());
      Accounts accounts = new Accounts(shared, clock);
      // getOrNoop, not get: get() would fix the no-op as the global for good, and an application
      // that installs its SDK after building the layer would fail to.
      Telemetry telemetry = Telemetry.of(
          openTelemetry != null ? openTelemetry : io.opentelemetry.api.GlobalOpenTelemetry.getOrNoop(),
          meterRegistry, recordToolArguments, runtimes);
      for (Map.Entry<String, Connector> e : connectors.entrySet()) {
        ConnectionPolicy policy = customizers.get(e.getKey()).apply(base.toBuilder()).build();
        runtimes.put(e.getKey(), new ConnectionRuntime(e.getKey(), e.getValue(), policy,
            e.getValue().credentials().authorizer(transport, clock), accounts, telemetry));
      }
      DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
      Pipeline pipeline = new Pipeline(clock, sleeper, transport, auditSink, random, telemetry);
      Map<String, ConnectionRuntime> connections = Collections.unmodifiableMap(runtimes);
      PolicyEngine engine = policy == null ? null : new PolicyEngine(policy, approver, shared, clock, telemetry);
      // Sagas reach the connections the way the layer does, not through the layer.
      Canonical.Lookup lookup = new Canonical.Lookup() {
        @Override
        public <N, R> ResourceCalls<N, R> calls(String connection, Canonical<N, R> kind) {
          return ActionLayer.calls(connections, pipeline, engine, connection, kind);
        }
      };
      SagaEngine sagas = new SagaEngine(lookup,
          Journals.store(journal != null ? journal : SagaJournal.inMemory()), compensations,
          compensationPolicy, clock, sleeper, auditSink, random, telemetry);
      return new ActionLayer(connections, pipeline, transport, sagas, principal, engine, shared,
          telemetry);
    }
  }
}
