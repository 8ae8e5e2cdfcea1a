package dev.actionlayer;

import java.util.List;
import java.util.Objects;

/**
 * One page of a {@code list}: the records, and the cursor of the next page (null on the last).
 * Pass {@code nextCursor()} back in the query to read on.
 */
public record Page<R>(List<R> items, String nextCursor) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items == null"));
    nextCursor = nextCursor == null || nextCursor.isEmpty() ? null : nextCursor;
  }

  /** Whether there is a next page. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
