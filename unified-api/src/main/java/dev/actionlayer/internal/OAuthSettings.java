package dev.actionlayer.internal;

import dev.actionlayer.spi.BaseUris;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What an OAuth 2.0 refresh-token grant needs: the token endpoint, the client and the refresh
 * token. Held by {@code Credentials}; {@link #toString()} reveals no secret.
 */
public final class OAuthSettings {
  final URI tokenEndpoint;
  final String clientId;
  final String clientSecret;
  final String refreshToken;
  private final List<String> secrets;

  public OAuthSettings(URI tokenEndpoint, String clientId, String clientSecret, String refreshToken) {
    this.tokenEndpoint = BaseUris.require(tokenEndpoint);
    this.clientId = requireText(clientId, "clientId");
    this.clientSecret = clientSecret == null ? null : requireText(clientSecret, "clientSecret");
    this.refreshToken = requireText(refreshToken, "refreshToken");
    this.secrets = clientSecret == null ? List.of(refreshToken) : List.of(refreshToken, clientSecret);
  }

  /** The long-lived secrets (the access tokens come and go; the authorizer tracks those). */
  public List<String> secrets() {
    return secrets;
  }

  public String clientId() {
    return clientId;
  }

  @Override
  public String toString() {
    return "OAuthSettings{" + tokenEndpoint + ", client " + clientId + ", [REDACTED]}";
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) throw new IllegalArgumentException(name + " is blank");
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + " contains a control character");
      }
    }
    return value;
  }
}
