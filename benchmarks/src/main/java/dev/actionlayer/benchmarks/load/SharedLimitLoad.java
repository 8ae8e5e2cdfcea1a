package dev.actionlayer.benchmarks.load;

import dev.actionlayer.benchmarks.StreamableHttpClient;
import dev.actionlayer.broker.BrokerKeys;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The load harness for issue 12's "one vendor account, one limit": a {@link RateLimitedVendor}
 * process allowing {@code limit} requests per second per account, {@code workers} worker
 * processes with {@code agents} agents spread evenly over them, all acting as one account for
 * {@code seconds}; then the vendor's per-window counts and the agents' outcomes. Mode
 * {@code shared}: {@code SharedState.jdbc} on one PostgreSQL (run under
 * {@code scripts/with-postgres}); {@code local}: each worker's own in-process limit.
 *
 * <p>Path {@code broker} (the default): each worker is a {@link BrokerWorker}, a {@code Broker}
 * on an ephemeral loopback port over the layer; the agents are threads of this process, each an
 * MCP client ({@code StreamableHttpClient}, its own session and keep-alive connection) of broker
 * {@code i % workers}, calling the {@code tasks_create} and {@code tasks_get} tools with a broker
 * key. Path {@code direct}: each worker is a {@link LoadWorker} whose agent threads call the
 * layer's tool catalog in process.
 *
 * <p>{@code SharedLimitLoad [shared|local|both] [workers=4] [agents=8] [seconds=30] [limit=10]
 * [broker|direct]}
 */
public final class SharedLimitLoad {
  public static void main(String[] args) throws Exception {
    String modes = args.length > 0 ? args[0] : "both";
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int agents = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String path = args.length > 5 ? args[5] : "broker";
    if (!path.equals("broker") && !path.equals("direct")) throw new IllegalArgumentException("path: broker|direct");
    System.out.printf("path=%s workers=%d agents=%d seconds=%d vendor limit=%d/s per account; client limit 10/s;"
        + " %d CPUs; %s%n", path, workers, agents, seconds, limit, Runtime.getRuntime().availableProcessors(),
        loadAverage());
    for (String mode : modes.equals("both") ? List.of("shared", "local") : List.of(modes)) {
      if (path.equals("broker")) {
        runBrokers(mode, workers, agents, seconds, limit);
      } else {
        run(mode, workers, agents, seconds, limit);
      }
    }
  }

  /** The broker path: {@code workers} {@link BrokerWorker}s, the agents here as their MCP clients. */
  private static void runBrokers(String mode, int workers, int agents, int seconds, int limit) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    File logs = new File("benchmarks/target/load");
    logs.mkdirs();
    String key = BrokerKeys.generate();
    Path principals = logs.toPath().resolve("principals-" + mode + ".properties");
    Files.writeString(principals, LoadWorker.PRINCIPAL + ".key=" + BrokerKeys.hash(key) + "\n");
    Process vendor = startVendor(java, cp, logs, limit);
    List<Process> procs = new ArrayList<>();
    List<StreamableHttpClient> clients = new ArrayList<>();
    try {
      URI uri = vendorUri(vendor);
      String account = "load-" + mode + "-" + System.currentTimeMillis();
      for (int w = 0; w < workers; w++) {
        procs.add(new ProcessBuilder(java, "-cp", cp, "-XX:+UseSerialGC", "-Xmx256m",
            BrokerWorker.class.getName(), uri.toString(), mode, account, principals.toString())
            .redirectError(new File(logs, mode + "-broker-" + w + ".err")).start());
      }
      List<URI> brokers = new ArrayList<>();
      List<BufferedReader> outs = new ArrayList<>();
      for (Process p : procs) {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        outs.add(r);
        String line = r.readLine();
        if (line == null || !line.startsWith("BROKER ")) {
          throw new IllegalStateException("a broker said " + line + "; see " + logs);
        }
        brokers.add(URI.create(line.substring(7).trim()));
      }
      // Each agent: its own session and connection to broker i % workers, warmed through the broker
      // on the warm-up account (left out of the figures), so the start finds warm brokers and clients.
      List<LoadWorker.Agent> callers = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        StreamableHttpClient c = StreamableHttpClient.connect(brokers.get(i % workers), key);
        clients.add(c);
        callers.add(LoadWorker.overMcp(c));
      }
      for (int round = 0; round < 5; round++) {
        for (StreamableHttpClient c : clients) {
          c.callTool("tasks_create", "{\"connection\":\"warmup\",\"project\":\"PROJ\",\"title\":\"warm " + round + "\"}");
          c.callTool("tasks_get", "{\"connection\":\"warmup\",\"id\":\"10001\"}");
        }
      }
      String before = loadAverage();
      long startAt = System.currentTimeMillis() + 1_000;
      LoadWorker.Tally tally = LoadWorker.drive(callers, startAt, startAt + seconds * 1000L,
          mode + "-" + ProcessHandle.current().pid());
      String after = loadAverage();
      for (StreamableHttpClient c : clients) c.close();
      clients.clear();
      for (int w = 0; w < procs.size(); w++) {
        Process p = procs.get(w);
        p.getOutputStream().close(); // end of input: the broker stops
        String line;
        while ((line = outs.get(w).readLine()) != null && !line.equals("DONE")) {
          // nothing else is printed
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      }
      Map<String, Long> errors = new TreeMap<>();
      tally.errors.forEach((code, n) -> errors.put(code, n.sum()));
      System.out.printf("%n(load average before the run: %s; after: %s)", before, after);
      report(mode + " (" + workers + " brokers, agents over MCP)", stats(uri),
          loadAccount(), limit, tally.ok.sum(), errors, seconds);
      System.out.printf("agents: %d creates, %d gets succeeded; %d tool results RATE_LIMITED (back-pressure"
          + " the agents saw from the broker, not vendor 429s)%n", tally.creates.sum(), tally.gets.sum(),
          errors.getOrDefault("RATE_LIMITED", 0L));
    } finally {
      for (StreamableHttpClient c : clients) c.close();
      for (Process p : procs) if (p.isAlive()) p.destroyForcibly();
      vendor.destroy();
      vendor.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(principals);
    }
  }

  private static Process startVendor(String java, String cp, File logs, int limit) throws IOException {
    return new ProcessBuilder(java, "-cp", cp, "-XX:+UseSerialGC", "-Xmx128m",
        "-Dsun.net.httpserver.nodelay=true", RateLimitedVendor.class.getName(), "0", String.valueOf(limit))
        .redirectError(new File(logs, "vendor.err")).start();
  }

  private static URI vendorUri(Process vendor) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(vendor.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.startsWith("PORT ")) throw new IllegalStateException("vendor said: " + first);
    return URI.create("http://127.0.0.1:" + first.substring(5).trim() + "/");
  }

  /** The vendor's key for the load account: the hash of the load connection's Authorization header. */
  private static String loadAccount() {
    String auth = "Basic " + Base64.getEncoder().encodeToString(
        (LoadWorker.LOAD_USER + ":token").getBytes(StandardCharsets.UTF_8));
    return String.valueOf(auth.hashCode());
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return "load average " + f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "load average unknown";
    }
  }

  /** The direct path: {@code workers} {@link LoadWorker}s, their agents calling the layer in process. */
  private static void run(String mode, int workers, int agents, int seconds, int limit) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    File logs = new File("benchmarks/target/load");
    logs.mkdirs();
    Process vendor = startVendor(java, cp, logs, limit);
    try {
      URI uri = vendorUri(vendor);

      long startAt = System.currentTimeMillis() + 8_000; // JVM start-up and pool warm-up on 2 cores
      String account = "load-" + mode + "-" + startAt;
      List<Process> procs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int mine = agents / workers + (w < agents % workers ? 1 : 0);
        procs.add(new ProcessBuilder(java, "-cp", cp, "-XX:+UseSerialGC", "-Xmx192m",
            LoadWorker.class.getName(), uri.toString(), mode, String.valueOf(mine),
            String.valueOf(seconds), String.valueOf(startAt), account)
            .redirectError(new File(logs, mode + "-worker-" + w + ".err")).start());
      }
      long ok = 0;
      Map<String, Long> errors = new TreeMap<>();
      for (Process p : procs) {
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) if (line.startsWith("RESULT ")) result = line;
        }
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) p.destroyForcibly();
        if (result == null) throw new IllegalStateException("a worker printed no RESULT; see " + logs);
        for (String part : result.substring(7).split(" ")) {
          String[] kv = part.split("=", 2);
          if (kv[0].equals("ok")) ok += Long.parseLong(kv[1]);
          if (kv[0].equals("errors") && !kv[1].isEmpty()) {
            for (String e : kv[1].split(",")) {
              String[] cn = e.split(":");
              errors.merge(cn[0], Long.parseLong(cn[1]), Long::sum);
            }
          }
        }
      }
      report(mode + " (direct: " + workers + " worker JVMs running the layer)", stats(uri), loadAccount(), limit, ok,
          errors, seconds);
    } finally {
      vendor.destroy();
      vendor.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String stats(URI uri) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    return client.send(HttpRequest.newBuilder(uri.resolve("/stats")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void report(String mode, String stats, String account, int limit, long ok, Map<String, Long> errors,
      int seconds) {
    long requests = 0;
    long refused = 0;
    long max = 0;
    int windows = 0;
    int over = 0;
    StringBuilder perWindow = new StringBuilder();
    for (String line : stats.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.trim().split(" ");
      if (!f[0].equals(account)) continue; // the workers' warm-up account
      long n = Long.parseLong(f[2]);
      long r = Long.parseLong(f[3]);
      requests += n;
      refused += r;
      max = Math.max(max, n);
      windows++;
      if (n > limit) over++;
      perWindow.append(perWindow.length() == 0 ? "" : " ").append(n);
    }
    System.out.printf("%n== %s ==%n", mode);
    System.out.printf("vendor: %d requests in %d one-second windows; max per window %d (limit %d);"
        + " windows over the limit %d; 429s %d (%.1f %%)%n", requests, windows, max, limit, over, refused,
        requests == 0 ? 0.0 : 100.0 * refused / requests);
    System.out.printf("agents: %d calls completed (%.1f/s), failed by code %s%n", ok, (double) ok / seconds, errors);
    System.out.printf("requests per window: %s%n", perWindow);
  }
}
