package dev.actionlayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful vendor for {@link TestConnector}'s {@code /tasks} API on a MockWebServer: creates
 * (deduplicated by {@code Idempotency-Key} when sent), reads, deletes, lookups by key, and faults
 * queued per operation.
 */
final class TinyVendor extends Dispatcher {
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]*)\"");

  /** Live records: id → key. */
  final Map<String, String> records = new ConcurrentHashMap<>();
  final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger lookups = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  /** Statuses to answer the next creates / deletes with, before behaving normally. */
  final List<Integer> createFaults = new ArrayList<>();
  final List<Integer> deleteFaults = new ArrayList<>();
  /** When true, creates are applied and then the connection drops (the answer is lost). */
  volatile boolean loseCreateAnswers;
  /** Answers for the next lookups by key, before lookups answer from the records. */
  final List<MockResponse> lookupAnswers = new ArrayList<>();
  /** Creates still to apply and then drop the connection for, before answering normally. */
  final AtomicInteger loseNextCreateAnswers = new AtomicInteger();

  final MockWebServer server = new MockWebServer();

  TinyVendor() {
    server.setDispatcher(this);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (method.equals("POST") && path.equals("/tasks")) {
      if (!createFaults.isEmpty()) return PipelineTestSupport.status(createFaults.remove(0));
      String idem = request.getHeaders().get("Idempotency-Key");
      String id = idem == null ? null : byIdempotencyKey.get(idem);
      if (id == null) {
        id = "T" + ids.incrementAndGet();
        Matcher k = KEY.matcher(body);
        records.put(id, k.find() ? k.group(1) : "");
        creates.incrementAndGet();
        if (idem != null) byIdempotencyKey.put(idem, id);
      }
      Matcher t = TITLE.matcher(body);
      String title = t.find() ? t.group(1) : "";
      if (loseCreateAnswers || loseNextCreateAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      }
      return PipelineTestSupport.json(200, "{\"id\":\"" + id + "\",\"title\":\"" + title + "\"}");
    }
    if (method.equals("GET") && path.equals("/tasks")) {
      lookups.incrementAndGet();
      if (!lookupAnswers.isEmpty()) return lookupAnswers.remove(0);
      String key = request.getUrl().queryParameter("key");
      StringBuilder items = new StringBuilder();
      records.forEach((id, k) -> {
        if (k.equals(key)) items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"title\":\"x\"}");
      });
      return PipelineTestSupport.json(200, "{\"items\":[" + items + "]}");
    }
    if (path.startsWith("/tasks/")) {
      String id = path.substring("/tasks/".length());
      if (method.equals("DELETE")) {
        if (!deleteFaults.isEmpty()) return PipelineTestSupport.status(deleteFaults.remove(0));
        if (records.remove(id) == null) return PipelineTestSupport.json(404, "{\"error\":\"no such task\"}");
        deletes.incrementAndGet();
        return PipelineTestSupport.status(204);
      }
      if (records.containsKey(id)) return PipelineTestSupport.json(200, "{\"id\":\"" + id + "\",\"title\":\"x\"}");
      return PipelineTestSupport.json(404, "{\"error\":\"no such task\"}");
    }
    return PipelineTestSupport.json(404, "{\"error\":\"no route\"}");
  }
}
