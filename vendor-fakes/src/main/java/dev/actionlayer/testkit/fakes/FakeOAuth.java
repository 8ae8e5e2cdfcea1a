package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;

/**
 * A fake OAuth 2.0 token endpoint for the refresh-token grant, in Salesforce's shape
 * ({@code POST /services/oauth2/token}: no {@code expires_in}, an {@code instance_url}) and
 * Google's ({@code POST /token}: {@code expires_in}). It mints {@code access-1}, {@code access-2},
 * … and remembers the current one, so a fake vendor can accept only {@link #currentToken()}.
 *
 * <pre>{@code
 * FakeOAuth oauth = new FakeOAuth().client("client-1", "secret").refreshToken("rt-1");
 * oauth.start();
 * Credentials c = Credentials.oauth(oauth.salesforceEndpoint(), "client-1", "secret", "rt-1");
 * }</pre>
 */
public final class FakeOAuth extends FakeVendor {
  private final AtomicInteger minted = new AtomicInteger();
  private volatile String clientId = "client-1";
  private volatile String clientSecret = "client-secret-1";
  private volatile String refreshToken = "refresh-token-1";
  private volatile long expiresInSeconds = 3600;
  private volatile String current;

  /** The client the endpoint accepts; default {@code client-1}/{@code client-secret-1}. */
  public FakeOAuth client(String id, String secret) {
    this.clientId = Objects.requireNonNull(id, "id == null");
    this.clientSecret = Objects.requireNonNull(secret, "secret == null");
    return this;
  }

  /** The refresh token the endpoint accepts; any other gets {@code invalid_grant}. */
  public FakeOAuth refreshToken(String token) {
    this.refreshToken = Objects.requireNonNull(token, "token == null");
    return this;
  }

  /** The lifetime Google-shaped answers announce; default 3600 s. */
  public FakeOAuth expiresIn(long seconds) {
    this.expiresInSeconds = seconds;
    return this;
  }

  /** Revokes the refresh token: every later refresh gets {@code invalid_grant}. */
  public FakeOAuth revoke() {
    this.refreshToken = "revoked-" + System.nanoTime();
    return this;
  }

  /** The Salesforce-shaped endpoint, {@code /services/oauth2/token}. */
  public URI salesforceEndpoint() {
    return uri().resolve("/services/oauth2/token");
  }

  /** The Google-shaped endpoint, {@code /token}. */
  public URI googleEndpoint() {
    return uri().resolve("/token");
  }

  /** The access token minted last, or null; a fake vendor accepts only this one. */
  public String currentToken() {
    return current;
  }

  /** How many access tokens were minted. */
  public int mintedCount() {
    return minted.get();
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    boolean salesforce = call.pathWithoutQuery().equals("/services/oauth2/token");
    if (!call.method().equals("POST") || !(salesforce || call.pathWithoutQuery().equals("/token"))) {
      return json(404, "{\"error\":\"not_found\"}");
    }
    Map<String, String> form = form(call.body());
    if (!"refresh_token".equals(form.get("grant_type"))) {
      return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
    }
    if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
      return json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    }
    if (!refreshToken.equals(form.get("refresh_token"))) {
      // Salesforce's verbatim refusal (fact sheet section 2); Google answers the same error code.
      return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
    }
    String token = "access-" + minted.incrementAndGet();
    current = token;
    if (salesforce) {
      return json(200, "{\"access_token\":\"" + token + "\",\"instance_url\":\"" + uri()
          + "\",\"id\":\"" + uri() + "/id/00D000000000001/005000000000001\",\"token_type\":\"Bearer\","
          + "\"issued_at\":\"" + System.currentTimeMillis() + "\",\"signature\":\"c2lnbmF0dXJl\"}");
    }
    return json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresInSeconds
        + ",\"scope\":\"https://www.googleapis.com/auth/drive.file\",\"token_type\":\"Bearer\"}");
  }

  @Override
  protected void resetState() {
    minted.set(0);
    current = null;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json;charset=UTF-8").body(body).build();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
