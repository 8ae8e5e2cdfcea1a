package dev.actionlayer.describe;

import dev.actionlayer.ActionError;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The recipe every connector follows, driven by the description's {@code errors}: a 404 without
 * the vendor's own error body is a wrong base URI; otherwise the status decides, refined by
 * {@code byStatus} and then {@code byBody}; the vendor's messages, code, request id and field
 * errors are copied as they are (the pipeline bounds them).
 */
final class DescribedErrors {
  private DescribedErrors() {}

  static ActionError map(Spec.Vendor vendor, VendorResponse response) {
    Spec.Errors e = vendor.errors();
    Object tree = Json.parseOrNull(response.bodyString());
    int status = response.status();
    if (status == 404 && e.recognizedBy() != null && !e.recognizedBy().present(tree)) {
      return HttpErrors.foreignNotFound(response, vendor.name(), "the connection's base URI"
          + (vendor.baseUri() == null ? "" : ", normally " + vendor.baseUri())).build();
    }
    Spec.Rule rule = e.byStatus().get(status);
    for (Spec.Rule r : e.byBody()) {
      if ((r.statuses().isEmpty() || r.statuses().contains(status)) && r.equals().equals(r.pointer().string(tree))) {
        rule = r;
        break;
      }
    }
    ActionError.Builder b = rule == null || rule.code() == null ? HttpErrors.byStatus(response)
        : HttpErrors.byStatus(response, rule.code());
    if (rule != null && rule.retryable() != null) b.retryable(rule.retryable());
    if (rule != null && rule.message() != null) b.message(rule.message());
    List<String> messages = new ArrayList<>();
    if (e.message() != null) {
      for (Object m : e.message().all(tree)) {
        String text = Pointer.text(m);
        if (text != null && !text.isBlank()) messages.add(text.strip());
      }
    }
    if (!messages.isEmpty()) b.message(e.messagePrefix() + String.join("; ", messages));
    String code = e.vendorCode() == null ? null : e.vendorCode().string(tree);
    if (code != null) b.vendorCode(code);
    String requestId = e.requestId() == null ? null : e.requestId().string(tree);
    if (requestId != null) b.vendorRequestId(requestId);
    if (response.header("Retry-After") == null) retryAfter(vendor, e, tree, response).ifPresent(b::retryAfter);
    if (e.fieldErrors() != null) fieldErrors(e.fieldErrors(), tree, messages, status, b);
    return b.build();
  }

  private static java.util.Optional<Duration> retryAfter(Spec.Vendor vendor, Spec.Errors e, Object tree,
      VendorResponse response) {
    if (e.retryAfter() != null && e.retryAfter().first(tree) instanceof Number n && n.doubleValue() >= 0) {
      return java.util.Optional.of(Duration.ofMillis((long) (Math.min(n.doubleValue(), 1e9) * 1000)));
    }
    Spec.Usage u = vendor.usage();
    if (response.status() == 429 && u != null && u.reset() != null) {
      Long reset = number(response.header(u.reset()));
      if (reset == null) return java.util.Optional.empty();
      return java.util.Optional.of(u.resetIn().equals("seconds") ? Duration.ofSeconds(reset)
          : HttpErrors.untilOrZero(response.receivedAt(), Instant.ofEpochSecond(reset)));
    }
    return java.util.Optional.empty();
  }

  private static void fieldErrors(Spec.FieldErrors f, Object tree, List<String> messages, int status,
      ActionError.Builder b) {
    if (!f.statuses().isEmpty() && !f.statuses().contains(status)) return;
    if (f.messages() != null) {
      for (Object m : f.messages().all(tree)) {
        String text = Pointer.text(m);
        if (text == null) continue;
        Matcher matcher = f.pattern().matcher(text.strip());
        if (matcher.matches()) b.fieldError(name(f, matcher.group(1)), matcher.group(2));
      }
    } else if (f.field() != null) {
      String field = f.field().string(tree);
      String problem = f.problem() == null ? null : f.problem().string(tree);
      if (problem == null && !messages.isEmpty()) problem = messages.get(0);
      if (field != null && problem != null) b.fieldError(name(f, field), problem);
    } else if (f.map().first(tree) instanceof Map<?, ?> map) {
      map.forEach((field, problem) -> {
        String p = Pointer.text(problem);
        if (p != null) b.fieldError(name(f, String.valueOf(field)), p);
      });
    }
  }

  private static String name(Spec.FieldErrors f, String vendorName) {
    return f.names().getOrDefault(vendorName, vendorName);
  }

  /** The allowance the headers report, or null; never throws. */
  static VendorUsage usage(Spec.Usage u, VendorResponse response) {
    if (u == null) return null;
    Long limit = number(response.header(u.limit()));
    Long used = u.used() != null ? number(response.header(u.used())) : null;
    if (u.remaining() != null) {
      Long remaining = number(response.header(u.remaining()));
      used = remaining == null || limit == null ? null : Math.max(0, limit - remaining);
    }
    return limit == null || used == null || limit <= 0 ? null : new VendorUsage(used, limit);
  }

  private static Long number(String header) {
    if (header == null) return null;
    String t = header.trim();
    if (!t.matches("\\d{1,15}(\\.\\d+)?")) return null;
    return (long) Double.parseDouble(t);
  }
}
