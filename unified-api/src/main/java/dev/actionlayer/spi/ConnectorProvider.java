package dev.actionlayer.spi;

import dev.actionlayer.Credentials;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * How a configuration file names a vendor: a connector module registers one provider under
 * {@code META-INF/services/dev.actionlayer.spi.ConnectorProvider}, and the CLI and the broker find
 * it by {@link #vendor()} with {@link java.util.ServiceLoader}, so that adding a vendor to a
 * deployment is adding its jar (or its description) and a line of configuration.
 */
public interface ConnectorProvider {
  /** The name configuration uses, e.g. {@code "github"}; the connector's {@link Connector#vendor()}. */
  String vendor();

  /** The vendor's public API root, or null when every account has its own (Jira's site URL). */
  URI defaultBaseUri();

  /** The vendor-specific option names {@link #connector} accepts, e.g. {@code dedupeLabels}. */
  default Set<String> options() {
    return Set.of();
  }

  /**
   * The connector for one account.
   *
   * @param options values of {@link #options()} names only, as configured (strings)
   * @throws IllegalArgumentException naming the option (never quoting its value) when one is invalid
   */
  Connector connector(URI baseUri, Credentials credentials, Map<String, String> options);
}
