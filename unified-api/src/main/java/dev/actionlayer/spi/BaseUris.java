package dev.actionlayer.spi;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Validates a connector's base URI: {@code https} anywhere, plain {@code http} only to a loopback
 * host (fakes in tests), so credentials never cross a network in clear.
 */
public final class BaseUris {
  private BaseUris() {}

  /**
   * Returns {@code uri} when it is acceptable. Messages never quote the URI: a pasted one may
   * carry a token in its query, fragment or path.
   *
   * @throws IllegalArgumentException for another scheme, a missing host, user info, a query or a
   *     fragment, or plain http to a non-loopback host
   */
  public static URI require(URI uri) {
    Objects.requireNonNull(uri, "baseUri == null");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) throw new IllegalArgumentException("baseUri has no host");
    if (uri.getRawUserInfo() != null) throw new IllegalArgumentException("baseUri must not hold user info");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUri must not have a query or fragment");
    }
    if (scheme.equals("https")) return uri;
    if (scheme.equals("http") && isLoopback(uri.getHost())) return uri;
    throw new IllegalArgumentException(
        "baseUri must be https (plain http is allowed only for loopback test servers)");
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) return true;
    // Only literal addresses: resolving a name here could be steered by DNS.
    if (!h.matches("[0-9.]+") && !h.contains(":")) return false;
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
