package dev.actionlayer.sagatests;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;

/**
 * Four recording HTTP proxies in front of the {@link FourVendors} fakes, which is how the crash
 * test sees (and times) what a process sends without touching the fakes: every exchange, with the
 * vendor's status, goes to a shared {@link Log}; an armed {@link Tripwire} runs the kill action
 * either before a request is forwarded (the vendor never sees it) or after the vendor answered
 * (the vendor applied it, the client never hears back). After a kill, {@link #closeGate()} refuses
 * whatever the dead process still had on the wire and waits for exchanges already forwarding, so
 * that nothing it sent can land at a vendor while recovery runs.
 */
final class VendorTaps implements AutoCloseable {
  /** Hop-by-hop or re-computed headers the proxy must not copy. */
  private static final Set<String> SKIPPED = Set.of("host", "content-length", "connection",
      "transfer-encoding", "accept-encoding", "content-encoding", "keep-alive", "te", "upgrade");

  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .followRedirects(false)
      .connectTimeout(Duration.ofSeconds(10))
      .readTimeout(Duration.ofSeconds(60))
      .build();

  /** One request as a proxy saw it, and the vendor's answer (status -1 when it was not forwarded). */
  record Exchange(long seq, String source, String vendor, String method, String target,
      Map<String, String> requestHeaders, String requestBody, int status,
      Map<String, String> responseHeaders) {
    String header(String name) {
      return requestHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    String responseHeader(String name) {
      return responseHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    boolean forwarded() {
      return status >= 0;
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** Every exchange of every tap set of a test, in the order the proxies finished them. */
  static final class Log {
    private final AtomicLong seq = new AtomicLong();
    private final List<Exchange> exchanges = new ArrayList<>();

    synchronized void add(Exchange e) {
      exchanges.add(e);
    }

    long nextSeq() {
      return seq.incrementAndGet();
    }

    synchronized List<Exchange> where(Predicate<Exchange> filter) {
      return exchanges.stream().filter(filter).toList();
    }

    /** The sequence number of the latest exchange; later ones are {@link #since} it. */
    long mark() {
      return seq.get();
    }

    List<Exchange> since(long mark) {
      return where(e -> e.seq() > mark);
    }
  }

  /** Where a kill is wanted: asked once before each request is forwarded and once after its answer. */
  interface Tripwire {
    /**
     * @param status null before forwarding, else the vendor's status
     * @return true to kill now (and refuse this exchange)
     */
    boolean fires(String vendor, RecordedRequest request, Integer status);
  }

  private final String source;
  private final Log log;
  private final Map<String, MockWebServer> servers = new LinkedHashMap<>();
  private final Object gate = new Object();
  private boolean closed;
  private int inFlight;
  private Tripwire tripwire;
  private Runnable kill;
  private volatile Exchange tripped;

  /**
   * @param source names this tap set's exchanges in the log (a child run, a recovering worker)
   */
  VendorTaps(FourVendors vendors, Log log, String source) {
    this.source = source;
    this.log = log;
    FourVendors.Uris targets = vendors.uris();
    start("sf", targets.salesforce());
    start("drive", targets.drive());
    start("stripe", targets.stripe());
    start("jira", targets.jira());
  }

  /** The name this tap set's exchanges carry in the log. */
  String source() {
    return source;
  }

  /** Arms a one-shot tripwire that runs {@code kill} when it fires. */
  void arm(Tripwire tripwire, Runnable kill) {
    synchronized (gate) {
      this.tripwire = tripwire;
      this.kill = kill;
    }
  }

  /**
   * The exchange at which the tripwire fired, or null: refused (status -1) when it fired before
   * forwarding, else with the vendor's answer.
   */
  Exchange tripped() {
    return tripped;
  }

  /** The base URIs clients use, in the connection names of {@link FourVendors}. */
  FourVendors.Uris uris() {
    return new FourVendors.Uris(uri("sf"), uri("drive"), uri("stripe"), uri("jira"));
  }

  private URI uri(String vendor) {
    MockWebServer s = servers.get(vendor);
    InetAddress address = s.getSocketAddress().getAddress();
    String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    return URI.create("http://" + host + ":" + s.getPort());
  }

  /**
   * Refuses every later request (the process that could send them is dead) and waits until
   * exchanges already being forwarded are logged.
   */
  void closeGate() throws InterruptedException {
    synchronized (gate) {
      closed = true;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (inFlight > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) throw new IllegalStateException(inFlight + " exchange(s) still forwarding after 60 s");
        TimeUnit.NANOSECONDS.timedWait(gate, left);
      }
    }
  }

  private void start(String vendor, URI target) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return relay(vendor, target, request);
      }
    });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    servers.put(vendor, server);
  }

  private MockResponse relay(String vendor, URI target, RecordedRequest request) {
    synchronized (gate) {
      if (closed) return refused(vendor, request);
      if (tripwire != null && tripwire.fires(vendor, request, null)) {
        tripped = logRefused(vendor, request);
        return trip();
      }
      inFlight++;
    }
    try {
      Response response = forward(target, request);
      int status = response.code();
      Headers headers = response.headers();
      byte[] body;
      try (response) {
        body = response.body().bytes();
      }
      // Logged before the tripwire may kill, so the log always shows what the vendor did.
      Exchange x = new Exchange(log.nextSeq(), source, vendor, request.getMethod(), request.getTarget(),
          lower(request.getHeaders()), text(request.getBody()), status, lower(headers));
      log.add(x);
      synchronized (gate) {
        if (tripwire != null && tripwire.fires(vendor, request, status)) {
          tripped = x;
          return trip();
        }
      }
      MockResponse.Builder b = new MockResponse.Builder()
          .status("HTTP/1.1 " + status + " " + (response.message().isEmpty() ? "Status" : response.message()));
      for (int i = 0; i < headers.size(); i++) {
        if (!SKIPPED.contains(headers.name(i).toLowerCase(Locale.ROOT))) {
          b.addHeaderLenient(headers.name(i), headers.value(i));
        }
      }
      if (body.length > 0) b.body(new Buffer().write(body));
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("tap " + vendor + " could not reach its fake", e);
    } finally {
      synchronized (gate) {
        inFlight--;
        gate.notifyAll();
      }
    }
  }

  /** Runs the kill for a tripwire that fired, and closes the gate; the caller holds the gate. */
  private MockResponse trip() {
    tripwire = null;
    kill.run();
    closed = true;
    return closeSocket();
  }

  private MockResponse refused(String vendor, RecordedRequest request) {
    logRefused(vendor, request);
    return closeSocket();
  }

  private Exchange logRefused(String vendor, RecordedRequest request) {
    Exchange x = new Exchange(log.nextSeq(), source, vendor, request.getMethod(), request.getTarget(),
        lower(request.getHeaders()), text(request.getBody()), -1, Map.of());
    log.add(x);
    return x;
  }

  private static MockResponse closeSocket() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static Response forward(URI target, RecordedRequest request) throws IOException {
    Request.Builder b = new Request.Builder().url(target.toString() + request.getTarget());
    Headers headers = request.getHeaders();
    String contentType = null;
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (name.equalsIgnoreCase("content-type")) contentType = headers.value(i);
      if (!SKIPPED.contains(name.toLowerCase(Locale.ROOT))) b.addHeader(name, headers.value(i));
    }
    ByteString body = request.getBody();
    String method = request.getMethod();
    boolean needsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    RequestBody requestBody = null;
    if (needsBody || (body != null && body.size() > 0 && !method.equals("GET") && !method.equals("HEAD"))) {
      requestBody = RequestBody.create(body == null ? new byte[0] : body.toByteArray(),
          contentType == null ? null : MediaType.parse(contentType));
    }
    return CLIENT.newCall(b.method(method, requestBody).build()).execute();
  }

  /** {@code request} as the fakes' matchers see it (e.g. for {@code FakeVendor#isCreate}). */
  static RecordedCall call(RecordedRequest request) {
    return new RecordedCall(request.getMethod(), request.getTarget(), lower(request.getHeaders()),
        text(request.getBody()));
  }

  private static Map<String, String> lower(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      out.merge(headers.name(i).toLowerCase(Locale.ROOT), headers.value(i), (a, b) -> a + ", " + b);
    }
    return out;
  }

  private static String text(ByteString body) {
    return body == null ? "" : body.string(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (MockWebServer s : servers.values()) s.close();
  }
}
