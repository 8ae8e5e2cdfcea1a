package dev.actionlayer.internal;

import java.util.List;

/**
 * Produces the {@code Authorization} header of a connection, the pipeline's last stage before
 * sending. A refreshable authorizer is asked to drop a token the vendor rejected, once per call.
 */
public interface Authorizer {
  /**
   * The header value to send now.
   *
   * @throws dev.actionlayer.ActionException when a token cannot be obtained (e.g. a refresh token
   *     the token endpoint rejects: {@code UNAUTHENTICATED})
   */
  String header();

  /** Whether {@link #invalidate} can make a later {@link #header()} differ. */
  boolean canRefresh();

  /** Forgets {@code rejectedHeader} if it is still the current one, so the next call refreshes. */
  void invalidate(String rejectedHeader);

  /** Every secret value whose appearance in output must be scrubbed, current tokens included. */
  List<String> secrets();

  /** Access tokens from a refresh-token grant, fetched through {@code transport}'s client. */
  static Authorizer oauth(OAuthSettings settings, Transport transport, java.time.Clock clock) {
    return new OAuthAuthorizer(settings, transport.client(), clock);
  }

  /** An authorizer with a fixed header (Basic, or a bearer token that is never refreshed). */
  static Authorizer fixed(String header, List<String> secrets) {
    List<String> copy = List.copyOf(secrets);
    return new Authorizer() {
      @Override
      public String header() {
        return header;
      }

      @Override
      public boolean canRefresh() {
        return false;
      }

      @Override
      public void invalidate(String rejectedHeader) {}

      @Override
      public List<String> secrets() {
        return copy;
      }
    };
  }
}
