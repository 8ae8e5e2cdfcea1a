package dev.actionlayer.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Access tokens from an OAuth 2.0 refresh-token grant (Salesforce's and Google's token endpoints):
 * cached until shortly before they expire, fetched by one caller at a time while the others wait
 * for its result (single flight), and dropped once when a vendor rejects one. Thread-safe.
 */
final class OAuthAuthorizer implements Authorizer {
  /** Tokens are refreshed this long before the expiry the endpoint announced. */
  static final Duration EXPIRY_SKEW = Duration.ofSeconds(60);
  /** Salesforce announces no lifetime; sessions last two hours by default, so assume one. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final String KEY = "token";

  private final OAuthSettings settings;
  private final OkHttpClient client;
  private final Clock clock;
  private final LoadingCache<String, Token> tokens;

  /** {@code secrets}: every secret while this token is current, one list per token. */
  record Token(String header, String accessToken, Instant expiresAt, List<String> secrets) {
    @Override
    public String toString() {
      return "Token{[REDACTED], expires " + expiresAt + "}";
    }
  }

  OAuthAuthorizer(OAuthSettings settings, OkHttpClient client, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
    this.tokens = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfter(new Expiry<String, Token>() {
          @Override
          public long expireAfterCreate(String key, Token token, long now) {
            long left = Duration.between(clock.instant(), token.expiresAt()).toNanos();
            return Math.max(0, left);
          }

          @Override
          public long expireAfterUpdate(String key, Token token, long now, long current) {
            return expireAfterCreate(key, token, now);
          }

          @Override
          public long expireAfterRead(String key, Token token, long now, long current) {
            return current;
          }
        })
        .build(key -> refresh());
  }

  @Override
  public String header() {
    try {
      return tokens.get(KEY).header();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ActionException) throw (ActionException) e.getCause();
      throw e;
    }
  }

  @Override
  public boolean canRefresh() {
    return true;
  }

  @Override
  public void invalidate(String rejectedHeader) {
    Token current = tokens.getIfPresent(KEY);
    if (current != null && current.header().equals(rejectedHeader)) tokens.asMap().remove(KEY, current);
  }

  @Override
  public List<String> secrets() {
    Token current = tokens.getIfPresent(KEY);
    return current != null ? current.secrets() : settings.secrets();
  }

  private Token refresh() {
    FormBody.Builder form = new FormBody.Builder()
        .add("grant_type", "refresh_token")
        .add("refresh_token", settings.refreshToken)
        .add("client_id", settings.clientId);
    if (settings.clientSecret != null) form.add("client_secret", settings.clientSecret);
    Request request = new Request.Builder().url(settings.tokenEndpoint.toString())
        .header("Accept", "application/json").post(form.build()).build();
    Instant now = clock.instant();
    try (Response response = client.newCall(request).execute()) {
      Map<String, Object> json = Json.objectOrNull(response.peekBody(64 * 1024).string());
      if (!response.isSuccessful()) throw rejected(response.code(), json);
      String accessToken = Json.string(json, "access_token");
      if (accessToken == null || accessToken.isBlank() || accessToken.chars().anyMatch(Character::isISOControl)) {
        throw new ActionException(ActionError.builder(ErrorCode.UNAVAILABLE)
            .message("the OAuth token endpoint answered without a usable access_token").build());
      }
      Object expiresIn = json.get("expires_in");
      Duration lifetime = expiresIn instanceof Number
          ? Duration.ofSeconds(((Number) expiresIn).longValue()) : DEFAULT_LIFETIME;
      Instant expiresAt = now.plus(lifetime).minus(EXPIRY_SKEW);
      List<String> secrets = new ArrayList<>(settings.secrets());
      secrets.add(accessToken);
      return new Token("Bearer " + accessToken, accessToken, expiresAt, List.copyOf(secrets));
    } catch (InterruptedIOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.TIMEOUT)
          .message("the OAuth token endpoint did not answer in time").build());
    } catch (IOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.UNAVAILABLE)
          .message("the OAuth token endpoint could not be reached: " + e.getClass().getSimpleName()).build());
    }
  }

  /** A refused refresh: {@code invalid_grant} means the user must authorize again. */
  private static ActionException rejected(int status, Map<String, Object> json) {
    String error = Json.string(json, "error");
    String description = Json.string(json, "error_description");
    if (status >= 500 || status == 429) {
      return new ActionException(ActionError.builder(status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.UNAVAILABLE)
          .httpStatus(status).message("the OAuth token endpoint failed (HTTP " + status + ")").build());
    }
    String detail = error == null ? "HTTP " + status : error + (description == null ? "" : ": " + cap(description));
    String advice = "invalid_grant".equals(error)
        ? "; the refresh token is expired or revoked: authorize this connection again"
        : "invalid_client".equals(error) ? "; check the OAuth client id and secret" : "";
    return new ActionException(ActionError.builder(ErrorCode.UNAUTHENTICATED).retryable(false)
        .httpStatus(status).vendorCode(error)
        .message("the OAuth token endpoint refused to refresh the access token (" + detail + ")" + advice)
        .build());
  }

  private static String cap(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
