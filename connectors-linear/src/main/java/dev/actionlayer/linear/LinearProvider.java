package dev.actionlayer.linear;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** {@code vendor=linear} in configuration: {@link Linear}, which takes no options. */
public final class LinearProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "linear";
  }

  @Override
  public URI defaultBaseUri() {
    return Linear.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Linear.connector(baseUri == null ? Linear.DEFAULT_BASE_URI : baseUri, credentials);
  }
}
