package dev.actionlayer.dropbox;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/**
 * Names Dropbox {@code "dropbox"} for configuration files ({@link java.util.ServiceLoader}); it
 * takes no options. Public only because {@code ServiceLoader} instantiates it.
 */
public final class DropboxProvider implements ConnectorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public DropboxProvider() {}

  @Override
  public String vendor() {
    return "dropbox";
  }

  @Override
  public URI defaultBaseUri() {
    return Dropbox.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return Dropbox.connector(baseUri, credentials);
  }
}
