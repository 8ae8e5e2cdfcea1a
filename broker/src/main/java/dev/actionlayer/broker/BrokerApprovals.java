package dev.actionlayer.broker;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.policy.ApprovalRequest;
import dev.actionlayer.policy.Approver;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's {@link Approver}: give it to the layer ({@code ActionLayer.Builder#approver}) and
 * to the broker ({@link Broker.Builder#approvals}). For a call that a policy rule marks
 * {@code "approval": "required"}:
 *
 * <ul>
 *   <li>when the MCP client that sent the call declared the <em>elicitation</em> capability, the
 *       person at that client is asked, through it, with the operation, the connection and the
 *       arguments, and a yes/no {@code approve} field: accepted with {@code approve = true}
 *       proceeds (recorded as decided by {@code elicitation:<principal>}); declined, cancelled,
 *       {@code approve = false} or no answer within the broker's
 *       {@linkplain Broker.Builder#approvalTimeout approval timeout} is denied
 *       ({@code PERMISSION_DENIED});
 *   <li>otherwise the {@link ApprovalStore} records a pending approval bound to the principal,
 *       the operation, the connection and the digest of the exact arguments; the call fails with
 *       {@code APPROVAL_REQUIRED} and the approval's id (a repeat while pending gets the same id);
 *       an approver decides through {@code /approvals} ({@code actionlayer approvals approve ID});
 *       the agent's repeat of the very same call then consumes the decision — once.
 * </ul>
 *
 * Every decision is written to the {@linkplain Builder#auditSink audit sink} (operation
 * {@code approval.approve} or {@code approval.deny}; who decided as the principal; the approval id,
 * the agent and when in the context). Thread-safe.
 *
 * <pre>{@code
 * BrokerApprovals approvals = BrokerApprovals.builder().store(ApprovalStore.jdbc(dataSource)).auditSink(sink).build();
 * ActionLayer layer = ActionLayer.builder()....policy(policy).approver(approvals).auditSink(sink).build();
 * Broker broker = Broker.builder(layer).principals(file).approvals(approvals).build().start();
 * }</pre>
 */
public final class BrokerApprovals implements Approver {
  private static final Logger log = LoggerFactory.getLogger(BrokerApprovals.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApprovalStore store;
  private final Duration ttl;
  private final Clock clock;
  private final AuditSink audit;

  private BrokerApprovals(Builder b) {
    this.store = b.store;
    this.ttl = b.ttl;
    this.clock = b.clock;
    this.audit = b.audit;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The store approvals are kept in. */
  public ApprovalStore store() {
    return store;
  }

  @Override
  public ApprovalDecision decide(ApprovalRequest request) {
    Optional<CurrentCall.Call> call = CurrentCall.get().filter(c -> c.principal().name().equals(request.principal()));
    if (call.isPresent() && canElicit(call.get().exchange())) return elicit(call.get(), request);
    Approval.Key key = new Approval.Key(request.principal(), request.operation(), request.connection(),
        request.argumentsDigest());
    ApprovalStore.Resolution r = store.resolve(key, request.summary(), clock.instant(), ttl);
    Approval a = r.approval();
    return switch (r.decision()) {
      case APPROVED -> ApprovalDecision.approved(a.decidedBy());
      case DENIED -> ApprovalDecision.denied(a.decidedBy(), a.reason() == null ? "" : a.reason());
      default -> ApprovalDecision.pending(a.id());
    };
  }

  /**
   * Whether the client can answer a form: it declared elicitation, with form mode or without
   * saying which (an empty {@code elicitation} object means form, as before modes existed). A
   * client that offers only URL mode gets the store's way instead.
   */
  private static boolean canElicit(McpSyncServerExchange exchange) {
    McpSchema.ClientCapabilities caps = exchange.getClientCapabilities();
    if (caps == null || caps.elicitation() == null) return false;
    McpSchema.ClientCapabilities.Elicitation e = caps.elicitation();
    return e.form() != null || e.url() == null;
  }

  /** Asks the person at the calling client; anything but an explicit yes is a denial. */
  private ApprovalDecision elicit(CurrentCall.Call call, ApprovalRequest request) {
    String by = "elicitation:" + call.principal().name();
    Map<String, Object> approve = new LinkedHashMap<>();
    approve.put("type", "boolean");
    approve.put("title", "Approve");
    approve.put("description", "Yes to let " + request.principal() + " run " + request.operation() + " on "
        + request.connection() + " with exactly these arguments");
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("approve", approve));
    schema.put("required", List.of("approve"));
    McpSchema.ElicitFormRequest ask = McpSchema.ElicitRequest.builder()
        .message(message(request))
        .requestedSchema(schema)
        .build();
    boolean yes;
    String reason;
    try {
      McpSchema.ElicitResult answer = call.exchange().createElicitation(ask);
      yes = answer.action() == McpSchema.ElicitResult.Action.ACCEPT && answer.content() != null
          && Boolean.TRUE.equals(answer.content().get("approve"));
      reason = yes ? null : answer.action() == McpSchema.ElicitResult.Action.ACCEPT
          ? "the user answered no" : "the user " + answer.action().name().toLowerCase(Locale.ROOT) + "d the request";
    } catch (RuntimeException e) {
      // A timeout, a client gone, an error answer: nobody said yes.
      log.info("approval through elicitation got no answer for {}: {}", request.operation(), e.toString());
      yes = false;
      reason = "no answer from the user in time";
    }
    Instant now = clock.instant();
    Approval decided = new Approval(newId(), request.principal(), request.operation(), request.connection(),
        request.argumentsDigest(), request.summary(), yes ? Approval.Status.APPROVED : Approval.Status.DENIED,
        now, now, by, now, reason);
    audit(decided);
    return yes ? ApprovalDecision.approved(by) : ApprovalDecision.denied(by, reason);
  }

  /** What the person is shown: the operation, the connection, each argument on its own line. */
  static String message(ApprovalRequest request) {
    StringBuilder m = new StringBuilder("Approve this action?\n")
        .append(request.principal()).append(" wants to run ").append(request.operation())
        .append(" on connection ").append(request.connection()).append(" (").append(request.vendor()).append(")");
    if (!request.arguments().isEmpty()) m.append(" with:");
    request.arguments().forEach((k, v) -> m.append("\n  ").append(k).append(" = ").append(oneLine(String.valueOf(v))));
    return m.append("\n(rule ").append(request.rule()).append(')').toString();
  }

  private static String oneLine(String value) {
    String flat = value.replaceAll("\\p{Cntrl}", " ");
    return flat.length() <= 500 ? flat : flat.substring(0, 500) + "…";
  }

  List<Approval> pending() {
    return store.pending(clock.instant());
  }

  /** Decides approval {@code id} and audits it; null when there is no such pending approval. */
  Approval decide(String id, boolean approve, String by, String reason) {
    Approval decided = store.decide(id, approve, by, reason, clock.instant(), ttl);
    if (decided != null) audit(decided);
    return decided;
  }

  private void audit(Approval decided) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("approvalId", decided.id());
    context.put("agent", decided.principal());
    context.put("decision", decided.status().name().toLowerCase(Locale.ROOT));
    context.put("decidedBy", decided.decidedBy());
    context.put("decidedAt", String.valueOf(decided.decidedAt()));
    if (decided.reason() != null) context.put("reason", decided.reason());
    Map<String, String> request = new LinkedHashMap<>();
    request.put("operation", decided.operation());
    request.put("argumentsDigest", decided.argumentsDigest());
    request.put("summary", decided.summary());
    Instant at = decided.decidedAt() == null ? clock.instant() : decided.decidedAt();
    AuditEvent event = new AuditEvent(randomHex(16), at, decided.decidedBy(), decided.connection(), null,
        decided.status() == Approval.Status.APPROVED ? "approval.approve" : "approval.deny", request, null,
        List.of(), null, AuditEvent.Outcome.SUCCESS, decided.id(), null, null, false, false, null, 0, null,
        context);
    try {
      audit.accept(event);
    } catch (RuntimeException e) {
      log.warn("the audit sink failed on an approval decision", e);
    }
  }

  /** A new approval id: {@code apr_} and 20 hex digits (80 random bits), short enough to type. */
  static String newId() {
    return "apr_" + randomHex(10);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Configures {@link BrokerApprovals}; each setter checks its argument at once. Not thread-safe. */
  public static final class Builder {
    private ApprovalStore store = null;
    private Duration ttl = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private AuditSink audit = AuditSink.NONE;

    private Builder() {}

    /** Where approvals are kept; default {@link ApprovalStore#inMemory()}. */
    public Builder store(ApprovalStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /**
     * How long an approval lives: a pending one from when it was asked, a decided one from when
     * it was decided; default 1 hour.
     */
    public Builder ttl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive: " + ttl);
      this.ttl = ttl;
      return this;
    }

    /** The clock approvals are timed by; default the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Where decisions are audited: pass the layer's sink, so they sit beside the calls. Default none. */
    public Builder auditSink(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink == null");
      return this;
    }

    public BrokerApprovals build() {
      if (store == null) store = ApprovalStore.inMemory();
      return new BrokerApprovals(this);
    }
  }
}
