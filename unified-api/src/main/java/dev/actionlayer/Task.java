package dev.actionlayer;

import java.util.Objects;

/**
 * A task as the vendor stores it. {@code id} is the vendor's stable id; {@code project} and
 * {@code description} may be null when the vendor has none.
 */
public record Task(String id, String project, String title, String description) {
  public Task {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
  }
}
