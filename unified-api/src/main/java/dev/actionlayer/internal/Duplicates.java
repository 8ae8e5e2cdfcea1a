package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Duplicate-call suppression: an identical create from the same principal within the
 * connection's window gets the first call's result; one that arrives while the first is in
 * flight waits for it instead of sending a second.
 */
final class Duplicates {
  private Duplicates() {}

  private record Key(String principal, String operation, Object input) {}

  /** The first identical create's result, or {@code run}'s when this call is the first. */
  @SuppressWarnings("unchecked")
  static <R> R firstOrRun(Call<R> call, Supplier<R> run) {
    ConnectionRuntime c = call.c;
    Object key = new Key(call.principal, call.op.name, call.op.dedupeInput);
    for (int round = 0; ; round++) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> first = c.recentCreates.asMap().putIfAbsent(key, mine);
      if (first == null) {
        try {
          R result = run.get();
          mine.complete(result);
          return result;
        } catch (RuntimeException e) {
          c.recentCreates.asMap().remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        Object result = first.get(Math.max(1, call.remaining().toMillis()), TimeUnit.MILLISECONDS);
        call.deduplicated = true;
        return (R) result;
      } catch (ExecutionException e) {
        // The first call failed and left the cache: this one runs on its own (once).
        if (round > 0) throw (RuntimeException) e.getCause();
      } catch (TimeoutException e) {
        throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT)
            .message("deadline exhausted waiting for an identical create already in flight"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Failures.fail(ActionError.builder(ErrorCode.TIMEOUT).retryable(false)
            .message("interrupted while waiting for an identical create already in flight"));
      }
    }
  }
}
