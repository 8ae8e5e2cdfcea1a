package dev.actionlayer;

/**
 * The normalized meaning of a failure, the same for every vendor. Mapping is by meaning, not by HTTP
 * status alone: a Google 403 {@code rateLimitExceeded} is {@link #RATE_LIMITED}, not
 * {@link #PERMISSION_DENIED}.
 */
public enum ErrorCode {
  /** The request is malformed or fails validation; {@link ActionError#fieldErrors()} says what to fix. */
  INVALID_REQUEST,
  /** The credentials are missing, invalid or expired (after one refresh where refresh is possible). */
  UNAUTHENTICATED,
  /** The credentials are valid but lack the permission for this action. */
  PERMISSION_DENIED,
  /** The record does not exist (or the caller may not see it). A delete that gets this is done. */
  NOT_FOUND,
  /** The request conflicts with the vendor's state: a duplicate, or a reused idempotency key. */
  CONFLICT,
  /** Too many requests right now; {@link ActionError#retryAfter()} says when to try again. */
  RATE_LIMITED,
  /** A longer-term allowance (daily API quota) is spent; retrying soon will not help. */
  QUOTA_EXHAUSTED,
  /** The vendor is temporarily unavailable (502/503/504, connection refused or reset). */
  UNAVAILABLE,
  /** The call or an attempt ran out of time. */
  TIMEOUT,
  /** The vendor failed in an unexpected way: a 500, a redirect, an unreadable response. */
  UPSTREAM_ERROR,
  /** The connection's circuit breaker is open: nothing was sent. */
  CIRCUIT_OPEN,
  /**
   * A write may or may not have happened and reconciliation could not tell. Never used where the
   * library can know.
   */
  OUTCOME_UNKNOWN,
  /** The connection does not support this operation. */
  UNSUPPORTED,
  /** A defect inside Actionlayer or a connector. */
  INTERNAL,
  /**
   * A rule of the layer's policy requires a person's approval before this call, and none was
   * given yet: nothing was sent. Retryable once approved — repeat exactly the same call (same
   * principal, operation, connection and arguments); {@link ActionError#approvalId()} names the
   * approval the person decides on.
   */
  APPROVAL_REQUIRED
}
