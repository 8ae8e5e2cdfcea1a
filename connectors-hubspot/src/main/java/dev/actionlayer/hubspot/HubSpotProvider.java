package dev.actionlayer.hubspot;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Names HubSpot for configuration: vendor {@code hubspot}, option {@code keyProperty}. */
public final class HubSpotProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "hubspot";
  }

  @Override
  public URI defaultBaseUri() {
    return HubSpot.DEFAULT_BASE_URI;
  }

  @Override
  public Set<String> options() {
    return Set.of("keyProperty");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return HubSpot.connector(baseUri, credentials, options.get("keyProperty"));
  }
}
