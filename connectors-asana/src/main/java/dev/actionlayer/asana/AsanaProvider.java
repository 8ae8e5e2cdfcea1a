package dev.actionlayer.asana;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** {@code vendor=asana} in configuration: {@link Asana}, which takes no options. */
public final class AsanaProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "asana";
  }

  @Override
  public URI defaultBaseUri() {
    return Asana.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Asana.connector(baseUri == null ? Asana.DEFAULT_BASE_URI : baseUri, credentials);
  }
}
