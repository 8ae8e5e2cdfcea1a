package dev.actionlayer.testkit;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for FakeDrive tests, with OkHttp's own retries off so counts are exact. */
final class DriveHttp {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .callTimeout(Duration.ofSeconds(10))
      .build();
  private final FakeVendor fake;

  DriveHttp(FakeVendor fake) {
    this.fake = fake;
  }

  static String folderBody(String id, String name, String parent) {
    return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"name\":\"" + name + "\","
        + "\"mimeType\":\"application/vnd.google-apps.folder\","
        + (parent == null ? "" : "\"parents\":[\"" + parent + "\"],")
        + "\"appProperties\":{\"actionlayerKey\":\"k-1\"}}";
  }

  Response post(String path, String body) throws IOException {
    return execute(new Request.Builder().url(fake.uri() + path).post(RequestBody.create(body, JSON)));
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
