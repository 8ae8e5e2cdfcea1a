package dev.actionlayer.jira;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** Jira Cloud REST v3 behind the connector SPI. Immutable and thread-safe. */
final class JiraConnector implements Connector {
  private final URI baseUri;
  private final Credentials credentials;
  private final JiraIssues issues;

  JiraConnector(URI baseUri, Credentials credentials, JiraIssues issues) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.issues = issues;
  }

  @Override
  public String vendor() {
    return "jira";
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return issues;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return JiraErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return JiraErrors.REQUEST_ID_HEADER;
  }

  /** Jira's {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}, when both are numbers. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    long limit = JiraRateLimits.number(response.header("X-RateLimit-Limit"));
    long remaining = JiraRateLimits.number(response.header("X-RateLimit-Remaining"));
    if (limit <= 0 || remaining < 0 || remaining > limit) return null;
    return new VendorUsage(limit - remaining, limit);
  }

  @Override
  public String toString() {
    return "Jira{" + baseUri + ", " + credentials + ", " + issues + "}";
  }
}
