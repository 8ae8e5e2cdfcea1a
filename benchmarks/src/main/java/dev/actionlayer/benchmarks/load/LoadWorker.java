package dev.actionlayer.benchmarks.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.SharedState;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One worker process of the load harness: an {@code ActionLayer} on the vendor (one Jira
 * connection, 10 requests per second, account {@code account}) with the shared state on
 * PostgreSQL ({@code shared}: {@code ACTIONLAYER_PG_URL/USER/PASSWORD}) or in process
 * ({@code local}), and {@code agents} threads that, from {@code startAt} (epoch ms) for
 * {@code seconds}, call {@code tasks_create} then {@code tasks_get} on what they created, as fast
 * as they can, through the tool catalog — the path a broker's MCP {@code tools/call} takes, so an
 * agent here can become an MCP client of a broker by replacing {@link Agent}. Prints one line:
 * {@code RESULT ok=<n> creates=<n> gets=<n> errors=<CODE>:<n>,...}.
 *
 * <p>{@code LoadWorker <vendorUri> <shared|local> <agents> <seconds> <startAt> <account>}
 */
public final class LoadWorker {
  /** What an agent calls: a tool by name with JSON arguments. In process now; over MCP later. */
  interface Agent {
    ToolResult call(String tool, String jsonArguments);
  }

  /** The warm-up connection's user: the harness leaves its account out of the figures. */
  static final String WARMUP_USER = "warmup@example.com";
  /** The load connection's user. */
  static final String LOAD_USER = "load@example.com";

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

  public static void main(String[] args) throws Exception {
    URI vendor = URI.create(args[0]);
    boolean shared = args[1].equals("shared");
    int agents = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    long startAt = Long.parseLong(args[4]);
    String account = args[5];

    HikariDataSource pool = shared ? pool(agents + 2) : null;
    ActionLayer layer = ActionLayer.builder()
        .connection("jira", Jira.connector(vendor, Credentials.basic(LOAD_USER, "token")),
            p -> p.rateLimit(10, Duration.ofSeconds(1)).account(account))
        // Another account (the vendor counts it apart; the harness leaves it out of the figures):
        // warms the HTTP client, the connection pool and the JIT before the common start, so that
        // a cold JVM's first requests do not stall after their permits.
        .connection("warmup", Jira.connector(vendor, Credentials.basic(WARMUP_USER, "token")),
            p -> p.noRateLimit().account("warmup-" + ProcessHandle.current().pid()))
        .sharedState(shared ? SharedState.jdbc(pool) : SharedState.local())
        .build();
    ToolCatalog tools = layer.tools();
    Agent agent = tools::execute;
    for (int i = 0; i < 20; i++) {
      tools.execute("tasks_create", "{\"connection\":\"warmup\",\"project\":\"PROJ\",\"title\":\"warm "
          + i + "\"}");
      tools.execute("tasks_get", "{\"connection\":\"warmup\",\"id\":\"10001\"}");
    }

    LongAdder ok = new LongAdder();
    LongAdder creates = new LongAdder();
    LongAdder gets = new LongAdder();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    AtomicLong titles = new AtomicLong();
    long endAt = startAt + seconds * 1000;
    CountDownLatch done = new CountDownLatch(agents);
    for (int a = 0; a < agents; a++) {
      Thread t = new Thread(() -> {
        try {
          while (System.currentTimeMillis() < startAt) Thread.sleep(1);
          while (System.currentTimeMillis() < endAt) {
            // Unique titles: the duplicate window would answer a repeated create without sending.
            ToolResult created = agent.call("tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\","
                + "\"title\":\"load " + ProcessHandle.current().pid() + "-" + titles.incrementAndGet() + "\"}");
            if (count(created, ok, errors)) creates.increment();
            if (System.currentTimeMillis() >= endAt) break;
            Matcher m = ID.matcher(created.json());
            String id = !created.isError() && m.find() ? m.group(1) : "10001";
            ToolResult got = agent.call("tasks_get", "{\"connection\":\"jira\",\"id\":\"" + id + "\"}");
            if (count(got, ok, errors)) gets.increment();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "agent-" + a);
      t.start();
    }
    done.await();
    layer.close();
    if (pool != null) pool.close();
    StringBuilder err = new StringBuilder();
    new TreeMap<>(errors).forEach((code, n) -> err.append(err.length() == 0 ? "" : ",").append(code)
        .append(':').append(n.sum()));
    System.out.println("RESULT ok=" + ok.sum() + " creates=" + creates.sum() + " gets=" + gets.sum()
        + " errors=" + err);
  }

  /** Counts one outcome; true when it succeeded. */
  private static boolean count(ToolResult r, LongAdder ok, Map<String, LongAdder> errors) {
    if (!r.isError()) {
      ok.increment();
      return true;
    }
    Matcher m = CODE.matcher(r.json());
    errors.computeIfAbsent(m.find() ? m.group(1) : "?", c -> new LongAdder()).increment();
    return false;
  }

  private static HikariDataSource pool(int size) {
    String url = System.getenv("ACTIONLAYER_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("ACTIONLAYER_PG_URL is not set: run under scripts/with-postgres");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(System.getenv().getOrDefault("ACTIONLAYER_PG_USER", "actionlayer"));
    config.setPassword(System.getenv().getOrDefault("ACTIONLAYER_PG_PASSWORD", ""));
    config.setMaximumPoolSize(size);
    config.setPoolName("load-worker");
    return new HikariDataSource(config);
  }
}
