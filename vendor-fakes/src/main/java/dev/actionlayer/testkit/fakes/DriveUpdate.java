package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * FakeDrive's {@code files.update} (metadata only): {@code PATCH /drive/v3/files/{fileId}} with a
 * JSON {@code File} body ({@code name}, {@code appProperties} where a null value removes a key) and
 * the {@code addParents}/{@code removeParents} comma lists that move a file. Applying the same
 * update twice leaves the same file: adding a parent it has and removing one it lacks change
 * nothing.
 *
 * <p>Drive's answers, and how sure we are of them: {@code parents} in the body is {@code 403
 * fieldNotWritable} "The parents field is not directly writable in update requests. Use the
 * addParents and removeParents parameters instead." (captured in several clients' reports); a
 * second parent is {@code 403 cannotAddParent} "Increasing the number of parents is not allowed"
 * (captured); a parent that would make a cycle and a duplicate parent are {@code 400 badRequest}
 * (Drive's error guide lists both; the wording here is ours); a parent that is not a folder is
 * {@code 403 parentNotAFolder} and removing the last parent {@code 400 badRequest} (unverified).
 * Members other than those FakeDrive stores are refused as {@code 400 invalid}.
 *
 * <p>"Duplicate parent" is read as the same id twice in {@code addParents}; adding a parent the
 * file already has is taken to change nothing. That reading is an assumption: if Drive refused
 * it, a move resent after a lost answer would be refused although the first one was applied.
 */
final class DriveUpdate {
  private static final Set<String> WRITABLE = Set.of("name", "appProperties");

  private DriveUpdate() {}

  /** Validates and applies one update; the answer is the changed file reduced to {@code fields}. */
  static MockResponse apply(DriveStore store, String id, String body, HttpUrl url, List<String> fields) {
    DriveStore.StoredFile file = store.find(id);
    if (file == null) return DriveResponses.json(404, DriveResponses.notFound(id));
    if (file.id().equals(FakeDrive.ROOT_ID)) {
      return DriveResponses.error(403, "insufficientFilePermissions",
          "The user does not have sufficient permissions for this file.", null);
    }
    Object parsed = body.isBlank() ? Map.of() : dev.actionlayer.spi.Json.parseOrNull(body);
    if (!(parsed instanceof Map<?, ?> meta)) return DriveResponses.error(400, "parseError", "Parse Error", null);
    if (meta.containsKey("parents")) {
      return DriveResponses.error(403, "fieldNotWritable", "The parents field is not directly writable in"
          + " update requests. Use the addParents and removeParents parameters instead.", null);
    }
    for (Object member : meta.keySet()) {
      if (!WRITABLE.contains(String.valueOf(member))) {
        return DriveResponses.error(400, "invalid", "Invalid Value", "file." + member);
      }
    }
    String name = file.name();
    if (meta.containsKey("name")) {
      if (!(meta.get("name") instanceof String n) || n.isBlank()) {
        return DriveResponses.error(400, "badRequest", "Invalid value for name", "file.name");
      }
      name = n;
    }
    String parent = file.parentId();
    List<String> remove = list(url.queryParameter("removeParents"));
    List<String> add = list(url.queryParameter("addParents"));
    List<String> parents = new ArrayList<>(List.of(parent));
    for (String r : remove) parents.remove(resolve(r));
    if (add.stream().distinct().count() < add.size()) {
      return DriveResponses.error(400, "badRequest", "A parent was given twice.", "addParents");
    }
    for (String a : add) {
      DriveStore.StoredFile target = store.find(a);
      if (target == null || target.trashed()) return DriveResponses.json(404, DriveResponses.notFound(a));
      if (!target.isFolder()) {
        return DriveResponses.error(403, "parentNotAFolder", "The specified parent is not a folder.", "addParents");
      }
      if (store.isWithin(target.id(), file.id())) {
        return DriveResponses.error(400, "badRequest", "A folder cannot be moved into itself or one of its"
            + " descendants.", "addParents");
      }
      if (!parents.contains(target.id())) parents.add(target.id());
    }
    if (parents.size() > 1) {
      return DriveResponses.error(403, "cannotAddParent", "Increasing the number of parents is not allowed", null);
    }
    if (parents.isEmpty()) {
      return DriveResponses.error(400, "badRequest", "A file must keep one parent.", "removeParents");
    }
    DriveStore.StoredFile changed = store.update(file, name, parents.get(0),
        properties(file.appProperties(), meta.get("appProperties")));
    return DriveResponses.file(changed, fields);
  }

  private static String resolve(String id) {
    return DriveStore.ROOT_ALIAS.equals(id) ? FakeDrive.ROOT_ID : id;
  }

  private static List<String> list(String commaList) {
    List<String> out = new ArrayList<>();
    if (commaList == null) return out;
    for (String item : commaList.split(",")) {
      if (!item.isBlank()) out.add(item.strip());
    }
    return out;
  }

  /** The properties after an update: a given key is set, a key given as null is removed. */
  private static Map<String, String> properties(Map<String, String> current, Object changes) {
    Map<String, String> props = new LinkedHashMap<>(current);
    if (changes instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (k == null) return;
        if (v == null) props.remove(k.toString());
        else props.put(k.toString(), v.toString());
      });
    }
    return props;
  }
}
