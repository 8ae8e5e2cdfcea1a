package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline's own errors, and the connector's mapping guarded against connector bugs. */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /**
   * What one exchange means, the same for a call's attempt, an auxiliary request and a lookup:
   * null for a complete success (a body within the cap, when {@code readsBody}); otherwise the
   * error — the transport's failure, an answer over the cap, a success cut off mid-body, or the
   * connector's mapping of an error answer (one whose body was cut off is never taken as final).
   */
  static ActionError classify(ConnectionRuntime c, Exchange x, boolean readsBody) {
    if (x.response == null) return transportError(x);
    if (httpStatus(x.response) == 0) return notHttp(x.response);
    if (readsBody && x.overCap()) return tooLarge(c, x.response);
    if (x.response.isSuccessful()) {
      return x.failure == null ? null : ActionError.builder(ErrorCode.UPSTREAM_ERROR)
          .httpStatus(x.response.status())
          .message("the vendor answered HTTP " + x.response.status() + " but the response was cut off")
          .build();
    }
    ActionError error = mapError(c, x.response);
    if (x.failure != null && !error.retryable()) {
      // The error answer's body was cut off (the attempt timed out reading it, or the connection
      // dropped): its status arrived, what the vendor said did not, so nothing final (a 404 read
      // as "no such path", say) is concluded from what is left of it.
      error = error.toBuilder().retryable(true)
          .message(error.message() + " (the answer's body was cut off)").build();
    }
    return error;
  }

  /**
   * The connector's mapping of an error answer, then what the vendor said made safe ({@link
   * VendorText}). A mapper that throws or returns null is a connector bug: logged, and the answer
   * maps by its status with a message that names the connector and what came back.
   */
  static ActionError mapError(ConnectionRuntime c, VendorResponse response) {
    if (httpStatus(response) == 0) return notHttp(response);
    ActionError error;
    try {
      // 3xx included: redirects are never followed, but a 300 can mean something (Salesforce:
      // an external id matching several records); HttpErrors.byStatus calls a 3xx a redirect.
      error = c.connector.mapError(response);
      if (error == null) throw new NullPointerException("mapError returned null");
    } catch (RuntimeException e) {
      log.warn("connector {} failed to map HTTP {}", c.connector.vendor(), response.status(), e);
      error = HttpErrors.byStatus(response)
          .message("the " + c.connector.vendor() + " connector failed to read the error answer; "
              + HttpErrors.describe(response))
          .build();
    }
    error = VendorText.normalise(error, c.redactor, HttpErrors.describe(response));
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
   * The response's status as an {@link ActionError} holds it, or 0: OkHttp reports whatever three
   * digits a server sends (a proxy's 000, a made-up 806), and no HTTP answer has those.
   */
  static int httpStatus(VendorResponse response) {
    int status = response.status();
    return status >= 100 && status <= 599 ? status : 0;
  }

  /**
   * An answer whose status is no HTTP status: no connector is asked to read it (found by fuzzing:
   * mappers and their safety net threw on it). Final, like a redirect: the same server would
   * answer the same way.
   */
  private static ActionError notHttp(VendorResponse response) {
    return ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
        .message("the vendor answered with status " + response.status() + ", which is no HTTP status"
            + " (100..599); the answer was not read")
        .build();
  }

  /**
   * A successful answer larger than the connection's cap: a precise, final error — repeating the
   * call would not shrink the answer.
   */
  static ActionError tooLarge(ConnectionRuntime c, VendorResponse response) {
    String cap = bytes(c.policy.maxResponseBytes());
    return ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false).httpStatus(httpStatus(response))
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

  /** Adds the call's context to the error and removes anything secret from it. */
  static ActionError finish(Call<?> call, ActionError e) {
    ConnectionRuntime c = call.c;
    ActionError.Builder b = e.toBuilder()
        .vendor(c.connector.vendor())
        .connection(c.name)
        .operation(call.operationName)
        .traceId(call.traceId())
        .attempts(call.sent)
        .message(c.redactor.text(e.message()))
        .vendorCode(c.redactor.text(e.vendorCode()));
    if (!e.fieldErrors().isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>();
      e.fieldErrors().forEach((k, v) -> fields.put(c.redactor.text(k), c.redactor.text(v)));
      b.clearFieldErrors().fieldErrors(fields);
    }
    // The connector's id when it has a safe one (it may come from an error a connector threw
    // while reading a 2xx), else the request-id header's, made safe alike.
    String id = VendorText.requestId(c.redactor, e.vendorRequestId());
    b.vendorRequestId(id != null ? id : vendorRequestId(call));
    return b.build();
  }

  /**
   * The vendor's request id of the call's last response ({@link
   * dev.actionlayer.spi.Connector#requestIdHeader()}) in the shape {@link VendorText#requestId}
   * allows, or null: a hostile header puts nothing else in an error or the audit.
   */
  static String vendorRequestId(Call<?> call) {
    String header = call.c.connector.requestIdHeader();
    if (header == null || call.lastResponse == null) return null;
    return VendorText.requestId(call.c.redactor, call.lastResponse.header(header));
  }

  static ActionException fail(ActionError.Builder b) {
    return new ActionException(b.build());
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
