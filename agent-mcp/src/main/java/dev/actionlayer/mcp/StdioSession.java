package dev.actionlayer.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, plus a way to wait for its one session to end. The SDK ends the
 * session by closing its transport, both when the input ends and when a line cannot be read as
 * JSON-RPC, but tells nobody else; so the transport handed to the session is wrapped, and its
 * close is the signal. (Watching the input stream for its end would miss the second case and
 * leave a caller blocked on a server that no longer reads.)
 */
final class StdioSession extends StdioServerTransportProvider {
  private final CountDownLatch ended = new CountDownLatch(1);

  StdioSession(McpJsonMapper json, InputStream in, OutputStream out) {
    super(json, in, out);
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    super.setSessionFactory(transport -> sessionFactory.create(new Signalling(transport)));
  }

  /** Blocks until the session has ended; an interrupt ends the wait early, flag kept. */
  void awaitEnd() {
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Delegates everything; counts down when the session closes it, gracefully or not. */
  private final class Signalling implements McpServerTransport {
    private final McpServerTransport delegate;

    Signalling(McpServerTransport delegate) {
      this.delegate = delegate;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return delegate.protocolVersions();
    }

    @Override
    public Mono<Void> closeGracefully() {
      return delegate.closeGracefully().doFinally(signal -> ended.countDown());
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        ended.countDown();
      }
    }
  }
}
