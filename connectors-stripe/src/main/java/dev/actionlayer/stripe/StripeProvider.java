package dev.actionlayer.stripe;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** {@code vendor=stripe} in configuration: {@link Stripe}, with option {@code apiVersion}. */
public final class StripeProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "stripe";
  }

  @Override
  public URI defaultBaseUri() {
    return Stripe.DEFAULT_BASE_URI;
  }

  @Override
  public Set<String> options() {
    return Set.of("apiVersion");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    Stripe.Builder b = Stripe.builder(baseUri == null ? Stripe.DEFAULT_BASE_URI : baseUri, credentials);
    String version = options.get("apiVersion");
    if (version != null) {
      try {
        b.apiVersion(version);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("apiVersion: must be a Stripe API version such as 2024-06-20 or 2024-09-30.acacia");
      }
    }
    return b.build();
  }
}
