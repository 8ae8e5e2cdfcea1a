package dev.actionlayer.github;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** GitHub's REST API (and one GraphQL mutation) behind the connector SPI: issues as tasks. */
record GitHubConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final GitHubIssues ISSUES = new GitHubIssues();

  @Override
  public String vendor() {
    return "github";
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return ISSUES;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return GitHubErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return "X-GitHub-Request-Id";
  }

  /** {@code x-ratelimit-used} of {@code x-ratelimit-limit} in the current window. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    long limit = GitHubErrors.number(response.header("x-ratelimit-limit"));
    long used = GitHubErrors.number(response.header("x-ratelimit-used"));
    return limit <= 0 || used < 0 || used > limit ? null : new VendorUsage(used, limit);
  }
}
