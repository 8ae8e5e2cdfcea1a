package dev.actionlayer.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load harness's vendor, a process of its own: Jira's create and get issue on loopback (the
 * JDK's HTTP server, Nagle off), allowing {@code limit} requests per account (the
 * {@code Authorization} header) in each one-second window of the wall clock (epoch second of
 * arrival), and answering {@code 429} with {@code Retry-After: 1} beyond. Every request counts,
 * the refused ones too. {@code GET /stats} (not counted) returns the windows as lines
 * {@code <account-hash> <epoch-second> <requests> <refused>}.
 *
 * <p>{@code java -Dsun.net.httpserver.nodelay=true ... RateLimitedVendor [port] [limit]}; prints
 * {@code PORT <n>} once listening.
 */
public final class RateLimitedVendor {
  private final int limit;
  /** account hash -> epoch second -> {requests, refused}. */
  private final Map<Integer, TreeMap<Long, long[]>> windows = new TreeMap<>();
  private final AtomicLong ids = new AtomicLong(10_000);

  RateLimitedVendor(int limit) {
    this.limit = limit;
  }

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int limit = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    RateLimitedVendor vendor = new RateLimitedVendor(limit);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.createContext("/", vendor::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    System.out.println("PORT " + server.getAddress().getPort());
    System.out.flush();
  }

  /** True when the request is within the account's window allowance; counts it either way. */
  private boolean admit(String account) {
    long second = System.currentTimeMillis() / 1000;
    synchronized (windows) {
      long[] w = windows.computeIfAbsent(account == null ? 0 : account.hashCode(), a -> new TreeMap<>())
          .computeIfAbsent(second, s -> new long[2]);
      w[0]++;
      if (w[0] <= limit) return true;
      w[1]++;
      return false;
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x; InputStream in = x.getRequestBody()) {
      in.readAllBytes();
      String path = x.getRequestURI().getPath();
      if (path.equals("/stats")) {
        respond(x, 200, stats(), "text/plain");
        return;
      }
      if (!admit(x.getRequestHeaders().getFirst("Authorization"))) {
        x.getResponseHeaders().add("Retry-After", "1");
        respond(x, 429, "{\"errorMessages\":[\"Rate limit exceeded.\"],\"errors\":{}}", "application/json");
        return;
      }
      if (x.getRequestMethod().equals("POST") && path.equals("/rest/api/3/issue")) {
        long id = ids.incrementAndGet();
        respond(x, 201, "{\"id\":\"" + id + "\",\"key\":\"PROJ-" + id + "\",\"self\":\"http://localhost/rest/api/3/issue/"
            + id + "\"}", "application/json");
      } else if (x.getRequestMethod().equals("GET") && path.startsWith("/rest/api/3/issue/")) {
        String id = path.substring("/rest/api/3/issue/".length());
        respond(x, 200, "{\"id\":\"" + id + "\",\"key\":\"PROJ-" + id + "\",\"fields\":{\"summary\":\"load\","
            + "\"project\":{\"key\":\"PROJ\"}}}", "application/json");
      } else {
        respond(x, 404, "{\"errorMessages\":[\"not found\"],\"errors\":{}}", "application/json");
      }
    }
  }

  private String stats() {
    StringBuilder b = new StringBuilder();
    synchronized (windows) {
      windows.forEach((account, perSecond) -> perSecond.forEach((second, w) ->
          b.append(account).append(' ').append(second).append(' ').append(w[0]).append(' ')
              .append(w[1]).append('\n')));
    }
    return b.toString();
  }

  private static void respond(HttpExchange x, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
