package dev.actionlayer;

import java.util.Objects;

/** A folder as the vendor stores it; {@code parentId} may be null. */
public record Folder(String id, String name, String parentId) {
  public Folder {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
  }
}
