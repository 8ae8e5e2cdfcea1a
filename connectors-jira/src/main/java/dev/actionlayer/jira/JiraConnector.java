package dev.actionlayer.jira;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;
import java.util.Objects;

/** Jira Cloud REST v3 behind the connector SPI. Immutable and thread-safe. */
record JiraConnector(URI baseUri, Credentials credentials, JiraIssues tasks) implements Connector {
  JiraConnector {
    Objects.requireNonNull(baseUri, "baseUri == null");
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(tasks, "tasks == null");
  }

  @Override
  public String vendor() {
    return "jira";
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
    return "Jira{" + baseUri + ", " + credentials + ", " + tasks + "}";
  }
}
