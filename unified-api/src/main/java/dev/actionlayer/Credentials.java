package dev.actionlayer;

import java.nio.charset.StandardCharsets;
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

  private Credentials(String scheme, String principal, String headerValue, List<String> secrets) {
    this.scheme = scheme;
    this.principal = principal;
    this.headerValue = headerValue;
    this.secrets = secrets;
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
    return new Credentials("Basic", user, "Basic " + encoded, List.of(secret, encoded));
  }

  /** A bearer token (an OAuth access token, a Stripe secret key). */
  public static Credentials bearer(String token) {
    Objects.requireNonNull(token, "token == null");
    if (token.isBlank()) throw new IllegalArgumentException("token is blank");
    requireNoControlCharacters(token, "token");
    return new Credentials("Bearer", "", "Bearer " + token, List.of(token));
  }

  /** The authentication scheme, {@code "Basic"} or {@code "Bearer"}. */
  public String scheme() {
    return scheme;
  }

  /** The value of the {@code Authorization} header; read only by the pipeline's auth stage. */
  String authorization() {
    return headerValue;
  }

  /** Every string whose appearance in output would leak this credential. */
  List<String> secrets() {
    return secrets;
  }

  @Override
  public String toString() {
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
