package dev.actionlayer.salesforce;

import dev.actionlayer.Credentials;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.time.Instant;

/** Salesforce's settings for the testkit's {@link LayerHarness}: the "sf" connection, its token and start time. */
final class SalesforceHarness {
  static final String TOKEN = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");
  static final String KEY_FIELD = "Actionlayer_Key__c";

  private SalesforceHarness() {}

  /** A harness for one "sf" connection whose fake clock starts at {@link #START}. */
  static LayerHarness create() {
    return new LayerHarness("sf", START);
  }

  static Credentials bearer() {
    return Credentials.bearer(TOKEN);
  }
}
