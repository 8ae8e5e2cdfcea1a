package dev.actionlayer.github;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** {@code vendor=github} in configuration: {@link GitHub}, which takes no options. */
public final class GitHubProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "github";
  }

  @Override
  public URI defaultBaseUri() {
    return GitHub.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return GitHub.connector(baseUri == null ? GitHub.DEFAULT_BASE_URI : baseUri, credentials);
  }
}
