package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline's own errors, and the connector's mapping guarded against connector bugs. */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static ActionError mapError(ConnectionRuntime c, VendorResponse response) {
    ActionError error;
    try {
      // 3xx included: redirects are never followed, but a 300 can mean something (Salesforce:
      // an external id matching several records); HttpErrors.byStatus calls a 3xx a redirect.
      error = c.connector.mapError(response);
      if (error == null) throw new NullPointerException("mapError returned null");
    } catch (RuntimeException e) {
      log.warn("connector {} failed to map HTTP {}", c.connector.vendor(), response.status(), e);
      error = dev.actionlayer.spi.HttpErrors.byStatus(response).build();
    }
    ActionError.Builder b = error.toBuilder();
    if (error.httpStatus() == 0) b.httpStatus(response.status());
    Duration ceiling = c.policy.maxCooldown();
    if (error.retryAfter().filter(d -> d.compareTo(ceiling) > 0).isPresent()) {
      // One header (a typo, a proxy, a hostile middlebox) must not switch the connection off for
      // days: the layer waits at most the ceiling, then probes, and says so.
      b.retryAfter(ceiling).message(error.message() + "; the vendor asked to wait "
          + seconds(error.retryAfter().get()) + ", more than the connection's " + seconds(ceiling)
          + " ceiling on a pause: it pauses " + seconds(ceiling) + ", then lets one request probe");
    }
    return b.build();
  }

  /**
   * A successful answer larger than the connection's cap: a precise, final error — repeating the
   * call would not shrink the answer.
   */
  static ActionError tooLarge(ConnectionRuntime c, VendorResponse response) {
    String cap = bytes(c.policy.maxResponseBytes());
    return ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false).httpStatus(response.status())
        .message("the vendor answered HTTP " + response.status() + " with a body larger than the"
            + " connection's " + cap + " cap on a response (maxResponseBytes); only the first " + cap
            + " were read, and repeating the call would not make the answer smaller")
        .build();
  }

  private static String bytes(long n) {
    if (n % (1024 * 1024) == 0) return n / (1024 * 1024) + " MiB";
    if (n % 1024 == 0) return n / 1024 + " KiB";
    return n + " bytes";
  }

  static ActionError transportError(Exchange x) {
    IOException e = x.failure;
    String what = x.sent ? "after the request was sent" : "before the request was sent";
    if (e instanceof InterruptedIOException) {
      return ActionError.builder(ErrorCode.TIMEOUT)
          .message("no response within the attempt timeout (" + what + ")").build();
    }
    return ActionError.builder(ErrorCode.UNAVAILABLE)
        .message("connection failed " + what + ": " + e.getClass().getSimpleName()).build();
  }

  static ActionError outcomeUnknown(ActionError cause, String why) {
    return ActionError.builder(ErrorCode.OUTCOME_UNKNOWN)
        .httpStatus(cause.httpStatus())
        .vendorCode(cause.vendorCode())
        .message("the create may or may not have been applied (" + cause.code() + ": "
            + cause.message() + "); it was not repeated because " + why)
        .build();
  }

  static ActionException fail(ActionError.Builder b) {
    return new ActionException(b.build());
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
