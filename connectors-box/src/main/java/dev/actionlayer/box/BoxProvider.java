package dev.actionlayer.box;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/**
 * Names Box {@code "box"} for configuration files ({@link java.util.ServiceLoader}); it takes no
 * options. Public only because {@code ServiceLoader} instantiates it.
 */
public final class BoxProvider implements ConnectorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public BoxProvider() {}

  @Override
  public String vendor() {
    return "box";
  }

  @Override
  public URI defaultBaseUri() {
    return Box.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Box.connector(baseUri, credentials);
  }
}
