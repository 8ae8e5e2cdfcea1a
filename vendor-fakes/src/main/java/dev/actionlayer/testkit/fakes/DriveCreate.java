package dev.actionlayer.testkit.fakes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/** FakeDrive's {@code files.create} (metadata only): Drive's checks, in Drive's answers. */
final class DriveCreate {
  static final String ID_IN_USE = "A file already exists with the provided ID.";
  static final String ID_NOT_USABLE = "The provided file ID is not usable.";
  private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9_-]{10,200}");

  private DriveCreate() {}

  /** Validates and applies one create; the answer is the stored file reduced to {@code fields}. */
  static MockResponse apply(DriveStore store, String body, List<String> fields, boolean acceptUnissued) {
    Object parsed = dev.actionlayer.spi.Json.parseOrNull(body);
    if (!(parsed instanceof Map<?, ?> meta)) {
      return DriveResponses.error(400, "parseError", "Parse Error", null);
    }
    String id = null;
    if (meta.get("id") != null) {
      if (!(meta.get("id") instanceof String given) || !ID_SHAPE.matcher(given).matches()) {
        return DriveResponses.error(400, "invalid", ID_NOT_USABLE, null);
      }
      // A repeat of an applied create with a generated id: exactly one file stays (fact sheet 3.4).
      if (store.inUse(given)) return DriveResponses.error(409, "fileIdInUse", ID_IN_USE, null);
      if (!acceptUnissued && !store.wasIssued(given)) {
        return DriveResponses.error(400, "invalid", ID_NOT_USABLE, null);
      }
      id = given;
    }
    String parentId = FakeDrive.ROOT_ID;
    if (meta.get("parents") instanceof List<?> parents && !parents.isEmpty()) {
      if (parents.size() > 1 || !(parents.get(0) instanceof String requested)) {
        return DriveResponses.error(400, "badRequest", "A file can have only one parent.", "parents");
      }
      DriveStore.StoredFile parent = store.find(requested);
      if (parent == null || !parent.isFolder() || parent.trashed()) {
        return DriveResponses.json(404, DriveResponses.notFound(requested));
      }
      parentId = parent.id();
    }
    String name = meta.get("name") instanceof String n ? n : "Untitled";
    String mimeType = meta.get("mimeType") instanceof String m ? m : "application/octet-stream";
    DriveStore.StoredFile file = store.create(id != null ? id : store.assignId(), name, mimeType,
        parentId, properties(meta.get("appProperties")));
    return DriveResponses.file(file, fields);
  }

  private static Map<String, String> properties(Object value) {
    Map<String, String> props = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      // Null values clear a property in Drive; on create there is nothing to clear.
      map.forEach((k, v) -> {
        if (k != null && v != null) props.put(k.toString(), v.toString());
      });
    }
    return props;
  }
}
