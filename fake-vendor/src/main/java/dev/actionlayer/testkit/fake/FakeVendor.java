package dev.actionlayer.testkit.fake;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * Base of the stateful fake vendors: a loopback {@link MockWebServer} that records every request,
 * lets a test inject faults, and otherwise lets the subclass answer from its in-memory state.
 *
 * <p>Fault DSL, for connector authors:
 * <pre>{@code
 * try (FakeJira jira = new FakeJira()) {
 *   jira.start();
 *   // the 3rd create is stored, then the connection drops before any response
 *   jira.on(Requests.creates()).nth(3).respond(Fault.applyThenReset());
 *   // the next two GETs are rate limited
 *   jira.on(Requests.gets()).times(2).respond(Fault.status(429).header("Retry-After", "5"));
 *   // every request: 503 with an HTML page
 *   jira.on(Requests.any()).always().respond(Fault.html(503));
 *   jira.clearFaults();
 * }
 * }</pre>
 * Each rule counts the requests its matcher selects from the moment it is added; when several
 * rules fire for one request the earliest added wins, and requests no rule fires for reach
 * {@link #handle}. The server answers on its own threads: subclasses must guard their state.
 */
public abstract class FakeVendor implements Closeable {

  private static final Logger LOG = Logger.getLogger(FakeVendor.class.getName());

  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();
  private final List<RecordedCall> calls = new ArrayList<>();
  private final List<FaultRule> rules = new ArrayList<>();

  /** Creates a fake that is not yet listening; call {@link #start()}. */
  protected FakeVendor() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return FakeVendor.this.dispatch(request);
      }
    });
  }

  /** Starts listening on a free loopback port. */
  public void start() {
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + getClass().getSimpleName(), e);
    }
  }

  /** The base URI clients should use, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    if (!server.getStarted()) {
      throw new IllegalStateException("start() the fake first");
    }
    InetAddress address = server.getSocketAddress().getAddress();
    String host = address instanceof Inet6Address
        ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    return URI.create("http://" + host + ":" + server.getPort());
  }

  /** Stops the server, dropping open connections (stalled requests included). */
  @Override
  public void close() {
    server.close();
  }

  /** Begins a fault rule for the requests {@code matcher} selects; see the class documentation. */
  public FaultRule.Matching on(RequestMatcher matcher) {
    return new FaultRule.Matching(matcher, rule -> {
      synchronized (lock) {
        rules.add(rule);
      }
    });
  }

  /** Removes every fault rule; later requests are answered normally. */
  public void clearFaults() {
    synchronized (lock) {
      rules.clear();
    }
  }

  /** An immutable snapshot of every request received so far, in arrival order. */
  public List<RecordedCall> requests() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** How many requests were received so far, faulted ones included. */
  public int requestCount() {
    synchronized (lock) {
      return calls.size();
    }
  }

  /** How many requests received so far satisfy {@code filter}. */
  public int requestCount(Predicate<RecordedCall> filter) {
    Objects.requireNonNull(filter, "filter == null");
    return (int) requests().stream().filter(filter).count();
  }

  /** Forgets recorded requests, fault rules and the subclass's state; configuration stays. */
  public void reset() {
    synchronized (lock) {
      calls.clear();
      rules.clear();
    }
    resetState();
  }

  /**
   * Whether {@code call} creates a resource, for {@link Requests#creates()}. The default is any
   * POST; fakes whose vendor also POSTs searches or updates narrow it.
   */
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST");
  }

  /**
   * Whether {@code call} reads, for {@link Requests#gets()}. The default is any GET; a vendor that
   * reads by POST (an RPC or GraphQL API) says which of its POSTs read.
   */
  public boolean isRead(RecordedCall call) {
    return call.method().equals("GET");
  }

  /** Whether {@code call} deletes, for {@link Requests#deletes()}. The default is any DELETE. */
  public boolean isDelete(RecordedCall call) {
    return call.method().equals("DELETE");
  }

  /** Answers a request no fault intercepted, applying it to the fake's state. */
  protected abstract MockResponse handle(RecordedCall call);

  /** Forgets the fake's resources (called by {@link #reset()}). */
  protected abstract void resetState();

  /** Adds what every response of this vendor carries (request ids and the like); default none. */
  protected MockResponse decorate(MockResponse response) {
    return response;
  }

  private MockResponse dispatch(RecordedRequest request) {
    RecordedCall call = record(request);
    Fault fault = null;
    synchronized (lock) {
      calls.add(call);
      for (FaultRule rule : rules) {
        if (rule.offer(call, this, fault == null)) {
          fault = rule.fault();
        }
      }
    }
    if (fault == null) {
      return decorate(safeHandle(call));
    }
    return decorate(fault.response(fault.appliesRequest() ? safeHandle(call) : null));
  }

  private MockResponse safeHandle(RecordedCall call) {
    try {
      return handle(call);
    } catch (RuntimeException e) {
      // A bug in the fake must read as such, not as a vendor outage the client might retry away.
      LOG.log(Level.SEVERE, getClass().getSimpleName() + " failed on " + call.method() + " "
          + call.path(), e);
      return new MockResponse.Builder().status(StatusLines.of(500))
          .setHeader("Content-Type", "text/plain;charset=UTF-8")
          .body("fake vendor bug: " + e).build();
    }
  }

  private static RecordedCall record(RecordedRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : request.getHeaders().names()) {
      headers.put(name, String.join(", ", request.getHeaders().values(name)));
    }
    ByteString body = request.getBody();
    return new RecordedCall(request.getMethod(), request.getTarget(), headers,
        body == null ? "" : body.string(StandardCharsets.UTF_8));
  }
}
