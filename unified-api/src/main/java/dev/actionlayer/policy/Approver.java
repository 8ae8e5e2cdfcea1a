package dev.actionlayer.policy;

/**
 * Decides whether a call that a policy rule marks {@code "approval": "required"} may proceed:
 * asks a person (a chat message, a ticket, a prompt in a console) or looks up a decision already
 * taken. Set with {@code ActionLayer.Builder#approver}; a layer whose policy requires approval
 * cannot be built without one.
 *
 * <p>Called on the caller's thread after the policy allowed the call and before anything is sent;
 * the call waits for the answer (the call's deadline starts after it). It may block, and it may be
 * called concurrently by several callers. Return {@link ApprovalDecision#pending} when the person
 * will decide later: the call then fails with {@code APPROVAL_REQUIRED} and the approval's id, and
 * the agent repeats it once approved — bind the approval to {@link ApprovalRequest#principal()} and
 * {@link ApprovalRequest#argumentsDigest()} so that only the very same call proceeds.
 *
 * <p>An approver that throws or returns null fails the call with {@code INTERNAL} (logged), never
 * with its stack trace.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("jira", jira)
 *     .policy(Policy.load(Path.of("policy.json")))
 *     .approver(request -> console.confirm(request.summary())
 *         ? ApprovalDecision.approved("alice")
 *         : ApprovalDecision.denied("alice", "not this one"))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface Approver {
  /**
   * The decision on {@code request}: {@link ApprovalDecision#approved approved},
   * {@link ApprovalDecision#denied denied} or {@link ApprovalDecision#pending pending}.
   */
  ApprovalDecision decide(ApprovalRequest request);
}
