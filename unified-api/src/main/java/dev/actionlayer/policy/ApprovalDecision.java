package dev.actionlayer.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@link Approver}'s answer: the call may proceed ({@link #approved}), may not
 * ({@link #denied}: {@code PERMISSION_DENIED} naming the rule), or waits for a person
 * ({@link #pending}: {@code APPROVAL_REQUIRED} carrying the approval's id). Immutable.
 */
public final class ApprovalDecision {
  /** What the approver decided. */
  public enum Status {
    APPROVED,
    DENIED,
    PENDING
  }

  private static final String ID = "[A-Za-z0-9_.:-]{1,128}";

  private final Status status;
  private final String by;
  private final String reason;
  private final String approvalId;

  private ApprovalDecision(Status status, String by, String reason, String approvalId) {
    this.status = status;
    this.by = by;
    this.reason = reason;
    this.approvalId = approvalId;
  }

  /**
   * The call may proceed.
   *
   * @param by who approved (a person's name or id), 1..128 characters, recorded in the audit event
   */
  public static ApprovalDecision approved(String by) {
    return new ApprovalDecision(Status.APPROVED, requireBy(by), null, null);
  }

  /**
   * The call may not proceed: it fails with {@code PERMISSION_DENIED} naming the rule.
   *
   * @param by who denied it, 1..128 characters
   * @param reason why, shown to the caller (a language model, for a tool call): at most 500
   *     characters, may be empty
   */
  public static ApprovalDecision denied(String by, String reason) {
    Objects.requireNonNull(reason, "reason == null");
    if (reason.length() > 500) throw new IllegalArgumentException("reason is longer than 500 characters");
    return new ApprovalDecision(Status.DENIED, requireBy(by), reason, null);
  }

  /**
   * A person will decide later: the call fails with {@code APPROVAL_REQUIRED} (retryable) carrying
   * {@code approvalId}, and the caller repeats the same call once it is approved.
   *
   * @param approvalId 1..128 letters, digits, {@code _ . : -}
   */
  public static ApprovalDecision pending(String approvalId) {
    Objects.requireNonNull(approvalId, "approvalId == null");
    if (!approvalId.matches(ID)) {
      throw new IllegalArgumentException("approvalId must be 1..128 letters, digits, '_', '.', ':' or '-'");
    }
    return new ApprovalDecision(Status.PENDING, null, null, approvalId);
  }

  private static String requireBy(String by) {
    Objects.requireNonNull(by, "by == null");
    if (by.isBlank() || by.length() > 128) throw new IllegalArgumentException("by must be 1..128 characters, not blank");
    for (int i = 0; i < by.length(); i++) {
      if (Character.isISOControl(by.charAt(i))) throw new IllegalArgumentException("by must not contain control characters");
    }
    return by;
  }

  public Status status() {
    return status;
  }

  /** Who approved or denied; empty for a pending decision. */
  public Optional<String> by() {
    return Optional.ofNullable(by);
  }

  /** Why it was denied; empty unless denied. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** The approval a person is yet to decide; empty unless pending. */
  public Optional<String> approvalId() {
    return Optional.ofNullable(approvalId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApprovalDecision d && status == d.status && Objects.equals(by, d.by)
        && Objects.equals(reason, d.reason) && Objects.equals(approvalId, d.approvalId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, by, reason, approvalId);
  }

  @Override
  public String toString() {
    return switch (status) {
      case APPROVED -> "approved by " + by;
      case DENIED -> "denied by " + by;
      case PENDING -> "pending " + approvalId;
    };
  }
}
