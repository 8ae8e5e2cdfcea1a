package dev.actionlayer.internal.policy;

import dev.actionlayer.internal.shared.Buckets;
import java.time.Clock;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.policy.ApprovalDecision;
import dev.actionlayer.policy.ApprovalRequest;
import dev.actionlayer.internal.Telemetry;
import dev.actionlayer.policy.Approver;
import dev.actionlayer.policy.Policy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Policy} applied to calls, before any I/O: the allow rules and their {@code where}
 * constraints, then the quotas (Bucket4j buckets from {@link Buckets}), then the approval. {@link
 * #check} is the real thing (it spends quota and asks the {@link Approver}); {@link #preview} is a
 * dry run's (it spends and asks nothing). Thread-safe.
 */
public final class PolicyEngine {
  private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

  private final Policy policy;
  private final Approver approver;
  private final Buckets buckets;
  private final Clock clock;
  private final Telemetry telemetry;

  /**
   * @param approver null when the policy requires no approval
   * @param buckets the layer's shared state, so that quotas count across instances when it is shared
   * @param telemetry counts denials and approval decisions
   */
  public PolicyEngine(Policy policy, Approver approver, Buckets buckets, Clock clock, Telemetry telemetry) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.approver = approver;
    this.buckets = Objects.requireNonNull(buckets, "buckets == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** One call the policy is asked about; {@code arguments} are its canonical fields. */
  public record Ask(String principal, String operation, String connection, String vendor,
      Map<String, Object> arguments) {}

  /** The decision (for the audit event) and, when denied, the error to fail the call with. */
  public record Verdict(AuditEvent.Decision decision, ActionError refusal) {
    public boolean allowed() {
      return refusal == null;
    }
  }

  /**
   * Checks that a layer can apply {@code policy}: every connection it names exists, and an approver
   * is set when a rule requires approval.
   *
   * @throws IllegalArgumentException naming the location of an unknown connection
   * @throws IllegalStateException when approval is required and there is no approver
   */
  public static void requireFits(Policy policy, Set<String> connections, boolean hasApprover) {
    for (String p : policy.principals()) {
      List<Policy.Rule> rules = policy.rules(p);
      for (int i = 0; i < rules.size(); i++) {
        requireConnections(rules.get(i).connections(), "principals." + p + ".allow[" + i + "]", connections);
      }
      List<Policy.Quota> quotas = policy.quotas(p);
      for (int i = 0; i < quotas.size(); i++) {
        requireConnections(quotas.get(i).connections(), "principals." + p + ".quotas[" + i + "]", connections);
      }
    }
    if (policy.requiresApproval() && !hasApprover) {
      throw new IllegalStateException("the policy has rules with \"approval\": \"required\" but no approver"
          + " is set: call ActionLayer.Builder#approver");
    }
  }

  private static void requireConnections(List<String> named, String at, Set<String> connections) {
    for (int j = 0; j < named.size(); j++) {
      String c = named.get(j);
      if (!c.equals("*") && !connections.contains(c)) {
        throw new IllegalArgumentException("policy: " + at + ".connections[" + j + "]: no connection of the"
            + " layer has that name; connections: " + connections);
      }
    }
  }

  /** Whether some rule lets {@code principal} call {@code operation} on {@code connection} at all. */
  public boolean permits(String principal, String operation, String connection) {
    return policy.rules(principal).stream().anyMatch(r -> r.covers(operation, connection));
  }

  /** The verdict on a call about to be made: spends quota and asks the approver when a rule says so. */
  public Verdict check(Ask ask) {
    Verdict v = decide(ask, false);
    if (!v.allowed()) telemetry.denied(ask.connection(), ask.operation(), v.decision().reason());
    return v;
  }

  /** The verdict a dry run reports: quota estimated, not spent; approval reported, not asked. */
  public Verdict preview(Ask ask) {
    return decide(ask, true);
  }

  private Verdict decide(Ask ask, boolean dryRun) {
    List<Policy.Rule> covering = policy.rules(ask.principal()).stream()
        .filter(r -> r.covers(ask.operation(), ask.connection())).toList();
    if (covering.isEmpty()) {
      return deny(null, "no rule", "none", ActionError.builder(ErrorCode.PERMISSION_DENIED)
          .message("policy: no rule allows principal '" + ask.principal() + "' to call " + ask.operation()
              + " on connection '" + ask.connection() + "'; nothing was sent"));
    }
    Policy.Rule rule = null;
    for (Policy.Rule r : covering) {
      if (unmet(r, ask) == null) {
        rule = r;
        break;
      }
    }
    if (rule == null) {
      Policy.Rule first = covering.get(0);
      String field = unmet(first, ask);
      return deny(first.id(), "where", "none", ActionError.builder(ErrorCode.PERMISSION_DENIED)
          .message("policy: rule '" + first.id() + "' allows " + ask.operation() + " on '" + ask.connection()
              + "' only where " + field + " is one of the values the rule lists; nothing was sent")
          // The policy's values are configuration: named by rule, never quoted.
          .fieldError(field, "not one of the values rule '" + first.id() + "' allows"));
    }
    String approval = rule.approvalRequired() ? "required" : "none";
    List<Bucket> spent = new ArrayList<>();
    for (Policy.Quota q : policy.quotas(ask.principal())) {
      if (!q.covers(ask.operation(), ask.connection())) continue;
      Bucket bucket = buckets.bucket("quota:" + ask.principal() + ":" + q.id(), () -> configuration(q), clock);
      long waitNanos;
      if (dryRun) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        waitNanos = probe.canBeConsumed() ? -1 : probe.getNanosToWaitForRefill();
      } else {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) spent.add(bucket);
        waitNanos = probe.isConsumed() ? -1 : probe.getNanosToWaitForRefill();
      }
      if (waitNanos >= 0) {
        refund(spent);
        Duration wait = Duration.ofNanos(waitNanos);
        return deny(q.id(), "quota", approval, ActionError.builder(ErrorCode.QUOTA_EXHAUSTED).retryable(false)
            .retryAfter(wait)
            .message("policy: quota '" + q.id() + "' of principal '" + ask.principal() + "' (" + q.limit()
                + " per " + q.per() + ") is spent until it refills in " + seconds(wait)
                + "; nothing was sent"));
      }
    }
    if (!rule.approvalRequired() || dryRun) {
      return new Verdict(new AuditEvent.Decision(true, rule.id(), null, approval, null, null), null);
    }
    Verdict verdict = approve(rule, ask);
    if (!verdict.allowed()) refund(spent); // quotas count the calls that go through
    return verdict;
  }

  /** The first field of {@code rule}'s {@code where} that the call does not meet, or null. */
  private static String unmet(Policy.Rule rule, Ask ask) {
    List<String> fields = Operations.fields(ask.operation());
    for (Map.Entry<String, List<String>> w : rule.where().entrySet()) {
      if (!fields.contains(w.getKey())) continue; // the constraint speaks of another operation
      Object value = ask.arguments().get(w.getKey());
      if (value == null || !w.getValue().contains(value.toString())) return w.getKey();
    }
    return null;
  }

  private Verdict approve(Policy.Rule rule, Ask ask) {
    ApprovalRequest request = new ApprovalRequest(ask.principal(), ask.connection(), ask.vendor(),
        ask.operation(), ask.arguments(), rule.id());
    ApprovalDecision d;
    try {
      d = approver.decide(request);
      if (d == null) throw new NullPointerException("the approver returned null");
    } catch (RuntimeException e) {
      telemetry.approval(ask.operation(), "failed");
      log.warn("the approver failed on {} for principal {} (rule {})", ask.operation(), ask.principal(), rule.id(), e);
      return deny(rule.id(), "approver failed", "failed", ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("policy: rule '" + rule.id() + "' requires approval, and the approver failed ("
              + e.getClass().getSimpleName() + "); nothing was sent"));
    }
    String by = d.by().orElse(null);
    telemetry.approval(ask.operation(), d.status().name().toLowerCase(java.util.Locale.ROOT));
    return switch (d.status()) {
      case APPROVED -> new Verdict(new AuditEvent.Decision(true, rule.id(), null, "approved", by, null), null);
      case DENIED -> deny(rule.id(), "approval denied", "denied", by, null,
          ActionError.builder(ErrorCode.PERMISSION_DENIED)
              .message("policy: rule '" + rule.id() + "' requires approval, and " + oneLine(by)
                  + " denied this call" + d.reason().filter(r -> !r.isBlank()).map(r -> ": " + oneLine(r)).orElse("")
                  + "; nothing was sent"));
      case PENDING -> {
        String id = d.approvalId().orElseThrow();
        yield deny(rule.id(), "approval pending", "pending", null, id,
            ActionError.builder(ErrorCode.APPROVAL_REQUIRED).approvalId(id)
                .message("policy: rule '" + rule.id() + "' requires a person's approval; approval " + id
                    + " is pending. Repeat the same call once it is approved; nothing was sent"));
      }
    };
  }

  private static Verdict deny(String rule, String reason, String approval, ActionError.Builder error) {
    return deny(rule, reason, approval, null, null, error);
  }

  private static Verdict deny(String rule, String reason, String approval, String by, String approvalId,
      ActionError.Builder error) {
    return new Verdict(new AuditEvent.Decision(false, rule, reason, approval, by, approvalId), error.build());
  }

  private static void refund(List<Bucket> spent) {
    for (Bucket b : spent) b.addTokens(1);
    spent.clear();
  }

  private static BucketConfiguration configuration(Policy.Quota q) {
    return BucketConfiguration.builder()
        .addLimit(l -> l.capacity(q.limit()).refillIntervally(q.limit(), q.per()))
        .build();
  }

  private static String seconds(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    return s + (s == 1 ? " second" : " seconds");
  }

  private static String oneLine(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < 200; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }
}
