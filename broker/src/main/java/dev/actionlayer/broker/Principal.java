package dev.actionlayer.broker;

import java.util.Objects;

/**
 * Who a request comes from, as the principals file names them: the name goes into every audit
 * event, policy decision and saga of their calls; {@code approver} says whether they may decide
 * approvals ({@code <name>.role=approver}).
 *
 * @param name 1..64 letters, digits, {@code _} or {@code -}
 * @param approver whether this principal may list and decide approvals
 */
public record Principal(String name, boolean approver) {
  public Principal {
    Objects.requireNonNull(name, "name == null");
    if (!PrincipalsFile.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1..64 letters, digits, _ or -");
    }
  }
}
