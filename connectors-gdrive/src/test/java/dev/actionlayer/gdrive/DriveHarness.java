package dev.actionlayer.gdrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.testkit.fake.LayerHarness;
import java.time.Instant;

/** Google Drive's settings for the testkit's {@link LayerHarness}: the "drive" connection, its token and start time. */
final class DriveHarness {
  static final String TOKEN = "ya29.a0-test-access-token";
  static final Instant START = Instant.parse("2024-05-05T18:01:00Z");

  private DriveHarness() {}

  /** A harness for one "drive" connection whose fake clock starts at {@link #START}. */
  static LayerHarness create() {
    return new LayerHarness("drive", START);
  }

  static Credentials bearer() {
    return Credentials.bearer(TOKEN);
  }
}
