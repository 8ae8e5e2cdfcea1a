package dev.actionlayer.cli;

import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer approvals list | approve ID | deny ID}: decide what agents asked a broker to
 * do, over its {@code /approvals} endpoints, with an approver's key read from an environment
 * variable ({@code ACTIONLAYER_KEY} by default; never an argument, which would land in the shell's
 * history). Exit 0 done, 1 the broker refused or could not be reached, 2 usage.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
    description = {"List and decide the approvals agents are waiting for on a broker ('actionlayer serve').",
        "The approver's key comes from an environment variable (--key-env, default ACTIONLAYER_KEY)."},
    subcommands = {ApprovalsCommand.ListPending.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Deny.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the broker refused (unknown or decided approval, not an approver) or was unreachable",
        "2:usage problem (arguments, unset environment variable)"})
final class ApprovalsCommand implements Runnable {
  private final Environment environment;

  @Spec
  private CommandSpec spec;

  @Option(names = "--broker", paramLabel = "URL", required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The broker, e.g. http://127.0.0.1:8080 (its /mcp URL works too).")
  private URI broker;

  @Option(names = "--key-env", paramLabel = "VARIABLE", defaultValue = "ACTIONLAYER_KEY",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The environment variable holding an approver's broker key (default: ${DEFAULT-VALUE}).")
  private String keyEnv;

  ApprovalsCommand(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: list, approve ID or deny ID");
  }

  /** Sends one request to the broker's {@code path}; the answer, or a UsageException/IOException. */
  HttpResponse<String> send(String method, String path, String body) throws IOException {
    URI base = base();
    String key = environment.get(keyEnv).orElseThrow(() -> new UsageException("environment variable " + keyEnv
        + " is not set; set it to an approver's broker key ('actionlayer keys create NAME --approver')"));
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key).header("Accept", "application/json");
    r = method.equals("GET") ? r.GET() : r.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    try {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--broker must be an http:// or https:// URL of a broker");
    }
  }

  /** The broker's root: scheme, host and port of --broker; plain http only to this machine. */
  private URI base() {
    String scheme = broker.getScheme();
    if (broker.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new UsageException("--broker must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080");
    }
    if (scheme.equals("http") && !loopback(broker.getHost())) {
      throw new UsageException("--broker: plain http only to this machine (the key would cross the network in"
          + " clear); use https://");
    }
    return URI.create(scheme + "://" + broker.getRawAuthority() + "/");
  }

  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) return true;
    try {
      return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** 0 for a 200, else 1 with the broker's message on stderr. */
  static int refused(HttpResponse<String> r, PrintWriter err) {
    Map<String, Object> body = Json.objectOrNull(r.body());
    Object error = body == null ? null : body.get("error");
    String message = error instanceof Map<?, ?> m && m.get("message") instanceof String s ? s : "HTTP " + r.statusCode();
    err.println("actionlayer approvals: the broker answered " + r.statusCode() + ": " + message);
    return 1;
  }

  static String line(Map<?, ?> a) {
    return a.get("id") + "  " + a.get("principal") + " " + a.get("operation") + " on " + a.get("connection")
        + "  (asked " + a.get("createdAt") + ", expires " + a.get("expiresAt") + ")\n    " + a.get("summary");
  }

  /** {@code approvals list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the pending approvals, oldest first.")
  static final class ListPending implements Callable<Integer> {
    @ParentCommand
    private ApprovalsCommand parent;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      HttpResponse<String> r;
      try {
        r = parent.send("GET", "approvals", null);
      } catch (IOException e) {
        err.println("actionlayer approvals: cannot reach the broker at " + parent.broker + ": " + e.getClass().getSimpleName());
        return 1;
      }
      if (r.statusCode() != 200) return refused(r, err);
      List<?> approvals = Json.array(Json.objectOrNull(r.body()), "approvals");
      if (approvals.isEmpty()) out.println("no pending approvals");
      for (Object a : approvals) out.println(line((Map<?, ?>) a));
      out.flush();
      return 0;
    }
  }

  /** What approve and deny share. */
  abstract static class Decide implements Callable<Integer> {
    @ParentCommand
    private ApprovalsCommand parent;
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The approval's id (apr_ and 20 hex digits).")
    private String id;

    abstract String verb();

    String body() {
      return null;
    }

    @Override
    public Integer call() {
      if (!id.matches("apr_[0-9a-f]{20}")) throw new UsageException("ID must be apr_ and 20 hex digits");
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      HttpResponse<String> r;
      try {
        r = parent.send("POST", "approvals/" + id + "/" + verb(), body());
      } catch (IOException e) {
        err.println("actionlayer approvals: cannot reach the broker at " + parent.broker + ": " + e.getClass().getSimpleName());
        return 1;
      }
      if (r.statusCode() != 200) return refused(r, err);
      Map<String, Object> a = Json.objectOrNull(r.body());
      out.println(a.get("status") + " " + a.get("id") + " (" + a.get("principal") + " " + a.get("operation") + " on "
          + a.get("connection") + ") by " + a.get("decidedBy"));
      out.flush();
      return 0;
    }
  }

  /** {@code approvals approve ID}. */
  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve one pending approval: the agent's repeat of that exact call proceeds, once.")
  static final class Approve extends Decide {
    @Override
    String verb() {
      return "approve";
    }
  }

  /** {@code approvals deny ID [--reason TEXT]}. */
  @Command(name = "deny", mixinStandardHelpOptions = true,
      description = "Deny one pending approval: the agent's repeat fails with PERMISSION_DENIED and the reason.")
  static final class Deny extends Decide {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown to the agent (at most 500 characters).")
    private String reason;

    @Override
    String verb() {
      return "deny";
    }

    @Override
    String body() {
      return reason == null ? null : Json.write(Map.of("reason", reason));
    }
  }
}
