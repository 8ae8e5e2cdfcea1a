package dev.actionlayer.saga;

import dev.actionlayer.ActionError;
import java.util.Objects;

/**
 * A record a saga may have left behind because its compensation failed: enough for an operator to
 * finish by hand.
 *
 * @param step the step that created it
 * @param vendor the connection's vendor, or null when the connection is not configured
 * @param resource {@code tasks}, {@code contacts} or {@code folders}
 * @param id the vendor id, or null when the create's outcome is unknown and no lookup could find it
 * @param idempotencyKey the key the create carried (search for it at the vendor when {@code id} is null)
 * @param error why it could not be undone
 */
public record Residue(String step, String connection, String vendor, String resource, String id,
    String idempotencyKey, ActionError error) {
  public Residue {
    Objects.requireNonNull(step, "step == null");
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(resource, "resource == null");
    Objects.requireNonNull(error, "error == null");
  }

  /** One line for logs and the audit: where, what, and why. */
  public String describe() {
    return step + ": " + resource + " " + (id == null ? "(id unknown, key " + idempotencyKey + ")" : id)
        + " on " + connection + (vendor == null ? "" : " (" + vendor + ")") + " — " + error.code()
        + ": " + error.message();
  }
}
