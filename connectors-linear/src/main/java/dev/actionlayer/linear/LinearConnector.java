package dev.actionlayer.linear;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** Linear's GraphQL API behind the connector SPI: issues as tasks. */
record LinearConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final LinearIssues ISSUES = new LinearIssues();

  @Override
  public String vendor() {
    return "linear";
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return ISSUES;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return LinearErrors.map(response);
  }

  /** The request allowance: {@code X-RateLimit-Requests-Limit} less {@code -Remaining}. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    long limit = LinearErrors.number(response.header("X-RateLimit-Requests-Limit"));
    long remaining = LinearErrors.number(response.header("X-RateLimit-Requests-Remaining"));
    return limit <= 0 || remaining < 0 || remaining > limit ? null : new VendorUsage(limit - remaining, limit);
  }
}
