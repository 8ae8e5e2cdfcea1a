package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.time.Instant;

/** Jira's settings for the testkit's {@link LayerHarness}: the "jira" connection, its account and start time. */
final class JiraHarness {
  static final String EMAIL = "dev@example.com";
  static final String TOKEN = "secret-token-123";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");

  private JiraHarness() {}

  /** A harness for one "jira" connection whose fake clock starts at {@link #START}. */
  static LayerHarness create() {
    return new LayerHarness("jira", START);
  }

  static Credentials basic() {
    return Credentials.basic(EMAIL, TOKEN);
  }
}
