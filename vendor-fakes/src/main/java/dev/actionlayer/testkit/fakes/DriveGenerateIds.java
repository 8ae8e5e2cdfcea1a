package dev.actionlayer.testkit.fakes;

import java.util.Set;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** FakeDrive's {@code files.generateIds}: fresh ids, remembered as issued. */
final class DriveGenerateIds {
  private static final Set<String> SPACES = Set.of("drive", "appDataFolder");
  private static final Set<String> TYPES = Set.of("files", "shortcuts");

  private DriveGenerateIds() {}

  static MockResponse answer(DriveStore store, HttpUrl url) {
    String count = orDefault(url.queryParameter("count"), "10");
    String space = orDefault(url.queryParameter("space"), "drive");
    String type = orDefault(url.queryParameter("type"), "files");
    int n = count.matches("\\d{1,4}") ? Integer.parseInt(count) : -1;
    if (n < 1 || n > 1000) {
      return invalid("Invalid value '" + count + "'. Values must be within the range: [1, 1000]", "count");
    }
    if (!SPACES.contains(space)) return invalid("Invalid Value", "space");
    if (!TYPES.contains(type)) return invalid("Invalid Value", "type");
    return DriveResponses.generatedIds(space, store.generate(n));
  }

  private static MockResponse invalid(String message, String parameter) {
    return DriveResponses.error(400, "invalid", message, parameter);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
