package dev.actionlayer.broker;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.Optional;

/**
 * The MCP exchange of the tool call running on this thread. The SDK runs a tool's handler, and so
 * the whole catalog call (policy, approver, pipeline), synchronously on one of its threads: the
 * handler sets the exchange here and clears it when the call returns, so the broker's approver can
 * ask that call's client and no other. Nothing outside the broker sees it.
 */
final class CurrentCall {
  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  /** The principal a call acts for, and the exchange with the client that sent it. */
  record Call(Principal principal, McpSyncServerExchange exchange) {}

  private CurrentCall() {}

  static Optional<Call> get() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs {@code body} with {@code call} current, restoring what was current before. */
  static <T> T with(Call call, java.util.function.Supplier<T> body) {
    Call before = CURRENT.get();
    CURRENT.set(call);
    try {
      return body.get();
    } finally {
      if (before == null) CURRENT.remove();
      else CURRENT.set(before);
    }
  }
}
