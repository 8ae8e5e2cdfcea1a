package dev.actionlayer.testkit;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Page;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import java.util.Objects;

/**
 * The canonical resource a {@link ConnectorVerification} exercises, with the sample input its
 * creates use: {@code Subject.tasks(new NewTask("PROJ", "Fix login bug", null))}.
 */
public final class Subject {
  private final String noun;
  private final Object sample;
  /** What the update rules change: the changes record and the value {@link #changed} must then read. */
  private final Object changes;
  private final String changedValue;
  /** What the list rules list: a query every record created from the sample matches. */
  private final Object query;

  private Subject(String noun, Object sample, Object changes, String changedValue, Object query) {
    this.noun = noun;
    this.sample = Objects.requireNonNull(sample, "sample == null");
    this.changes = changes;
    this.changedValue = changedValue;
    this.query = query;
  }

  /**
   * The connector's tasks, created from {@code sample}; the update rules change the title, the
   * list rules list the sample's project.
   */
  public static Subject tasks(NewTask sample) {
    String title = "Renamed by the conformance kit";
    return new Subject("tasks", sample, TaskChanges.builder().title(title).build(), title,
        new TaskQuery(sample.project(), null, null, null, 0, null));
  }

  /** The connector's contacts, created from {@code sample}; the update rules change the last name. */
  public static Subject contacts(NewContact sample) {
    String lastName = "Renamed";
    return new Subject("contacts", sample, ContactChanges.builder().lastName(lastName).build(), lastName,
        ContactQuery.all());
  }

  /**
   * The connector's folders, created from {@code sample}; the update rules rename the folder, the
   * list rules list the sample's parent.
   */
  public static Subject folders(NewFolder sample) {
    String name = "Renamed by the conformance kit";
    return new Subject("folders", sample, FolderChanges.rename(name), name, FolderQuery.in(sample.parentId()));
  }

  /**
   * This subject with the list rules listing {@code query} (a {@code TaskQuery},
   * {@code ContactQuery} or {@code FolderQuery} that every record created from the sample matches),
   * for a vendor that cannot list without a filter the default lacks.
   */
  public Subject listing(Object query) {
    Class<?> type = switch (noun) {
      case "tasks" -> TaskQuery.class;
      case "contacts" -> ContactQuery.class;
      default -> FolderQuery.class;
    };
    if (!type.isInstance(query)) throw new IllegalArgumentException(noun + " are listed with a " + type.getSimpleName());
    return new Subject(noun, sample, changes, changedValue, query);
  }

  /** {@code tasks}, {@code contacts} or {@code folders}. */
  public String noun() {
    return noun;
  }

  String create(ActionLayer layer, String connection) {
    switch (noun) {
      case "tasks":
        return layer.tasks(connection).create((NewTask) sample).id();
      case "contacts":
        return layer.contacts(connection).create((NewContact) sample).id();
      default:
        return layer.folders(connection).create((NewFolder) sample).id();
    }
  }

  /**
   * Creates the {@code n}-th distinct record from the sample (its title, last name and email, or
   * name suffixed), so that several creates in one rule neither meet the duplicate-call window nor a
   * vendor's natural key (a folder name, a contact's email).
   */
  String create(ActionLayer layer, String connection, int n) {
    switch (noun) {
      case "tasks": {
        NewTask t = (NewTask) sample;
        return layer.tasks(connection).create(new NewTask(t.project(), t.title() + " " + n, t.description())).id();
      }
      case "contacts": {
        NewContact c = (NewContact) sample;
        String email = c.email() == null ? null : c.email().replaceFirst("@", "+" + n + "@");
        return layer.contacts(connection).create(new NewContact(c.firstName(), c.lastName() + " " + n, email)).id();
      }
      default: {
        NewFolder f = (NewFolder) sample;
        return layer.folders(connection).create(new NewFolder(f.name() + " " + n, f.parentId())).id();
      }
    }
  }

  String get(ActionLayer layer, String connection, String id) {
    switch (noun) {
      case "tasks":
        return layer.tasks(connection).get(id).id();
      case "contacts":
        return layer.contacts(connection).get(id).id();
      default:
        return layer.folders(connection).get(id).id();
    }
  }

  void delete(ActionLayer layer, String connection, String id) {
    switch (noun) {
      case "tasks":
        layer.tasks(connection).delete(id);
        break;
      case "contacts":
        layer.contacts(connection).delete(id);
        break;
      default:
        layer.folders(connection).delete(id);
    }
  }

  /** Applies the subject's changes to record {@code id}; returns the changed field as the update answered it. */
  String update(ActionLayer layer, String connection, String id) {
    switch (noun) {
      case "tasks":
        return layer.tasks(connection).update(id, (TaskChanges) changes).title();
      case "contacts":
        return layer.contacts(connection).update(id, (ContactChanges) changes).lastName();
      default:
        return layer.folders(connection).update(id, (FolderChanges) changes).name();
    }
  }

  /** The changed field of record {@code id} as a get reads it now. */
  String changedField(ActionLayer layer, String connection, String id) {
    switch (noun) {
      case "tasks":
        return layer.tasks(connection).get(id).title();
      case "contacts":
        return layer.contacts(connection).get(id).lastName();
      default:
        return layer.folders(connection).get(id).name();
    }
  }

  /** The value the changed field has after {@link #update}. */
  String changedValue() {
    return changedValue;
  }

  /** One page of the subject's query: the ids, and the next cursor (null on the last page). */
  record Listed(java.util.List<String> ids, String nextCursor) {}

  Listed list(ActionLayer layer, String connection, int pageSize, String cursor) {
    Page<?> page;
    java.util.function.Function<Object, String> idOf;
    switch (noun) {
      case "tasks": {
        TaskQuery q = (TaskQuery) query;
        page = layer.tasks(connection).list(new TaskQuery(q.project(), q.status(), q.assignee(), q.text(), pageSize, cursor));
        idOf = r -> ((dev.actionlayer.Task) r).id();
        break;
      }
      case "contacts": {
        ContactQuery q = (ContactQuery) query;
        page = layer.contacts(connection).list(new ContactQuery(q.email(), q.name(), pageSize, cursor));
        idOf = r -> ((dev.actionlayer.Contact) r).id();
        break;
      }
      default: {
        FolderQuery q = (FolderQuery) query;
        page = layer.folders(connection).list(new FolderQuery(q.parentId(), q.name(), pageSize, cursor));
        idOf = r -> ((dev.actionlayer.Folder) r).id();
      }
    }
    return new Listed(page.items().stream().map(idOf).toList(), page.nextCursor());
  }

  @Override
  public String toString() {
    return noun + " from " + sample;
  }
}
