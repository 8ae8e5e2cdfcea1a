package dev.actionlayer;

import dev.actionlayer.internal.Authorizer;
import dev.actionlayer.internal.OAuthSettings;
import dev.actionlayer.internal.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The secret a connection authenticates with. The pipeline attaches it to each request last, after
 * every other stage; connectors never see the header value. {@link #toString()} never reveals the
 * secret, and the pipeline scrubs its literal value from every audit event and error message.
 * Immutable and thread-safe.
 */
public final class Credentials {
  private final String scheme;
  private final String principal;
  private final String headerValue;
  private final List<String> secrets;
  private final OAuthSettings oauth;

  private Credentials(String scheme, String principal, String headerValue, List<String> secrets,
      OAuthSettings oauth) {
    this.scheme = scheme;
    this.principal = principal;
    this.headerValue = headerValue;
    this.secrets = secrets;
    this.oauth = oauth;
  }

  /**
   * HTTP Basic credentials: {@code user} is not secret (an email for Jira), {@code secret} is (an
   * API token).
   */
  public static Credentials basic(String user, String secret) {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(secret, "secret == null");
    if (user.isBlank()) throw new IllegalArgumentException("user is blank");
    if (secret.isBlank()) throw new IllegalArgumentException("secret is blank");
    requireNoControlCharacters(user, "user");
    requireNoControlCharacters(secret, "secret");
    String encoded = Base64.getEncoder()
        .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return new Credentials("Basic", user, "Basic " + encoded, List.of(secret, encoded), null);
  }

  /** A bearer token (an OAuth access token, a Stripe secret key). */
  public static Credentials bearer(String token) {
    Objects.requireNonNull(token, "token == null");
    if (token.isBlank()) throw new IllegalArgumentException("token is blank");
    requireNoControlCharacters(token, "token");
    return new Credentials("Bearer", "", "Bearer " + token, List.of(token), null);
  }

  /**
   * OAuth 2.0 refresh-token credentials (Salesforce: {@code https://login.salesforce.com/services/oauth2/token},
   * Google: {@code https://oauth2.googleapis.com/token}). The pipeline exchanges the refresh token
   * for an access token, caches it until shortly before it expires, lets only one caller refresh
   * at a time, and refreshes once per call when the vendor rejects a token. A refresh the endpoint
   * refuses ({@code invalid_grant}) surfaces as {@code UNAUTHENTICATED}.
   *
   * @param tokenEndpoint https (or loopback http, for tests)
   * @param clientSecret null for a public client
   */
  public static Credentials oauth(URI tokenEndpoint, String clientId, String clientSecret,
      String refreshToken) {
    OAuthSettings settings = new OAuthSettings(tokenEndpoint, clientId, clientSecret, refreshToken);
    return new Credentials("Bearer", settings.clientId(), null, settings.secrets(), settings);
  }

  /** The authentication scheme, {@code "Basic"} or {@code "Bearer"} (OAuth sends bearer tokens). */
  public String scheme() {
    return scheme;
  }

  /** The pipeline's auth stage for these credentials, its OAuth requests sent by {@code transport}. */
  Authorizer authorizer(Transport transport, Clock clock) {
    return oauth != null ? Authorizer.oauth(oauth, transport, clock) : Authorizer.fixed(headerValue, secrets);
  }

  @Override
  public String toString() {
    if (oauth != null) return "Credentials{OAuth client " + principal + ", [REDACTED]}";
    return principal.isEmpty()
        ? "Credentials{" + scheme + " [REDACTED]}"
        : "Credentials{" + scheme + " " + principal + ":[REDACTED]}";
  }

  private static void requireNoControlCharacters(String value, String name) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + " contains a control character");
      }
    }
  }
}
