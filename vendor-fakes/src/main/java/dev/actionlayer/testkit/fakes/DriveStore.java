package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** FakeDrive's files and issued ids. Not thread-safe: FakeDrive calls it under its lock. */
final class DriveStore {
  static final String FOLDER = "application/vnd.google-apps.folder";
  static final String ROOT_ALIAS = "root";
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** A stored file; {@code parentId} is null only for the root. */
  record StoredFile(String id, String name, String mimeType, String parentId,
      Map<String, String> appProperties, boolean trashed) {
    StoredFile {
      appProperties = Map.copyOf(appProperties);
    }

    boolean isFolder() {
      return FOLDER.equals(mimeType);
    }
  }

  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private final Set<String> issued = new HashSet<>();
  /** Ids that ever named a file: Drive never hands one out again. */
  private final Set<String> used = new HashSet<>();
  private final Random random = new Random(0x5EEDL);
  /** The {@code files.list} page tokens handed out: what each continues. */
  private final Map<String, PageState> pageTokens = new HashMap<>();
  private int creates;
  private int updates;
  private int generateIdsCalls;

  /** Where a {@code files.list} page token continues: the same {@code q}, after {@code offset} matches. */
  record PageState(String q, int offset) {}

  DriveStore() {
    clear();
  }

  /** Fresh ids shaped like Drive's (a '1' and 32 URL-safe characters), remembered as issued. */
  List<String> generate(int count) {
    generateIdsCalls++;
    List<String> ids = new ArrayList<>(count);
    while (ids.size() < count) {
      String id = newId();
      if (issued.add(id)) ids.add(id);
    }
    return ids;
  }

  private String newId() {
    StringBuilder id = new StringBuilder("1");
    while (id.length() < 33) id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    String value = id.toString();
    return used.contains(value) ? newId() : value;
  }

  boolean wasIssued(String id) {
    return issued.contains(id);
  }

  /** Whether a create with this id must be refused: it names (or named) a file. */
  boolean inUse(String id) {
    return used.contains(id);
  }

  /** A fresh id for a create that brought none. */
  String assignId() {
    String id;
    do {
      id = newId();
    } while (issued.contains(id));
    return id;
  }

  StoredFile create(String id, String name, String mimeType, String parentId, Map<String, String> props) {
    StoredFile file = new StoredFile(id, name, mimeType, parentId, props, false);
    files.put(id, file);
    used.add(id);
    creates++;
    return file;
  }

  /** Finds by id or the {@code root} alias, trashed files included (Drive's get returns them). */
  StoredFile find(String id) {
    return files.get(ROOT_ALIAS.equals(id) ? FakeDrive.ROOT_ID : id);
  }

  /** Replaces a file's name, parent and app properties, keeping its place in creation order. */
  StoredFile update(StoredFile file, String name, String parentId, Map<String, String> props) {
    StoredFile changed = new StoredFile(file.id(), name, file.mimeType(), parentId, props, file.trashed());
    files.put(file.id(), changed);
    updates++;
    return changed;
  }

  /** Whether {@code id} is {@code folder} itself or lies anywhere below it. */
  boolean isWithin(String id, String folder) {
    Set<String> seen = new HashSet<>();
    for (String at = id; at != null && seen.add(at); ) {
      if (at.equals(folder)) return true;
      StoredFile file = files.get(at);
      at = file == null ? null : file.parentId();
    }
    return false;
  }

  /** A new page token continuing {@code q} after {@code offset} matches. */
  String pageToken(String q, int offset) {
    // Opaque and never reused; not drawn from the id generator, so listing leaves the ids issued
    // afterwards unchanged.
    String token = "~!!~AI9FV7" + Integer.toString(pageTokens.size() + 1, 36).toUpperCase(java.util.Locale.ROOT)
        + "Qz" + Integer.toHexString((q == null ? 0 : q.hashCode()) ^ offset);
    pageTokens.put(token, new PageState(q == null ? "" : q, offset));
    return token;
  }

  /** What a page token continues, or null for a token this fake never handed out. */
  PageState page(String token) {
    return pageTokens.get(token);
  }

  /** Marks a file trashed; false when there is none. */
  boolean trash(String id) {
    StoredFile file = files.get(id);
    if (file == null) return false;
    files.put(id, new StoredFile(file.id(), file.name(), file.mimeType(), file.parentId(),
        file.appProperties(), true));
    return true;
  }

  /** Deletes a file and, as Drive does for folders, everything below it. */
  void delete(String id) {
    List<String> children = files.values().stream()
        .filter(f -> id.equals(f.parentId())).map(StoredFile::id).toList();
    children.forEach(this::delete);
    files.remove(id);
  }

  /** The stored files except the root, in creation order. */
  List<StoredFile> all() {
    return files.values().stream().filter(f -> !f.id().equals(FakeDrive.ROOT_ID)).toList();
  }

  int createCount() {
    return creates;
  }

  int updateCount() {
    return updates;
  }

  int generateIdsCount() {
    return generateIdsCalls;
  }

  int issuedCount() {
    return issued.size();
  }

  void clear() {
    files.clear();
    issued.clear();
    used.clear();
    pageTokens.clear();
    creates = 0;
    updates = 0;
    generateIdsCalls = 0;
    random.setSeed(0x5EEDL);
    files.put(FakeDrive.ROOT_ID, new StoredFile(FakeDrive.ROOT_ID, "My Drive", FOLDER, null, Map.of(), false));
    used.add(FakeDrive.ROOT_ID);
  }
}
