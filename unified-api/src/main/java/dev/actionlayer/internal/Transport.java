package dev.actionlayer.internal;

import dev.actionlayer.ActionException;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Sends one {@link VendorRequest} with OkHttp, configured so that every retry belongs to the
 * pipeline: no connection-failure retries (OkHttp would replay a POST), no redirects (credentials
 * never follow one), and OkHttp's own one-shot 503 retry defused. Bodies are read up to a cap.
 */
public final class Transport {
  /** Error bodies are read up to this many bytes: enough to parse, never a 12 MiB page. */
  static final int ERROR_BODY_CAP = 64 * 1024;
  /** OkHttp replays a 503 carrying {@code Retry-After: 0} once; hiding the header defuses it. */
  private static final String HIDDEN_RETRY_AFTER = "X-Actionlayer-Retry-After";
  private static final String HIDDEN_RETRY_AFTER_LOWER = HIDDEN_RETRY_AFTER.toLowerCase(Locale.ROOT);
  private static final MediaType NO_TYPE = null;

  private final OkHttpClient client;
  private final Clock clock;

  public Transport(Clock clock) {
    this.clock = clock;
    this.client = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
        .eventListener(SentTracker.INSTANCE)
        .addNetworkInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          String retryAfter = response.header("Retry-After");
          if (response.code() == 503 && retryAfter != null) {
            return response.newBuilder().removeHeader("Retry-After")
                .header(HIDDEN_RETRY_AFTER, retryAfter).build();
          }
          return response;
        })
        .build();
  }

  /** The shared client, for the OAuth token endpoint (same pool, same no-retry settings). */
  OkHttpClient client() {
    return client;
  }

  /** Releases pooled connections and threads. */
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /**
   * Builds the OkHttp request: base URL plus encoded segments, then the connector's headers, then
   * credentials last.
   *
   * @throws ActionException {@code INVALID_REQUEST} when a value cannot go on the wire
   */
  Request toOkHttp(ConnectionRuntime c, VendorRequest vr) {
    try {
      HttpUrl.Builder url = c.baseUrl.newBuilder();
      for (String segment : vr.path()) url.addPathSegment(segment);
      for (Map.Entry<String, String> q : vr.query()) url.addQueryParameter(q.getKey(), q.getValue());
      Request.Builder b = new Request.Builder().url(url.build());
      for (Map.Entry<String, String> h : vr.headers()) b.addHeader(h.getKey(), h.getValue());
      byte[] body = vr.body();
      RequestBody requestBody = body == null
          ? (vr.method().equals("GET") || vr.method().equals("DELETE") ? null : RequestBody.create(new byte[0], NO_TYPE))
          : RequestBody.create(body, MediaType.get(vr.contentType()));
      b.method(vr.method(), requestBody);
      b.header("User-Agent", "actionlayer/0.1");
      b.header("Authorization", c.authorizer.header());
      b.tag(SentTracker.Flag.class, new SentTracker.Flag());
      return b.build();
    } catch (IllegalArgumentException e) {
      // OkHttp refuses CR/LF and other illegal characters before any I/O; say so precisely.
      throw ActionException.invalid("the request cannot be sent: " + c.redactor.text(e.getMessage()));
    }
  }

  /** Sends once within {@code timeout}; never throws for transport failures. */
  Exchange send(ConnectionRuntime c, Request request, Duration timeout) {
    Call call = client.newCall(request);
    call.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      SentTracker.Flag flag = request.tag(SentTracker.Flag.class);
      return new Exchange(null, e, flag != null && flag.sent, System.nanoTime() - start);
    }
    try (response) {
      long cap = response.isSuccessful() ? c.policy.maxResponseBytes() : ERROR_BODY_CAP;
      Buffer buffer = new Buffer();
      boolean truncated = false;
      IOException bodyFailure = null;
      ResponseBody body = response.body();
      try {
        BufferedSource source = body.source();
        while (buffer.size() <= cap && source.read(buffer, 8192) != -1) {
          // keep reading until the cap or the end
        }
        if (buffer.size() > cap) {
          truncated = true;
        }
      } catch (IOException e) {
        truncated = true;
        bodyFailure = e;
      }
      byte[] bytes = firstBytes(buffer, cap);
      VendorResponse vr = new VendorResponse(response.code(),
          new ResponseHeaders(response.headers(), HIDDEN_RETRY_AFTER_LOWER), bytes, truncated,
          clock.instant());
      return new Exchange(vr, bodyFailure, true, System.nanoTime() - start);
    }
  }

  private static byte[] firstBytes(Buffer buffer, long cap) {
    long n = Math.min(buffer.size(), cap);
    byte[] bytes = new byte[(int) n];
    try {
      buffer.readFully(bytes);
    } catch (java.io.EOFException e) {
      throw new AssertionError(e); // n <= size
    }
    return bytes;
  }

  /** Lower-cased header names seen before, so that each response does not lower-case them again. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> LOWER_NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Bounds {@link #LOWER_NAMES}: a vendor may send any names; past this many, no more are kept. */
  private static final int MAX_LOWER_NAMES = 256;

  /** {@code name} in lower case; an already lower-case name as is, a known one from the cache. */
  static String lowerCase(String name) {
    boolean lower = true;
    for (int i = 0; i < name.length() && lower; i++) {
      char c = name.charAt(i);
      lower = c < 'A' || (c > 'Z' && c < 0x80);
    }
    if (lower) return name;
    String cached = LOWER_NAMES.get(name);
    if (cached != null) return cached;
    String folded = name.toLowerCase(Locale.ROOT);
    if (LOWER_NAMES.size() < MAX_LOWER_NAMES) LOWER_NAMES.putIfAbsent(name, folded);
    return folded;
  }

  /**
   * Marks a request as sent once OkHttp starts writing it: a failure before that point provably
   * never reached the vendor and is safe to retry even for an unkeyed create.
   */
  static final class SentTracker extends EventListener {
    static final SentTracker INSTANCE = new SentTracker();

    static final class Flag {
      volatile boolean sent;
    }

    @Override
    public void requestHeadersStart(Call call) {
      Flag flag = call.request().tag(Flag.class);
      if (flag != null) flag.sent = true;
    }
  }
}
