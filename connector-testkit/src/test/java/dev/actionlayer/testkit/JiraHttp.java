package dev.actionlayer.testkit;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for the tests, with OkHttp's own retries off so counts are exact. */
final class JiraHttp {

  static final MediaType JSON = MediaType.get("application/json");

  final OkHttpClient client;
  private final FakeVendor fake;

  JiraHttp(FakeVendor fake) {
    this(fake, Duration.ofSeconds(10));
  }

  JiraHttp(FakeVendor fake, Duration callTimeout) {
    this.fake = fake;
    this.client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .callTimeout(callTimeout)
        .build();
  }

  static String createBody(String summary, String... labels) {
    StringBuilder labelJson = new StringBuilder();
    for (String label : labels) {
      labelJson.append(labelJson.length() == 0 ? "" : ",").append('"').append(label).append('"');
    }
    return "{\"fields\":{\"project\":{\"key\":\"PROJ\"},\"summary\":\"" + summary + "\","
        + "\"issuetype\":{\"name\":\"Task\"},\"labels\":[" + labelJson + "]}}";
  }

  Response post(String path, String body) throws IOException {
    return execute(new Request.Builder().url(fake.uri() + path).post(RequestBody.create(body, JSON)));
  }

  Response create(String summary, String... labels) throws IOException {
    return post("/rest/api/3/issue", createBody(summary, labels));
  }

  Response get(String path) throws IOException {
    return execute(new Request.Builder().url(fake.uri() + path));
  }

  Response delete(String path) throws IOException {
    return execute(new Request.Builder().url(fake.uri() + path).delete());
  }

  Response execute(Request.Builder request) throws IOException {
    return client.newCall(request.build()).execute();
  }

  /** Reads the whole body and closes the response. */
  static String body(Response response) throws IOException {
    try (response) {
      return response.body().string();
    }
  }
}
