package dev.actionlayer;

import com.squareup.moshi.Json;

/**
 * A task's canonical state, which each connector maps to and from its vendor's own statuses
 * (Jira's status categories, a GitHub issue's {@code open}/{@code closed}). The vendor's own status
 * name travels beside it as {@link Task#vendorStatus()}.
 */
public enum TaskStatus {
  /** Not started. */
  @Json(name = "open")
  OPEN,
  /** Being worked on. */
  @Json(name = "in_progress")
  IN_PROGRESS,
  /** Finished, closed or resolved. */
  @Json(name = "done")
  DONE;

  /** The name tools and JSON use: {@code open}, {@code in_progress} or {@code done}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The status named {@code name} ({@code open}, {@code in_progress} or {@code done}, any case).
   *
   * @throws ActionException {@code INVALID_REQUEST} for any other name
   */
  public static TaskStatus of(String name, String field) {
    if (name != null) {
      for (TaskStatus s : values()) if (s.wireName().equalsIgnoreCase(name)) return s;
    }
    throw ActionException.invalidField(field, "must be one of open, in_progress, done");
  }
}
