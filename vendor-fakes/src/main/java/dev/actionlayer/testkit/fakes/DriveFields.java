package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;

/** Drive's {@code fields} query parameter, for the File members FakeDrive stores. */
final class DriveFields {
  static final List<String> KNOWN =
      List.of("kind", "id", "name", "mimeType", "parents", "trashed", "appProperties", "webViewLink");
  /** What Drive v3 returns when no {@code fields} is given. */
  static final List<String> DEFAULT = List.of("kind", "id", "name", "mimeType");

  private DriveFields() {}

  /** The first name in {@code fields} that is not a known member (Drive refuses it), or null. */
  static String unknown(String fields) {
    if (fields == null) return null;
    for (String raw : fields.split(",")) {
      String name = raw.strip();
      if (!name.isEmpty() && !name.equals("*") && !KNOWN.contains(name)) return name;
    }
    return null;
  }

  /** The members a valid {@code fields} selects: a comma list of top-level names, or {@code *}. */
  static List<String> select(String fields) {
    if (fields == null || fields.isBlank()) return DEFAULT;
    List<String> wanted = new ArrayList<>();
    for (String raw : fields.split(",")) {
      String name = raw.strip();
      if (name.equals("*")) return KNOWN;
      if (!name.isEmpty()) wanted.add(name);
    }
    return wanted;
  }
}
