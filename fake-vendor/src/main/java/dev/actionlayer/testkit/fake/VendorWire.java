package dev.actionlayer.testkit.fake;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a connector's {@link VendorRequest}s straight to a fake, without the pipeline: path
 * segments and query parameters are encoded as the pipeline encodes them, but nothing is retried,
 * paced or audited. For testing a {@code Resource}'s own methods against a fake's state, e.g. that
 * {@code find} and {@code readFound} see the record a create made under a key:
 *
 * <pre>{@code
 * VendorWire wire = new VendorWire(fake, "token");
 * CallContext context = wire.context("key-1", "folders.find");
 * Folder found = folders.readFound(wire.send(folders.find(input, context)), input, context);
 * }</pre>
 *
 * Thread-safe.
 */
public final class VendorWire {
  private final OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private final FakeVendor fake;
  private final String bearerToken;

  /** Sends without credentials, to a fake that requires none. */
  public VendorWire(FakeVendor fake) {
    this.fake = Objects.requireNonNull(fake, "fake == null");
    this.bearerToken = null;
  }

  /** Sends with {@code Authorization: Bearer <bearerToken>}, as the pipeline attaches it. */
  public VendorWire(FakeVendor fake, String bearerToken) {
    this.fake = Objects.requireNonNull(fake, "fake == null");
    this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken == null");
  }

  /** A context for {@code idempotencyKey} whose auxiliary exchanges go to the fake too. */
  public CallContext context(String idempotencyKey, String operation) {
    return new CallContext(idempotencyKey, operation, this::send);
  }

  /**
   * Sends {@code request} to the fake (it must be started) and returns its whole answer, any
   * status.
   *
   * @throws UncheckedIOException when the exchange fails (a fault that resets the connection)
   */
  public VendorResponse send(VendorRequest request) {
    Objects.requireNonNull(request, "request == null");
    HttpUrl.Builder url = HttpUrl.get(fake.uri()).newBuilder();
    for (String segment : request.path()) url.addPathSegment(segment);
    for (Map.Entry<String, String> q : request.query()) url.addQueryParameter(q.getKey(), q.getValue());
    byte[] body = request.body();
    boolean bodiless = request.method().equals("GET") || request.method().equals("DELETE");
    RequestBody requestBody = body != null ? RequestBody.create(body, MediaType.get(request.contentType()))
        : bodiless ? null : RequestBody.create(new byte[0], null);
    Request.Builder b = new Request.Builder().url(url.build()).method(request.method(), requestBody);
    for (Map.Entry<String, String> h : request.headers()) b.addHeader(h.getKey(), h.getValue());
    if (bearerToken != null) b.header("Authorization", "Bearer " + bearerToken);
    try (Response response = client.newCall(b.build()).execute()) {
      return new VendorResponse(response.code(), response.headers().toMultimap(), response.body().bytes(),
          false, Instant.EPOCH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "VendorWire{" + fake.uri() + "}";
  }
}
