package dev.actionlayer.gdrive;

import java.util.LinkedHashMap;
import java.util.Map;

/** Google's per-item {@code location}s as canonical field names, for validation errors. */
final class DriveFieldErrors {
  private DriveFieldErrors() {}

  /** Each located item's message by canonical field; header locations are not fields. */
  static Map<String, String> of(DriveErrorBody body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (DriveErrorBody.Item item : body.items()) {
      if (item.location() == null || "header".equals(item.locationType())) continue;
      String message = item.message() == null || item.message().isBlank() ? "is invalid" : item.message().strip();
      fields.putIfAbsent(canonical(item.location()), message);
    }
    return fields;
  }

  /** Drive's names mapped to the canonical folder fields; other locations stay as Drive names them. */
  static String canonical(String location) {
    String base = location.startsWith("file.") ? location.substring("file.".length()) : location;
    if (base.equals("parents") || base.startsWith("parents[") || base.equals("addParents")
        || base.equals("removeParents")) {
      return "parentId";
    }
    if (base.equals("fileId")) return "id";
    return base;
  }
}
