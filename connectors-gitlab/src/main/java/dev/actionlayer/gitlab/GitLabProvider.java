package dev.actionlayer.gitlab;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** {@code vendor=gitlab} in configuration: {@link GitLab}, which takes no options. */
public final class GitLabProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "gitlab";
  }

  @Override
  public URI defaultBaseUri() {
    return GitLab.DEFAULT_BASE_URI;
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    return GitLab.connector(baseUri == null ? GitLab.DEFAULT_BASE_URI : baseUri, credentials);
  }
}
