package dev.actionlayer.todoist;

import dev.actionlayer.describe.Descriptions;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;

/** {@code vendor=todoist} in configuration: the description's own provider. */
public final class TodoistProvider implements ConnectorProvider {
  private final ConnectorProvider described = Descriptions.provider(Todoist.DESCRIPTION);

  @Override
  public String vendor() {
    return described.vendor();
  }

  @Override
  public URI defaultBaseUri() {
    return described.defaultBaseUri();
  }

  @Override
  public Connector connector(URI baseUri, dev.actionlayer.Credentials credentials, Map<String, String> options) {
    return described.connector(baseUri, credentials, options);
  }
}
