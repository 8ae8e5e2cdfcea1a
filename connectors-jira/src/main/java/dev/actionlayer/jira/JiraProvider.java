package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * {@code vendor=jira} in configuration: {@link Jira}, with options {@code issueType} (an issue
 * type name) and {@code dedupeLabels} ({@code true}/{@code false}). Each site has its own base
 * URI, so there is no default.
 */
public final class JiraProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "jira";
  }

  @Override
  public URI defaultBaseUri() {
    return null;
  }

  @Override
  public Set<String> options() {
    return Set.of("issueType", "dedupeLabels");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    if (baseUri == null) throw new IllegalArgumentException("baseUri: is required for jira (the site's URL)");
    Jira.Builder b = Jira.builder(baseUri, credentials);
    String issueType = options.get("issueType");
    if (issueType != null) {
      try {
        b.issueType(issueType);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("issueType: must be a Jira issue type name: 1 to 255 characters, no control characters");
      }
    }
    String dedupe = options.get("dedupeLabels");
    if (dedupe != null) {
      if (!dedupe.equals("true") && !dedupe.equals("false")) throw new IllegalArgumentException("dedupeLabels: must be true or false");
      b.dedupeLabels(Boolean.parseBoolean(dedupe));
    }
    return b.build();
  }
}
