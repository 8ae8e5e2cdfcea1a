package dev.actionlayer.tools;

import java.util.Objects;

/**
 * What a tool call returned, as JSON for the model: the record (or {@code {"deleted":true,…}}) on
 * success; on failure {@code {"error":{…}}} with the error's {@code code}, whether {@code retryable}
 * and after {@code retryAfterSeconds}, the {@code fieldErrors} to fix, a safe {@code message}, a
 * {@code hint} on what to do next and the {@code traceId} for a developer.
 */
public record ToolResult(String json, boolean isError) {
  public ToolResult {
    Objects.requireNonNull(json, "json == null");
  }
}
