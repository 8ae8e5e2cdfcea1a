package dev.actionlayer.benchmarks.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The load harness for issue 12's "one vendor account, one limit": a {@link RateLimitedVendor}
 * process allowing {@code limit} requests per second per account, {@code workers} {@link
 * LoadWorker} processes with {@code agents} agent threads spread over them, all acting as one
 * account for {@code seconds}; then the vendor's per-window counts and the workers' outcomes.
 * Mode {@code shared}: {@code SharedState.jdbc} on one PostgreSQL (run under
 * {@code scripts/with-postgres}); {@code local}: each worker's own in-process limit.
 *
 * <p>{@code SharedLimitLoad [shared|local|both] [workers=4] [agents=8] [seconds=30] [limit=10]}
 */
public final class SharedLimitLoad {
  public static void main(String[] args) throws Exception {
    String modes = args.length > 0 ? args[0] : "both";
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int agents = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    System.out.printf("workers=%d agents=%d seconds=%d vendor limit=%d/s per account; client limit 10/s%n",
        workers, agents, seconds, limit);
    for (String mode : modes.equals("both") ? List.of("shared", "local") : List.of(modes)) {
      run(mode, workers, agents, seconds, limit);
    }
  }

  private static void run(String mode, int workers, int agents, int seconds, int limit) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    File logs = new File("benchmarks/target/load");
    logs.mkdirs();
    Process vendor = new ProcessBuilder(java, "-cp", cp, "-XX:+UseSerialGC", "-Xmx128m",
        "-Dsun.net.httpserver.nodelay=true", RateLimitedVendor.class.getName(), "0", String.valueOf(limit))
        .redirectError(new File(logs, "vendor.err")).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(vendor.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      if (first == null || !first.startsWith("PORT ")) throw new IllegalStateException("vendor said: " + first);
      URI uri = URI.create("http://127.0.0.1:" + first.substring(5).trim() + "/");

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
      String auth = "Basic " + Base64.getEncoder().encodeToString(
          (LoadWorker.LOAD_USER + ":token").getBytes(StandardCharsets.UTF_8));
      report(mode, stats(uri), String.valueOf(auth.hashCode()), limit, ok, errors, seconds);
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
