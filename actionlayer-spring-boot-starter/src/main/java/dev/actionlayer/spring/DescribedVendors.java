package dev.actionlayer.spring;

import dev.actionlayer.describe.Descriptions;
import dev.actionlayer.spi.ConnectorProvider;

/**
 * The one place that touches {@code connector-descriptions}, an optional dependency: loaded only
 * after {@link ConnectionFactory} has checked that it is on the class path.
 */
final class DescribedVendors {
  private DescribedVendors() {}

  /** The provider of the description in {@code json}; its messages never name the file. */
  static ConnectorProvider provider(String json) {
    return Descriptions.provider(Descriptions.parse(json, "the description"));
  }
}
