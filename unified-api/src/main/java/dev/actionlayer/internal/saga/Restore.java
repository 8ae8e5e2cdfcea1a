package dev.actionlayer.internal.saga;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.Task;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.internal.Canonical;
import dev.actionlayer.spi.Json;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a saga undoes an update: the changes that put back, field by field, the values the record
 * had before — read before the change was sent — and their journal form. Only the fields the
 * update named are restored; a value that was absent is cleared ({@code ""}) where the canonical
 * changes can clear it.
 */
final class Restore {
  private Restore() {}

  /** A journaled update's target and the changes that undo it. */
  record Plan(String id, Object changes) {}

  /** The changes that restore {@code before}'s values of the fields {@code changes} names, or null when none can be. */
  static Object changes(Object before, Object changes) {
    if (before instanceof Task t && changes instanceof TaskChanges c) return task(t, c);
    if (before instanceof Contact t && changes instanceof ContactChanges c) return contact(t, c);
    if (before instanceof Folder t && changes instanceof FolderChanges c) return folder(t, c);
    throw new IllegalArgumentException("no restore for " + changes.getClass().getSimpleName());
  }

  private static TaskChanges task(Task before, TaskChanges c) {
    TaskChanges.Builder b = TaskChanges.builder();
    boolean any = false;
    if (c.title() != null && before.title() != null) {
      b.title(before.title());
      any = true;
    }
    if (c.description() != null) {
      b.description(orClear(before.description()));
      any = true;
    }
    if ((c.status() != null || c.vendorStatus() != null) && (before.vendorStatus() != null || before.status() != null)) {
      if (before.vendorStatus() != null) b.vendorStatus(before.vendorStatus());
      else b.status(before.status());
      any = true;
    }
    if (c.assignee() != null) {
      b.assignee(orClear(before.assignee()));
      any = true;
    }
    if (c.dueDate() != null) {
      b.dueDate(orClear(before.dueDate()));
      any = true;
    }
    if (c.labels() != null) {
      b.labels(before.labels());
      any = true;
    }
    if (!c.extra().isEmpty()) {
      Map<String, String> extra = new LinkedHashMap<>();
      c.extra().keySet().forEach(k -> extra.put(k, orClear(before.extra().get(k))));
      b.extra(extra);
      any = true;
    }
    return any ? b.build() : null;
  }

  private static ContactChanges contact(Contact before, ContactChanges c) {
    ContactChanges.Builder b = ContactChanges.builder();
    boolean any = false;
    if (c.firstName() != null) {
      b.firstName(orClear(before.firstName()));
      any = true;
    }
    if (c.lastName() != null && before.lastName() != null) {
      b.lastName(before.lastName());
      any = true;
    }
    if (c.email() != null && before.email() != null) {
      b.email(before.email());
      any = true;
    }
    if (c.phone() != null) {
      b.phone(orClear(before.phone()));
      any = true;
    }
    if (c.company() != null) {
      b.company(orClear(before.company()));
      any = true;
    }
    return any ? b.build() : null;
  }

  private static FolderChanges folder(Folder before, FolderChanges c) {
    String name = c.name() != null ? before.name() : null;
    String parent = c.parentId() != null ? before.parentId() : null;
    return name == null && parent == null ? null : new FolderChanges(name, parent);
  }

  private static String orClear(String value) {
    return value == null ? "" : value;
  }

  /** The journal form: {@code {"id":…,"restore":{…}}}, the changes as their record's JSON. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static String json(Canonical<?, ?> kind, String id, Object restore) {
    JsonAdapter adapter = Json.MOSHI.adapter(kind.changesType());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("restore", adapter.toJsonValue(restore));
    return Json.write(out);
  }

  /**
   * Reads a journaled restore back (the changes' constructor validates it again).
   *
   * @throws ActionException {@code INTERNAL} when it cannot be read
   */
  static Plan read(Canonical<?, ?> kind, String json) {
    try {
      Object parsed = Json.parseOrNull(json);
      if (!(parsed instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) throw new IOException("shape");
      Object changes = Json.MOSHI.adapter(kind.changesType()).fromJsonValue(map.get("restore"));
      if (changes == null) throw new IOException("null");
      return new Plan(id, changes);
    } catch (IOException | RuntimeException e) {
      throw new ActionException(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("the journaled restore of a " + kind.noun() + ".update could not be read back: "
              + e.getClass().getSimpleName())
          .build());
    }
  }

  /** The journal's resource name of an update of {@code kind}'s records. */
  static String resource(Canonical<?, ?> kind) {
    return kind.noun() + UPDATE;
  }

  /** Whether a journaled call is an update (else a create). */
  static boolean isUpdate(String resource) {
    return resource != null && resource.endsWith(UPDATE);
  }

  /** The resource of a journaled update's name. */
  static Canonical<?, ?> kindOf(String resource) {
    return Canonical.of(resource.substring(0, resource.length() - UPDATE.length()));
  }

  private static final String UPDATE = ".update";

}
