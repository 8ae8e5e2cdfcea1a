package dev.actionlayer;

import dev.actionlayer.spi.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful vendor for {@link OfficeConnector}: {@code /tasks}, {@code /contacts} and
 * {@code /folders} (create, get, delete) and {@code /ids} (pre-generated ids), recording every
 * request it receives.
 */
final class OfficeVendor extends Dispatcher {
  final MockWebServer server = new MockWebServer();
  /** Every request received, as {@code METHOD /path}. */
  final List<String> received = new CopyOnWriteArrayList<>();
  /** The body of every request received, in order ("" when none). */
  final List<String> bodies = new CopyOnWriteArrayList<>();
  /** Answer updates with 204 and no body, as Jira does. */
  volatile boolean updatesAnswerNoContent;
  /** How many of the next requests to answer 503 without applying them. */
  final AtomicInteger unavailableAnswers = new AtomicInteger();
  /** Live records by id: their JSON. */
  final Map<String, Map<String, Object>> records = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  OfficeVendor() {
    server.setDispatcher(this);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    received.add(method + " " + path);
    bodies.add(request.getBody() == null ? "" : request.getBody().utf8());
    if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return json(503, "{\"error\":\"busy\"}");
    String[] parts = path.substring(1).split("/");
    if (parts.length == 1 && method.equals("GET")) return page(parts[0], request);
    if (method.equals("GET") && path.equals("/ids")) return json(200, "{\"id\":\"pre" + ids.incrementAndGet() + "\"}");
    if (parts.length == 1 && method.equals("POST")) {
      Map<String, Object> body = Json.objectOrNull(request.getBody() == null ? "{}" : request.getBody().utf8());
      String id = body != null && body.get("id") instanceof String given ? given
          : parts[0].substring(0, 1).toUpperCase() + ids.incrementAndGet();
      body.put("id", id);
      records.put(id, body);
      return json(200, Json.write(body));
    }
    if (parts.length == 2) {
      Map<String, Object> record = records.get(parts[1]);
      if (record == null) return json(404, "{\"error\":\"no such record\"}");
      if (method.equals("PATCH")) {
        Map<String, Object> changes = Json.objectOrNull(request.getBody().utf8());
        record.putAll(changes);
        return updatesAnswerNoContent ? new MockResponse.Builder().code(204).build() : json(200, Json.write(record));
      }
      if (method.equals("DELETE")) {
        records.remove(parts[1]);
        return new MockResponse.Builder().code(204).build();
      }
      return json(200, Json.write(record));
    }
    return json(404, "{\"error\":\"no route\"}");
  }

  /** {@code GET /<noun>?limit=&after=&project=}: records in id order, {@code next} the last id of a full page. */
  private MockResponse page(String noun, RecordedRequest request) {
    okhttp3.HttpUrl url = request.getUrl();
    int limit = Integer.parseInt(url.queryParameter("limit"));
    String after = url.queryParameter("after");
    String project = url.queryParameter("project");
    List<Map<String, Object>> matching = records.values().stream()
        .filter(r -> ((String) r.get("id")).startsWith(noun.substring(0, 1).toUpperCase()))
        .filter(r -> project == null || project.equals(r.get("project")))
        .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(((String) r.get("id")).substring(1))))
        .filter(r -> after == null || Integer.parseInt(((String) r.get("id")).substring(1)) > Integer.parseInt(after.substring(1)))
        .toList();
    List<Map<String, Object>> items = matching.subList(0, Math.min(limit, matching.size()));
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("items", items);
    if (matching.size() > limit) out.put("next", items.get(items.size() - 1).get("id"));
    return json(200, Json.write(out));
  }

  int requests() {
    return received.size();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
