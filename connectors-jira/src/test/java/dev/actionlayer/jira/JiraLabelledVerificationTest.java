package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.FakeJira;
import dev.actionlayer.testkit.FakeVendor;
import java.net.URI;

/** Jira against the conformance kit with dedupe labels: creates are findable, and reconciled. */
class JiraLabelledVerificationTest extends JiraVerificationTest {

  @Override
  protected FakeVendor newFake(String secret) {
    return ((FakeJira) super.newFake(secret)).searchLag(1);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Jira.builder(baseUri, Credentials.basic(EMAIL, secret)).dedupeLabels(true).build();
  }
}
