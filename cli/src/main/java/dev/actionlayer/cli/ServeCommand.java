package dev.actionlayer.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.SharedState;
import dev.actionlayer.audit.AsyncJsonLinesAuditSink;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.broker.ApprovalStore;
import dev.actionlayer.broker.Broker;
import dev.actionlayer.broker.BrokerApprovals;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.saga.SagaJournal;


import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer serve}: the broker — the tool catalog over MCP Streamable HTTP at {@code /mcp}
 * for many agents, each with its own key, under a policy — from a configuration file: the
 * connections as for {@code call}, plus {@code broker.*} settings. Prints one line with the URL it
 * listens on, then serves until the process is stopped (SIGINT/SIGTERM: requests in flight finish,
 * then it exits).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the tools to MCP clients over Streamable HTTP (the broker): agents hold a broker key,"
        + " the vendor credentials stay here.",
        "Prints 'actionlayer serve: listening on <url>' once ready; stop it with Ctrl-C or SIGTERM."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:serving failed (address in use, database unreachable)",
        "2:usage problem (configuration, principals or policy file, unset environment variable)"},
    footerHeading = "%nConfiguration (the connections as for 'call', plus):%n",
    footer = {
        "  broker.principals=principals.properties   required; <name>.key=sha256:<hex> lines ('actionlayer keys create NAME')",
        "  broker.policy=policy.json                 required; who may do what (a principal it does not name may do nothing)",
        "  broker.host=127.0.0.1                     the address to bind (default 127.0.0.1)",
        "  broker.port=8080                          default 8080; 0 takes a free port",
        "  broker.allowedOrigins=http://localhost:6274   browser origins allowed (default none: browsers are refused)",
        "  broker.audit=audit.jsonl                  append audit events (calls and approval decisions) to this file",
        "  broker.database.url=jdbc:postgresql://db:5432/actionlayer   PostgreSQL for the saga journal and approvals",
        "  broker.database.user.env=ACTIONLAYER_DB_USER",
        "  broker.database.password.env=ACTIONLAYER_DB_PASSWORD",
        "Relative paths are relative to the configuration file's directory.",
        "",
        "MCP host entry: {\"url\": \"http://127.0.0.1:8080/mcp\", \"headers\": {\"Authorization\": \"Bearer al_...\"}}"})
final class ServeCommand implements Callable<Integer> {
  /** Default port when the file sets none. */
  static final int DEFAULT_PORT = 8080;

  private final Environment environment;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "actionlayer.properties",
      description = "The connections and broker.* settings (default: ${DEFAULT-VALUE}).")
  private Path config;

  ServeCommand(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConnectionsFile connections = ConnectionsFile.load(config);
    BrokerSettings file = connections.broker();
    Path principals = required(file, "principals", "the principals file ('actionlayer keys create NAME' prints its lines)");
    Path policyFile = required(file, "policy", "the policy file: which principal may do what");
    if (!Files.isRegularFile(principals)) {
      throw file.refused("principals", "no such file; create it with the lines 'actionlayer keys create NAME' prints");
    }
    Policy policy = policy(file, policyFile);
    int port = Integer.parseInt(file.value("port", String.valueOf(DEFAULT_PORT)));
    List<String> origins = file.has("allowedOrigins")
        ? Arrays.stream(file.value("allowedOrigins", "").split(",")).map(String::strip).toList() : List.of();
    Path auditFile = file.path("audit");
    if (auditFile != null) UserFiles.requireAppendable(auditFile, "broker.audit");

    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      HikariDataSource database = database(file);
      if (database != null) resources.push(database);
      AuditSink audit = AuditSink.NONE;
      if (auditFile != null) {
        AsyncJsonLinesAuditSink sink = AsyncJsonLinesAuditSink.open(auditFile);
        resources.push(sink);
        audit = sink;
      }
      ApprovalStore store = database == null ? ApprovalStore.inMemory() : ApprovalStore.jdbc(database);
      BrokerApprovals approvals = BrokerApprovals.builder().store(store).auditSink(audit).build();
      // One registry for the layer's meters and the broker's /metrics (docs/observability.md).
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ActionLayer.Builder builder = ActionLayer.builder().principal("broker").auditSink(audit).policy(policy)
          .approver(approvals).meterRegistry(metrics);
      SharedState shared = database == null ? SharedState.local() : SharedState.jdbc(database);
      if (database != null) builder.journal(SagaJournal.jdbc(database)).sharedState(shared);
      for (String name : connections.names()) builder.connection(name, connections.connector(name, environment), connections.policy(name));
      ActionLayer layer;
      try {
        layer = builder.build();
      } catch (IllegalArgumentException e) {
        // The policy names a connection the file does not have; the message names its location.
        throw new UsageException(policyFile + " refused: " + e.getMessage());
      }
      resources.push(layer);
      Broker.Builder broker = Broker.builder(layer).principals(principals).port(port).approvals(approvals)
          .metrics(metrics);
      if (file.has("host")) broker.host(file.value("host", null));
      try {
        broker.allowedOrigins(origins);
      } catch (IllegalArgumentException e) {
        throw file.refused("allowedOrigins", "must be a comma-separated list of scheme://host[:port] origins");
      }
      if (database != null) {
        broker.readinessCheck("database", () -> valid(database));
        broker.readinessCheck("shared-state", shared::ready);
      }
      Broker running;
      try {
        running = broker.build().start();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage()); // the principals file's problems, never its values
      } catch (IllegalStateException e) {
        err.println("actionlayer serve: " + e.getMessage());
        return 1;
      }
      resources.push(running);
      out.println("actionlayer serve: listening on " + running.uri());
      out.flush();
      awaitShutdown(resources, err);
      return 0;
    } catch (IllegalStateException e) {
      // The database could not be reached, or a table not created: one line, no stack trace.
      err.println("actionlayer serve: " + e.getMessage());
      return 1;
    } finally {
      closeAll(resources);
    }
  }

  private static Path required(BrokerSettings file, String setting, String what) {
    Path p = file.path(setting);
    if (p == null) throw file.refused(setting, "is required: " + what);
    return p;
  }

  private static Policy policy(BrokerSettings file, Path policyFile) {
    if (!Files.isRegularFile(policyFile)) throw file.refused("policy", "no such file");
    try {
      return Policy.load(policyFile);
    } catch (IllegalArgumentException e) {
      throw new UsageException(policyFile + " refused: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new UsageException("cannot read " + policyFile + ": " + e.getClass().getSimpleName());
    }
  }

  /** A pool on broker.database.url, or null when the file has none. */
  private HikariDataSource database(BrokerSettings file) {
    if (!file.has("database.url")) return null;
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(file.value("database.url", null));
    if (file.has("database.user.env")) c.setUsername(file.secret("database.user.env", environment));
    if (file.has("database.password.env")) {
      c.setPassword(file.secret("database.password.env", environment));
    }
    c.setMaximumPoolSize(16);
    c.setPoolName("actionlayer-broker");
    try {
      return new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to broker.database.url: " + e.getClass().getSimpleName()
          + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")"));
    }
  }

  private static boolean valid(HikariDataSource database) {
    try (java.sql.Connection c = database.getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** Blocks until the JVM is asked to stop; the hook closes everything, the broker first. */
  private static void awaitShutdown(Deque<AutoCloseable> resources, PrintWriter err) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      closeAll(resources);
      stopped.countDown();
    }, "actionlayer-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("actionlayer serve: interrupted, stopping");
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    synchronized (resources) {
      while (!resources.isEmpty()) {
        AutoCloseable r = resources.pop();
        try {
          r.close();
        } catch (Exception e) {
          System.err.println("actionlayer serve: closing " + r.getClass().getSimpleName() + " failed: " + e);
        }
      }
    }
  }
}
