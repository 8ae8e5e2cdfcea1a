package dev.actionlayer.onedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/**
 * Names OneDrive {@code "onedrive"} for configuration files ({@link java.util.ServiceLoader}); it
 * takes no options. Public only because {@code ServiceLoader} instantiates it.
 */
public final class OneDriveProvider implements ConnectorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public OneDriveProvider() {}

  @Override
  public String vendor() {
    return "onedrive";
  }

  @Override
  public URI defaultBaseUri() {
    return OneDrive.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return OneDrive.connector(baseUri, credentials);
  }
}
