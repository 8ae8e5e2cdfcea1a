package dev.actionlayer.gitlab;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** GitLab's REST API v4 behind the connector SPI: issues as tasks. */
record GitLabConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final GitLabIssues ISSUES = new GitLabIssues();

  @Override
  public String vendor() {
    return "gitlab";
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return ISSUES;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return GitLabErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return "X-Request-Id";
  }

  /** {@code RateLimit-Observed} of {@code RateLimit-Limit} in the current window. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    long limit = GitLabErrors.number(response.header("RateLimit-Limit"));
    long observed = GitLabErrors.number(response.header("RateLimit-Observed"));
    return limit <= 0 || observed < 0 || observed > limit ? null : new VendorUsage(observed, limit);
  }
}
