package dev.actionlayer.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process stand-in for Jira Cloud on loopback: the JDK's HTTP server answering {@code GET
 * /rest/api/3/issue/10000} with a fixed IssueBean ({@link #ISSUE_JSON}, 1.6 KB, or {@link
 * #SMALL_ISSUE_JSON}, ~200 bytes), keep-alive, Nagle off. Everything else is 404.
 */
final class JiraStub implements AutoCloseable {
  static final String ISSUE_ID = "10000";
  static final String ISSUE_PATH = "/rest/api/3/issue/" + ISSUE_ID;

  /** A realistic {@code GET /rest/api/3/issue/10000?fields=summary,description,project} answer (1,637 bytes). */
  static final String ISSUE_JSON = "{"
      + "\"expand\":\"renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations,customfield_10010.requestTypePractice\","
      + "\"id\":\"10000\","
      + "\"self\":\"https://acme.atlassian.net/rest/api/3/issue/10000\","
      + "\"key\":\"PROJ-1\","
      + "\"fields\":{"
      + "\"summary\":\"Login page returns 500 after password reset\","
      + "\"issuetype\":{\"self\":\"https://acme.atlassian.net/rest/api/3/issuetype/10001\",\"id\":\"10001\","
      + "\"description\":\"A small, distinct piece of work.\",\"iconUrl\":\"https://acme.atlassian.net/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium\","
      + "\"name\":\"Task\",\"subtask\":false,\"avatarId\":10318,\"hierarchyLevel\":0},"
      + "\"project\":{\"self\":\"https://acme.atlassian.net/rest/api/3/project/10000\",\"id\":\"10000\",\"key\":\"PROJ\","
      + "\"name\":\"Platform\",\"projectTypeKey\":\"software\",\"simplified\":false},"
      + "\"status\":{\"self\":\"https://acme.atlassian.net/rest/api/3/status/10000\",\"description\":\"\","
      + "\"iconUrl\":\"https://acme.atlassian.net/\",\"name\":\"To Do\",\"id\":\"10000\","
      + "\"statusCategory\":{\"self\":\"https://acme.atlassian.net/rest/api/3/statuscategory/2\",\"id\":2,\"key\":\"new\",\"colorName\":\"blue-gray\",\"name\":\"To Do\"}},"
      + "\"labels\":[\"backend\",\"login\",\"customer-reported\"],"
      + "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":["
      + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"After a password reset, the first sign-in on /login answers HTTP 500 "
      + "instead of redirecting to the dashboard.\"},{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"Seen by three customers since Monday's deploy.\"}]},"
      + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Steps: reset the password from the e-mail link, then sign in with the new one. "
      + "The stack trace points at the session store; a second attempt succeeds.\"}]}"
      + "]}"
      + "}}";

  /**
   * A small answer to the same request (217 bytes): the same shape, a one-line summary and a
   * one-paragraph ADF description, nothing Jira adds unasked ({@code expand}, {@code self}, …).
   */
  static final String SMALL_ISSUE_JSON = "{"
      + "\"id\":\"10000\",\"key\":\"PROJ-1\","
      + "\"fields\":{"
      + "\"summary\":\"Fix login bug\","
      + "\"project\":{\"key\":\"PROJ\"},"
      + "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":["
      + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"500s on /login\"}]}"
      + "]}"
      + "}}";
  private static final byte[] NOT_FOUND_BYTES =
      "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] issue;

  private JiraStub(HttpServer server, ExecutorService executor, byte[] issue) {
    this.server = server;
    this.executor = executor;
    this.issue = issue;
  }

  /**
   * Starts the stub on an ephemeral loopback port, answering the issue with {@code issueJson}. The
   * nodelay property must be set before the JDK's server configuration class loads, so it is set
   * here, before the first {@link HttpServer} is created (the benchmark's fork also passes it on
   * the command line). Sixteen handler threads, so that sixteen concurrent callers each find one.
   */
  static JiraStub start(String issueJson) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "jira-stub");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    JiraStub stub = new JiraStub(server, executor, issueJson.getBytes(StandardCharsets.UTF_8));
    server.createContext("/", stub::handle);
    server.start();
    return stub;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
      boolean found = exchange.getRequestMethod().equals("GET")
          && exchange.getRequestURI().getPath().equals(ISSUE_PATH);
      byte[] body = found ? issue : NOT_FOUND_BYTES;
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "application/json;charset=UTF-8");
      headers.set("Cache-Control", "no-cache, no-store, no-transform");
      headers.set("X-AREQUESTID", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
      exchange.sendResponseHeaders(found ? 200 : 404, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
