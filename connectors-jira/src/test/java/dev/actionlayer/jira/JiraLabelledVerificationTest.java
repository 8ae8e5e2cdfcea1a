package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.net.URI;

/** Jira against the conformance kit with dedupe labels: creates are findable, and reconciled. */
class JiraLabelledVerificationTest extends JiraVerificationTest {

  @Override
  protected FakeJira newFake(String secret) {
    return super.newFake(secret).searchLag(1);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Jira.builder(baseUri, Credentials.basic(EMAIL, secret)).dedupeLabels(true).build();
  }
}
