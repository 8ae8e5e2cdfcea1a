package dev.actionlayer.benchmarks.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.SharedState;
import dev.actionlayer.benchmarks.StreamableHttpClient;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One worker process of the load harness in its {@code direct} variant: an {@code ActionLayer} on
 * the vendor (one Jira connection, 10 requests per second, account {@code account}) with the
 * shared state on PostgreSQL ({@code shared}: {@code ACTIONLAYER_PG_URL/USER/PASSWORD}) or in
 * process ({@code local}), and {@code agents} threads that, from {@code startAt} (epoch ms) for
 * {@code seconds}, call {@code tasks_create} then {@code tasks_get} on what they created, as fast
 * as they can, through the tool catalog. Prints one line:
 * {@code RESULT ok=<n> creates=<n> gets=<n> errors=<CODE>:<n>,...}.
 *
 * <p>The default variant ({@code broker}) runs the same layer inside a {@link BrokerWorker} and
 * the same agent loop ({@link #drive}) in the harness over MCP ({@link #overMcp}).
 *
 * <p>{@code LoadWorker <vendorUri> <shared|local> <agents> <seconds> <startAt> <account>}
 */
public final class LoadWorker {
  /** What an agent calls: a tool by name with JSON arguments; in process, or over MCP ({@link #overMcp}). */
  interface Agent {
    ToolResult call(String tool, String jsonArguments);
  }

  /** The warm-up connection's user: the harness leaves its account out of the figures. */
  static final String WARMUP_USER = "warmup@example.com";
  /** The load connection's user. */
  static final String LOAD_USER = "load@example.com";
  /** The principal the broker variant's agents call as, and its policy (everything allowed). */
  static final String PRINCIPAL = "agent";
  static final String POLICY = "{\"version\":1,\"principals\":{\"" + PRINCIPAL
      + "\":{\"allow\":[{\"operations\":[\"*\"],\"connections\":[\"*\"]}]}}}";
  /** The error code counted for a call that got no tool result (HTTP or JSON-RPC failure). */
  static final String TRANSPORT = "TRANSPORT";

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Pattern IS_ERROR = Pattern.compile("\"isError\"\\s*:\\s*true");

  public static void main(String[] args) throws Exception {
    URI vendor = URI.create(args[0]);
    boolean shared = args[1].equals("shared");
    int agents = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    long startAt = Long.parseLong(args[4]);
    String account = args[5];

    HikariDataSource pool = shared ? pool(agents + 2) : null;
    ActionLayer layer = layer(vendor, pool, account, null);
    ToolCatalog tools = layer.tools();
    warm(tools);
    List<Agent> all = new ArrayList<>();
    for (int a = 0; a < agents; a++) all.add(tools::execute);
    Tally tally = drive(all, startAt, startAt + seconds * 1000, String.valueOf(ProcessHandle.current().pid()));
    layer.close();
    if (pool != null) pool.close();
    System.out.println(tally.resultLine());
  }

  /**
   * The worker's layer: connection {@code jira} on the vendor (10/s, {@code account}), connection
   * {@code warmup} on another account without a limit, the shared state on {@code pool} (jdbc) or
   * local when it is null, and {@code policy} if not null.
   */
  static ActionLayer layer(URI vendor, DataSource pool, String account, Policy policy) {
    ActionLayer.Builder b = ActionLayer.builder()
        .connection("jira", Jira.connector(vendor, Credentials.basic(LOAD_USER, "token")),
            p -> p.rateLimit(10, Duration.ofSeconds(1)).account(account))
        // Another account (the vendor counts it apart; the harness leaves it out of the figures):
        // warms the HTTP client, the connection pool and the JIT before the common start, so that
        // a cold JVM's first requests do not stall after their permits.
        // Its token names the process, so each process warms on its own vendor window (one warm-up
        // account for all would queue every process's warm-up behind the vendor's 10/s).
        .connection("warmup", Jira.connector(vendor, Credentials.basic(WARMUP_USER,
                "token-" + ProcessHandle.current().pid())),
            p -> p.noRateLimit().account("warmup-" + ProcessHandle.current().pid()))
        .sharedState(pool != null ? SharedState.jdbc(pool) : SharedState.local());
    if (policy != null) b.policy(policy);
    return b.build();
  }

  /** Ten creates and gets on the warm-up connection (two seconds of the vendor's allowance). */
  static void warm(ToolCatalog tools) {
    for (int i = 0; i < 10; i++) {
      tools.execute("tasks_create", "{\"connection\":\"warmup\",\"project\":\"PROJ\",\"title\":\"warm "
          + i + "\"}");
      tools.execute("tasks_get", "{\"connection\":\"warmup\",\"id\":\"10001\"}");
    }
  }

  /**
   * An agent calling through a broker: {@code tools/call} on {@code client}; the tool result's
   * text (the same JSON as in process) and its {@code isError}. An error result (RATE_LIMITED,
   * say) is the broker's answer, not the vendor's 429; a call with no tool result throws.
   */
  static Agent overMcp(StreamableHttpClient client) {
    return (tool, arguments) -> {
      String response = client.callTool(tool, arguments);
      boolean error = IS_ERROR.matcher(response).find();
      // The tool result is a text content holding JSON: unescaped, ID and CODE read it as in process.
      return new ToolResult(response.replace("\\\"", "\""), error);
    };
  }

  /**
   * Runs one thread per agent from {@code startAt} to {@code endAt} (epoch ms), each calling
   * {@code tasks_create} then {@code tasks_get} on what it created, as fast as answers come; the
   * outcomes. {@code tag} makes the titles unique across processes (the duplicate window would
   * answer a repeated create without sending).
   */
  static Tally drive(List<Agent> agents, long startAt, long endAt, String tag) throws InterruptedException {
    Tally tally = new Tally();
    AtomicLong titles = new AtomicLong();
    CountDownLatch done = new CountDownLatch(agents.size());
    for (int a = 0; a < agents.size(); a++) {
      Agent agent = agents.get(a);
      Thread t = new Thread(() -> {
        try {
          while (System.currentTimeMillis() < startAt) Thread.sleep(1);
          while (System.currentTimeMillis() < endAt) {
            ToolResult created = tally.call(agent, "tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\","
                + "\"title\":\"load " + tag + "-" + titles.incrementAndGet() + "\"}");
            if (created != null && !created.isError()) tally.creates.increment();
            if (System.currentTimeMillis() >= endAt) break;
            Matcher m = created == null ? null : ID.matcher(created.json());
            String id = m != null && !created.isError() && m.find() ? m.group(1) : "10001";
            ToolResult got = tally.call(agent, "tasks_get", "{\"connection\":\"jira\",\"id\":\"" + id + "\"}");
            if (got != null && !got.isError()) tally.gets.increment();
            if (created == null || got == null) Thread.sleep(10); // no answer: do not spin on a dead broker
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
    return tally;
  }

  /** The agents' outcomes: calls that succeeded, and failures by error code. Thread-safe. */
  static final class Tally {
    final LongAdder ok = new LongAdder();
    final LongAdder creates = new LongAdder();
    final LongAdder gets = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** One call, counted; null when it got no tool result ({@link #TRANSPORT}). */
    ToolResult call(Agent agent, String tool, String arguments) {
      ToolResult r;
      try {
        r = agent.call(tool, arguments);
      } catch (RuntimeException e) {
        errors.computeIfAbsent(TRANSPORT, c -> new LongAdder()).increment();
        return null;
      }
      if (!r.isError()) {
        ok.increment();
      } else {
        Matcher m = CODE.matcher(r.json());
        errors.computeIfAbsent(m.find() ? m.group(1) : "?", c -> new LongAdder()).increment();
      }
      return r;
    }

    String resultLine() {
      StringBuilder err = new StringBuilder();
      new TreeMap<>(errors).forEach((code, n) -> err.append(err.length() == 0 ? "" : ",").append(code)
          .append(':').append(n.sum()));
      return "RESULT ok=" + ok.sum() + " creates=" + creates.sum() + " gets=" + gets.sum() + " errors=" + err;
    }
  }

  static HikariDataSource pool(int size) {
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
