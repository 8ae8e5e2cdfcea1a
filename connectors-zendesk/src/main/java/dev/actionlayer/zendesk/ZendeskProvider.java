package dev.actionlayer.zendesk;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** Names Zendesk for configuration: vendor {@code zendesk}; every account has its own site URL. */
public final class ZendeskProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "zendesk";
  }

  @Override
  public URI defaultBaseUri() {
    return null;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Zendesk.connector(baseUri, credentials);
  }
}
