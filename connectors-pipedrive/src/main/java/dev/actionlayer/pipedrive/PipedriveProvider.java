package dev.actionlayer.pipedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Names Pipedrive for configuration: vendor {@code pipedrive}, option {@code keyField}. */
public final class PipedriveProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "pipedrive";
  }

  @Override
  public URI defaultBaseUri() {
    return Pipedrive.DEFAULT_BASE_URI;
  }

  @Override
  public Set<String> options() {
    return Set.of("keyField");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Pipedrive.connector(baseUri, credentials, options.get("keyField"));
  }
}
