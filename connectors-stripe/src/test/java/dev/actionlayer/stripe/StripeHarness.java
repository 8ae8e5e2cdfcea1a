package dev.actionlayer.stripe;

import dev.actionlayer.Credentials;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.time.Instant;

/** Stripe's settings for the testkit's {@link LayerHarness}: the "stripe" connection, its key and start time. */
final class StripeHarness {
  static final String SECRET_KEY = "sk_test_51HarnessKeyForTestsOnly9x";
  static final Instant START = Instant.parse("2024-06-20T09:30:00Z");

  private StripeHarness() {}

  /** A harness for one "stripe" connection whose fake clock starts at {@link #START}. */
  static LayerHarness create() {
    return new LayerHarness("stripe", START);
  }

  static Credentials bearer() {
    return Credentials.bearer(SECRET_KEY);
  }
}
