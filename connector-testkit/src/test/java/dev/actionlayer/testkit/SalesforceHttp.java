package dev.actionlayer.testkit;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for FakeSalesforce's tests, retries off so counts are exact. */
final class SalesforceHttp {

  static final String BASE = "/services/data/v63.0/sobjects/";
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false).callTimeout(Duration.ofSeconds(10)).build();
  private final FakeVendor fake;
  private String authorization = "Bearer token-123";

  SalesforceHttp(FakeVendor fake) {
    this.fake = fake;
  }

  /** Sends {@code value} as the Authorization header from now on; null sends none. */
  SalesforceHttp authorization(String value) {
    this.authorization = value;
    return this;
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

  private Request.Builder request(String path) {
    Request.Builder b = new Request.Builder().url(fake.uri() + (path.startsWith("/") ? path : BASE + path));
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  private Response execute(Request.Builder request) throws IOException {
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
