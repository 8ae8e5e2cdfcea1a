package dev.actionlayer.policy;

import dev.actionlayer.spi.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an {@link Approver} is asked to decide: exactly the call that will be made if approved —
 * who asks, the operation, the connection and its vendor, and the canonical arguments the vendor
 * call will be built from.
 *
 * @param principal who asks (the layer view's principal)
 * @param connection the connection's name, e.g. {@code jira}
 * @param vendor the connection's vendor, e.g. {@code jira}
 * @param operation e.g. {@code tasks.delete}
 * @param arguments the canonical fields of the call as the vendor request will be built from them
 *     ({@code project}, {@code title}, … for a create; {@code id} for a get or delete); fields
 *     without a value are absent. Unmodifiable, in a stable order.
 * @param rule the id of the policy rule that requires the approval
 */
public record ApprovalRequest(String principal, String connection, String vendor, String operation,
    Map<String, Object> arguments, String rule) {
  public ApprovalRequest {
    Objects.requireNonNull(principal, "principal == null");
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(vendor, "vendor == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(rule, "rule == null");
    Map<String, Object> copy = new LinkedHashMap<>();
    Objects.requireNonNull(arguments, "arguments == null").forEach((k, v) -> {
      if (v != null) copy.put(Objects.requireNonNull(k, "argument name == null"), v);
    });
    arguments = Collections.unmodifiableMap(copy);
  }

  /**
   * One line for a person: who wants to do what, where, with which arguments (each value at most
   * 80 characters, line breaks removed), and the rule, e.g. {@code triage-bot wants tasks.delete on
   * jira (jira): id=PROJ-12 [rule jira-delete]}.
   */
  public String summary() {
    StringBuilder s = new StringBuilder(principal).append(" wants ").append(operation).append(" on ")
        .append(connection).append(" (").append(vendor).append(")");
    String sep = ": ";
    for (Map.Entry<String, Object> e : arguments.entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(oneLine(String.valueOf(e.getValue())));
      sep = ", ";
    }
    return s.append(" [rule ").append(rule).append(']').toString();
  }

  /**
   * The SHA-256 (lowercase hex) of a canonical JSON rendering of {@link #operation},
   * {@link #connection} and {@link #arguments} (keys sorted, no whitespace): the same for the same
   * call, different for any other, so that a store can bind an approval to exactly these
   * arguments. The principal is not part of it: bind it separately.
   */
  public String argumentsDigest() {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("arguments", new TreeMap<>(arguments));
    canonical.put("connection", connection);
    canonical.put("operation", operation);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String oneLine(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < 80; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (value.length() > 80) out.append('…');
    return out.toString();
  }
}
