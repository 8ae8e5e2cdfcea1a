package dev.actionlayer;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure in the shared taxonomy: what went wrong ({@link #code()}), whether retrying can help
 * and when, and where it happened. Immutable and thread-safe; safe to show to a language model.
 */
public final class ActionError {
  private final ErrorCode code;
  private final boolean retryable;
  private final Duration retryAfter;
  private final String vendor;
  private final String connection;
  private final String operation;
  private final int httpStatus;
  private final String vendorCode;
  private final String vendorRequestId;
  private final String message;
  private final Map<String, String> fieldErrors;
  private final String traceId;
  private final int attempts;
  private final String approvalId;

  private ActionError(Builder b) {
    this.code = b.code;
    this.retryable = b.retryable;
    this.retryAfter = b.retryAfter;
    this.vendor = b.vendor;
    this.connection = b.connection;
    this.operation = b.operation;
    this.httpStatus = b.httpStatus;
    this.vendorCode = b.vendorCode;
    this.vendorRequestId = b.vendorRequestId;
    this.message = b.message;
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(b.fieldErrors));
    this.traceId = b.traceId;
    this.attempts = b.attempts;
    this.approvalId = b.approvalId;
  }

  /** Starts an error with {@code code}; {@link Builder#retryable} defaults from the code. */
  public static Builder builder(ErrorCode code) {
    return new Builder(code);
  }

  /** A builder holding this error's values, for adding context. */
  public Builder toBuilder() {
    Builder b = new Builder(code);
    b.retryable = retryable;
    b.retryAfter = retryAfter;
    b.vendor = vendor;
    b.connection = connection;
    b.operation = operation;
    b.httpStatus = httpStatus;
    b.vendorCode = vendorCode;
    b.vendorRequestId = vendorRequestId;
    b.message = message;
    b.fieldErrors.putAll(fieldErrors);
    b.traceId = traceId;
    b.attempts = attempts;
    b.approvalId = approvalId;
    return b;
  }

  /** What went wrong, normalized across vendors. */
  public ErrorCode code() {
    return code;
  }

  /** Whether repeating the same call later can succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** How long to wait before trying again, when the vendor or the library knows. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The vendor's name ({@code "jira"}), or empty when the failure happened before choosing one. */
  public String vendor() {
    return vendor;
  }

  /** The connection's name as registered on the builder, or empty. */
  public String connection() {
    return connection;
  }

  /** The canonical operation, e.g. {@code "tasks.create"}, or empty. */
  public String operation() {
    return operation;
  }

  /** The vendor's HTTP status, or 0 when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The vendor's own error code ({@code "REQUEST_LIMIT_EXCEEDED"}, a rate-limit reason), or empty. */
  public String vendorCode() {
    return vendorCode;
  }

  /** The vendor's request id for support tickets ({@code Request-Id}, {@code X-AREQUESTID}), or empty. */
  public String vendorRequestId() {
    return vendorRequestId;
  }

  /** A human- and model-readable explanation; never holds credentials or full upstream bodies. */
  public String message() {
    return message;
  }

  /** Per-field validation messages from the vendor or the validator; empty when none. */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** The W3C trace id of the logical call, matching its audit event; empty before the pipeline. */
  public String traceId() {
    return traceId;
  }

  /** How many requests were sent for the logical call (0 when none was). */
  public int attempts() {
    return attempts;
  }

  /**
   * The approval a person must give before this call can proceed, for {@link
   * ErrorCode#APPROVAL_REQUIRED}; empty otherwise.
   */
  public Optional<String> approvalId() {
    return Optional.ofNullable(approvalId);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(code);
    if (!operation.isEmpty()) s.append(" on ").append(operation);
    if (!connection.isEmpty()) s.append(" via ").append(connection);
    if (httpStatus != 0) s.append(" (HTTP ").append(httpStatus).append(')');
    if (!vendorCode.isEmpty()) s.append(" [").append(vendorCode).append(']');
    s.append(": ").append(message);
    if (!fieldErrors.isEmpty()) s.append(' ').append(fieldErrors);
    if (retryAfter != null) s.append("; retry after ").append(retryAfter.toMillis()).append(" ms");
    if (attempts > 0) s.append("; attempts=").append(attempts);
    if (approvalId != null) s.append("; approval=").append(approvalId);
    if (!traceId.isEmpty()) s.append("; trace=").append(traceId);
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ActionError)) return false;
    ActionError e = (ActionError) o;
    return code == e.code && retryable == e.retryable && httpStatus == e.httpStatus
        && attempts == e.attempts && Objects.equals(retryAfter, e.retryAfter)
        && vendor.equals(e.vendor) && connection.equals(e.connection)
        && operation.equals(e.operation) && vendorCode.equals(e.vendorCode)
        && vendorRequestId.equals(e.vendorRequestId) && message.equals(e.message)
        && fieldErrors.equals(e.fieldErrors) && traceId.equals(e.traceId)
        && Objects.equals(approvalId, e.approvalId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, message, traceId, httpStatus, vendorCode);
  }

  /** Builds an {@link ActionError}; every setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final ErrorCode code;
    private boolean retryable;
    private Duration retryAfter;
    private String vendor = "";
    private String connection = "";
    private String operation = "";
    private int httpStatus;
    private String vendorCode = "";
    private String vendorRequestId = "";
    private String message;
    private final Map<String, String> fieldErrors = new LinkedHashMap<>();
    private String traceId = "";
    private int attempts;
    private String approvalId;

    private Builder(ErrorCode code) {
      this.code = Objects.requireNonNull(code, "code == null");
      this.retryable = defaultRetryable(code);
      this.message = defaultMessage(code);
    }

    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /** Sets the wait before a retry can help; null clears it. */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter < 0: " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    public Builder vendor(String vendor) {
      this.vendor = Objects.requireNonNull(vendor, "vendor == null");
      return this;
    }

    public Builder connection(String connection) {
      this.connection = Objects.requireNonNull(connection, "connection == null");
      return this;
    }

    public Builder operation(String operation) {
      this.operation = Objects.requireNonNull(operation, "operation == null");
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 599)) {
        throw new IllegalArgumentException("httpStatus not 0 or 100..599: " + httpStatus);
      }
      this.httpStatus = httpStatus;
      return this;
    }

    /** The vendor's own code; null means none. */
    public Builder vendorCode(String vendorCode) {
      this.vendorCode = vendorCode == null ? "" : vendorCode;
      return this;
    }

    /** The vendor's request id; null means none. */
    public Builder vendorRequestId(String vendorRequestId) {
      this.vendorRequestId = vendorRequestId == null ? "" : vendorRequestId;
      return this;
    }

    /** The explanation; null or blank keeps the code's default message. */
    public Builder message(String message) {
      if (message != null && !message.isBlank()) this.message = message;
      return this;
    }

    public Builder fieldError(String field, String problem) {
      fieldErrors.put(Objects.requireNonNull(field, "field == null"),
          Objects.requireNonNull(problem, "problem == null"));
      return this;
    }

    /** Removes every field error set so far. */
    public Builder clearFieldErrors() {
      fieldErrors.clear();
      return this;
    }

    public Builder fieldErrors(Map<String, String> fieldErrors) {
      Objects.requireNonNull(fieldErrors, "fieldErrors == null").forEach(this::fieldError);
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = Objects.requireNonNull(traceId, "traceId == null");
      return this;
    }

    public Builder attempts(int attempts) {
      if (attempts < 0) throw new IllegalArgumentException("attempts < 0: " + attempts);
      this.attempts = attempts;
      return this;
    }

    /**
     * The approval a person must give ({@link ErrorCode#APPROVAL_REQUIRED}); null means none.
     *
     * @throws IllegalArgumentException when not 1..128 letters, digits, {@code _ . : -}
     */
    public Builder approvalId(String approvalId) {
      if (approvalId != null && !approvalId.matches("[A-Za-z0-9_.:-]{1,128}")) {
        throw new IllegalArgumentException("approvalId must be 1..128 letters, digits, '_', '.', ':' or '-'");
      }
      this.approvalId = approvalId;
      return this;
    }

    public ActionError build() {
      return new ActionError(this);
    }

    private static boolean defaultRetryable(ErrorCode code) {
      switch (code) {
        case RATE_LIMITED:
        case UNAVAILABLE:
        case TIMEOUT:
        case UPSTREAM_ERROR:
        case CIRCUIT_OPEN:
        case APPROVAL_REQUIRED:
          return true;
        default:
          return false;
      }
    }

    private static String defaultMessage(ErrorCode code) {
      return code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
