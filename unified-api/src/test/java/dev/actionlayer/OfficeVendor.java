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
    String[] parts = path.substring(1).split("/");
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
      if (method.equals("DELETE")) {
        records.remove(parts[1]);
        return new MockResponse.Builder().code(204).build();
      }
      return json(200, Json.write(record));
    }
    return json(404, "{\"error\":\"no route\"}");
  }

  int requests() {
    return received.size();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
