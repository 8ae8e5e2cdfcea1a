package dev.actionlayer.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.actionlayer.Task;
import dev.actionlayer.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The baseline: {@code tasks.get} as a competent developer would write it against Jira without
 * Actionlayer. One shared OkHttp client with the layer's client settings (no OkHttp retries, no
 * redirects, 5 s connect and 30 s read/write timeouts, a pool of 32 connections), Basic auth
 * computed once, the body streamed straight into a typed Moshi model (records, as the Jira
 * connector's), ADF flattened to text, the same fields read as the connector reads (status and its
 * category, assignee, due date, labels, key and the browse URL), so both return an equal {@code Task}. No retries, breaker, limiter, bulkhead, deadline, redaction
 * or audit. Thread-safe.
 */
final class HandWrittenJira implements AutoCloseable {
  public record IssueBean(String id, String key, Fields fields) {}

  public record Fields(String summary, Object description, Project project, Status status, User assignee,
      String duedate, List<String> labels) {}

  public record Project(String key) {}

  public record Status(String name, Category statusCategory) {}

  public record Category(String key) {}

  public record User(String accountId) {}

  /** Jira's status categories, as the tasks' canonical status. */
  private static final Map<String, TaskStatus> CATEGORIES = Map.of(
      "new", TaskStatus.OPEN, "indeterminate", TaskStatus.IN_PROGRESS, "done", TaskStatus.DONE);

  private static final JsonAdapter<IssueBean> ISSUE = new Moshi.Builder().build().adapter(IssueBean.class);

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  /** Where people browse issues: the base URL without its trailing slash. */
  private final String site;
  private final String authorization;

  HandWrittenJira(String baseUrl, String email, String apiToken) {
    this.client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
        .build();
    this.baseUrl = HttpUrl.get(baseUrl);
    this.site = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
  }

  Task getTask(String id) throws IOException {
    HttpUrl url = baseUrl.newBuilder()
        .addPathSegments("rest/api/3/issue")
        .addPathSegment(id)
        .addQueryParameter("fields", "summary,description,project,status,assignee,duedate,labels")
        .build();
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .build();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw new IOException("Jira answered HTTP " + response.code() + " for issue " + id);
      }
      IssueBean issue = ISSUE.fromJson(body.source());
      if (issue == null || issue.id() == null) throw new IOException("no issue in the response");
      Fields f = issue.fields();
      String browse = issue.key() == null ? null : site + "/browse/" + issue.key();
      if (f == null) return new Task(issue.id(), null, null, null, null, null, null, null, List.of(), issue.key(), browse, Map.of());
      Status status = f.status();
      return new Task(issue.id(), f.project() == null ? null : f.project().key(), f.summary(),
          adfToText(f.description()),
          status == null || status.statusCategory() == null ? null : CATEGORIES.get(status.statusCategory().key()),
          status == null ? null : status.name(), f.assignee() == null ? null : f.assignee().accountId(),
          f.duedate(), f.labels() == null ? List.of() : f.labels(), issue.key(), browse, Map.of());
    }
  }

  /** Text nodes joined, hard breaks as newlines, top-level blocks separated by a blank line. */
  static String adfToText(Object doc) {
    if (doc instanceof String s) return s.isBlank() ? null : s;
    if (!(doc instanceof Map<?, ?> m) || !(m.get("content") instanceof List<?> blocks)) return null;
    StringBuilder out = new StringBuilder(256);
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0) out.append("\n\n");
      appendText(blocks.get(i), out, 0);
    }
    String text = out.toString();
    return text.isBlank() ? null : text;
  }

  private static void appendText(Object node, StringBuilder out, int depth) {
    if (!(node instanceof Map<?, ?> m) || depth > 64) return;
    Object type = m.get("type");
    if ("text".equals(type) && m.get("text") instanceof String text) out.append(text);
    else if ("hardBreak".equals(type)) out.append('\n');
    if (m.get("content") instanceof List<?> children) {
      for (Object child : children) appendText(child, out, depth + 1);
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
