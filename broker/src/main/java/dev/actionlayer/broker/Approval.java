package dev.actionlayer.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * One request for a person's approval of one exact call: bound to the principal, the operation,
 * the connection and the digest of the call's canonical arguments, so that only a repeat of that
 * very call can use it, and only once.
 *
 * @param id what the agent's error names and what an approver approves or denies ({@code apr_…})
 * @param summary a one-line description of the call for the approver (no credentials: the
 *     arguments are the agent's own)
 * @param status where it stands
 * @param expiresAt when it lapses: a pending approval that long after it was asked, an approved
 *     one that long after it was decided
 * @param decidedBy the approver's principal name, or {@code elicitation:<principal>}; null while pending
 * @param decidedAt null while pending
 * @param reason a denial's reason, or null
 */
public record Approval(
    String id,
    String principal,
    String operation,
    String connection,
    String argumentsDigest,
    String summary,
    Status status,
    Instant createdAt,
    Instant expiresAt,
    String decidedBy,
    Instant decidedAt,
    String reason) {

  public Approval {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(principal, "principal == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest == null");
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** Where an approval stands. */
  public enum Status {
    /** Waiting for a person. */
    PENDING,
    /** Approved; the agent's next identical call proceeds and consumes it. */
    APPROVED,
    /** Denied; the agent's next identical call fails with the reason and consumes it. */
    DENIED,
    /** Used by the call it approved (or refused): it cannot be used again. */
    CONSUMED
  }

  /** What an approval binds to: who, what, where and the exact arguments. */
  public record Key(String principal, String operation, String connection, String argumentsDigest) {
    public Key {
      Objects.requireNonNull(principal, "principal == null");
      Objects.requireNonNull(operation, "operation == null");
      Objects.requireNonNull(connection, "connection == null");
      Objects.requireNonNull(argumentsDigest, "argumentsDigest == null");
    }
  }

  /** This approval's binding. */
  public Key key() {
    return new Key(principal, operation, connection, argumentsDigest);
  }
}
