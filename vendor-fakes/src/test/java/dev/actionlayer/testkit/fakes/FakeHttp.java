package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for a fake's tests, with OkHttp's own retries off so counts are exact. */
class FakeHttp {
  /** Sent as {@code application/json; charset=utf-8}: OkHttp adds the charset. */
  static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final FakeVendor fake;

  FakeHttp(FakeVendor fake) {
    this(fake, Duration.ofSeconds(10));
  }

  FakeHttp(FakeVendor fake, Duration callTimeout) {
    this.fake = fake;
    this.client = new OkHttpClient.Builder().retryOnConnectionFailure(false).callTimeout(callTimeout).build();
  }

  /** The request every call starts from: the fake's URI plus {@code path}. */
  Request.Builder request(String path) {
    return new Request.Builder().url(fake.uri() + path);
  }

  Response post(String path, String body) throws IOException {
    return execute(request(path).post(RequestBody.create(body, JSON)));
  }

  Response patch(String path, String body) throws IOException {
    return execute(request(path).patch(RequestBody.create(body, JSON)));
  }

  Response put(String path, String body) throws IOException {
    return execute(request(path).put(RequestBody.create(body, JSON)));
  }

  Response get(String path) throws IOException {
    return execute(request(path));
  }

  Response delete(String path) throws IOException {
    return execute(request(path).delete());
  }

  Response execute(Request.Builder request) throws IOException {
    return client.newCall(request.build()).execute();
  }

  /** The status, closing the response. */
  static int code(Response response) {
    try (response) {
      return response.code();
    }
  }

  /** Reads the whole body and closes the response. */
  static String body(Response response) throws IOException {
    try (response) {
      return response.body().string();
    }
  }
}
