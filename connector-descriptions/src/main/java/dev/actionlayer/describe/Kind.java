package dev.actionlayer.describe;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three canonical resources as the engine sees them: which canonical names a template may use
 * for each verb, the values a call brings under those names, and how read fields become a record.
 */
enum Kind {
  TASKS("tasks", Set.of("project", "title", "description"),
      Set.of("title", "description", "status", "vendorStatus", "assignee", "dueDate", "labels"),
      Set.of("project", "status", "assignee", "text"),
      Set.of("id", "project", "title", "description", "assignee", "dueDate", "labels", "key", "url")),
  CONTACTS("contacts", Set.of("firstName", "lastName", "email"),
      Set.of("firstName", "lastName", "email", "phone", "company"),
      Set.of("email", "name"),
      Set.of("id", "firstName", "lastName", "email", "phone", "company", "url")),
  FOLDERS("folders", Set.of("name", "parentId"), Set.of("name", "parentId"), Set.of("parentId", "name"),
      Set.of("id", "name", "parentId", "url"));

  final String noun;
  /** Names a create (and a find) may use, besides {@code key}. */
  final Set<String> inputs;
  /** Names an update may use, besides {@code id} and {@code extra.<name>}. */
  final Set<String> changes;
  /** Filters a list may use, besides {@code pageSize} and {@code cursor}. */
  final Set<String> filters;
  /** Record fields a description may map, besides {@code extra.<name>}. */
  final Set<String> fields;

  Kind(String noun, Set<String> inputs, Set<String> changes, Set<String> filters, Set<String> fields) {
    this.noun = noun;
    this.inputs = inputs;
    this.changes = changes;
    this.filters = filters;
    this.fields = fields;
  }

  static Kind of(String noun) {
    for (Kind k : values()) if (k.noun.equals(noun)) return k;
    return null;
  }

  /** The values a create brings (nulls for fields not given). */
  Map<String, Object> inputValues(Object input) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (input instanceof NewTask t) {
      v.put("project", t.project());
      v.put("title", t.title());
      v.put("description", t.description());
    } else if (input instanceof NewContact c) {
      v.put("firstName", c.firstName());
      v.put("lastName", c.lastName());
      v.put("email", c.email());
    } else if (input instanceof NewFolder f) {
      v.put("name", f.name());
      v.put("parentId", f.parentId());
    }
    return v;
  }

  /** The values an update brings: only the fields given (not null). */
  Map<String, Object> changeValues(Object changes) {
    Map<String, Object> v = new LinkedHashMap<>();
    Map<String, String> extra = Map.of();
    if (changes instanceof TaskChanges c) {
      put(v, "title", c.title());
      put(v, "description", c.description());
      put(v, "status", c.status());
      put(v, "vendorStatus", c.vendorStatus());
      put(v, "assignee", c.assignee());
      put(v, "dueDate", c.dueDate());
      put(v, "labels", c.labels());
      extra = c.extra();
    } else if (changes instanceof ContactChanges c) {
      put(v, "firstName", c.firstName());
      put(v, "lastName", c.lastName());
      put(v, "email", c.email());
      put(v, "phone", c.phone());
      put(v, "company", c.company());
      extra = c.extra();
    } else if (changes instanceof FolderChanges c) {
      put(v, "name", c.name());
      put(v, "parentId", c.parentId());
    }
    extra.forEach((name, value) -> v.put("extra." + name, value));
    return v;
  }

  /** The values a list brings: its filters (only those given), page size and cursor. */
  Map<String, Object> queryValues(Object query) {
    Map<String, Object> v = new LinkedHashMap<>();
    int pageSize;
    String cursor;
    if (query instanceof TaskQuery q) {
      put(v, "project", q.project());
      put(v, "status", q.status());
      put(v, "assignee", q.assignee());
      put(v, "text", q.text());
      pageSize = q.pageSize();
      cursor = q.cursor();
    } else if (query instanceof ContactQuery q) {
      put(v, "email", q.email());
      put(v, "name", q.name());
      pageSize = q.pageSize();
      cursor = q.cursor();
    } else {
      FolderQuery q = (FolderQuery) query;
      put(v, "parentId", q.parentId());
      put(v, "name", q.name());
      pageSize = q.pageSize();
      cursor = q.cursor();
    }
    v.put("pageSize", String.valueOf(pageSize));
    put(v, "cursor", cursor);
    return v;
  }

  private static void put(Map<String, Object> v, String name, Object value) {
    if (value != null) v.put(name, value);
  }

  /** The record from the fields read ({@code labels} a list, {@code extra.<name>} strings, the rest strings). */
  @SuppressWarnings("unchecked")
  Object record(Map<String, Object> f, TaskStatus status, String vendorStatus) {
    Map<String, String> extra = new LinkedHashMap<>();
    f.forEach((name, value) -> {
      if (name.startsWith("extra.") && value instanceof String s) extra.put(name.substring(6), s);
    });
    String id = (String) f.get("id");
    return switch (this) {
      case TASKS -> new Task(id, s(f, "project"), s(f, "title"), s(f, "description"), status, vendorStatus,
          s(f, "assignee"), s(f, "dueDate"), (List<String>) f.get("labels"), s(f, "key"), s(f, "url"), extra);
      case CONTACTS -> new Contact(id, s(f, "firstName"), s(f, "lastName"), s(f, "email"), s(f, "phone"),
          s(f, "company"), s(f, "url"), extra);
      case FOLDERS -> new Folder(id, s(f, "name"), s(f, "parentId"), s(f, "url"), extra);
    };
  }

  private static String s(Map<String, Object> f, String name) {
    return f.get(name) instanceof String s ? s : null;
  }
}
