package dev.actionlayer.spi;

import java.io.IOException;

/**
 * A {@link Resource} whose records can be changed in part: implemented beside it by a connector
 * whose vendor can ({@code class Issues implements Resource<NewTask, Task>, Updatable<TaskChanges,
 * Task>}); a resource without it answers {@code update} with {@code UNSUPPORTED}. The pipeline
 * retries an update like a read, so the request must be idempotent: the same changes twice give the
 * same record (set values, never increment or append).
 *
 * @param <C> the canonical changes: {@code TaskChanges}, {@code ContactChanges} or {@code FolderChanges}
 * @param <R> the canonical record
 */
public interface Updatable<C, R> {
  /**
   * The request that applies {@code changes} to record {@code id}, sending only the fields given;
   * {@code id} goes in a path segment, never the path. Throw {@code ActionException} with
   * {@code UNSUPPORTED} (naming the field) for a change the vendor cannot make. May look first with
   * {@link CallContext#exchange} (a vendor that changes status through transitions).
   */
  VendorRequest update(String id, C changes, CallContext context);

  /**
   * Reads the changed record from a successful update response, or returns null when the response
   * carries none (a {@code 204}): the pipeline then reads it with the resource's {@code get}.
   */
  R readUpdated(VendorResponse response, String id, C changes, CallContext context) throws IOException;
}
