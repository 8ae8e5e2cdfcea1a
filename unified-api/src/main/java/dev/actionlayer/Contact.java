package dev.actionlayer;

import java.util.Objects;

/** A contact as the vendor stores it; {@code firstName} and {@code email} may be null. */
public record Contact(String id, String firstName, String lastName, String email) {
  public Contact {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
  }
}
