package dev.actionlayer;

import java.util.Map;
import java.util.Objects;

/**
 * A contact as the vendor stores it. {@code id} is the vendor's stable id; every other field may be
 * null (an empty map) when the vendor has none.
 *
 * @param company the organisation's name (or the vendor's id of it, where it has no name)
 * @param url where a person opens the contact in the vendor's web application
 * @param extra vendor-specific fields, as data
 */
public record Contact(String id, String firstName, String lastName, String email, String phone,
    String company, String url, Map<String, String> extra) {
  public Contact {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** A contact with only the fields every vendor has. */
  public Contact(String id, String firstName, String lastName, String email) {
    this(id, firstName, lastName, email, null, null, null, Map.of());
  }
}
