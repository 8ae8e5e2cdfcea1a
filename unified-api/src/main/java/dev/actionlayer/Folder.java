package dev.actionlayer;

import java.util.Map;
import java.util.Objects;

/**
 * A folder as the vendor stores it. {@code id} is the vendor's stable id; {@code parentId} is null
 * at the root or when the vendor does not say; {@code url} and {@code extra} may be absent.
 *
 * @param url where a person opens the folder in the vendor's web application
 * @param extra vendor-specific fields, as data
 */
public record Folder(String id, String name, String parentId, String url, Map<String, String> extra) {
  public Folder {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** A folder with only the fields every vendor has. */
  public Folder(String id, String name, String parentId) {
    this(id, name, parentId, null, Map.of());
  }
}
