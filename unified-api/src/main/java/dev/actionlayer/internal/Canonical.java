package dev.actionlayer.internal;

import dev.actionlayer.Contact;
import dev.actionlayer.Folder;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import java.util.List;
import java.util.function.Function;

/**
 * The three canonical resources as data: the noun in operation names, the create input's type
 * (how a saga journal reads an input back), where a connector keeps the resource and how to get a
 * record's id.
 */
public final class Canonical<N, R> {
  public static final Canonical<NewTask, Task> TASKS = new Canonical<>("tasks", NewTask.class,
      TaskChanges.class, TaskQuery.class, Connector::tasks, Task::id);
  public static final Canonical<NewContact, Contact> CONTACTS = new Canonical<>("contacts",
      NewContact.class, ContactChanges.class, ContactQuery.class, Connector::contacts, Contact::id);
  public static final Canonical<NewFolder, Folder> FOLDERS = new Canonical<>("folders", NewFolder.class,
      FolderChanges.class, FolderQuery.class, Connector::folders, Folder::id);
  private static final List<Canonical<?, ?>> ALL = List.of(TASKS, CONTACTS, FOLDERS);

  final String noun;
  final Class<N> inputType;
  final Class<?> changesType;
  final Class<?> queryType;
  final Function<Connector, Resource<N, R>> resourceOf;
  final Function<R, String> idOf;

  private Canonical(String noun, Class<N> inputType, Class<?> changesType, Class<?> queryType,
      Function<Connector, Resource<N, R>> resourceOf, Function<R, String> idOf) {
    this.noun = noun;
    this.inputType = inputType;
    this.changesType = changesType;
    this.queryType = queryType;
    this.resourceOf = resourceOf;
    this.idOf = idOf;
  }

  /** Every canonical resource, in a stable order. */
  public static List<Canonical<?, ?>> all() {
    return ALL;
  }

  /** The resource named {@code noun}, or null. */
  public static Canonical<?, ?> of(String noun) {
    for (Canonical<?, ?> c : ALL) if (c.noun.equals(noun)) return c;
    return null;
  }

  public String noun() {
    return noun;
  }

  public Class<N> inputType() {
    return inputType;
  }

  /** The input type of {@code update}: {@code TaskChanges}, … */
  public Class<?> changesType() {
    return changesType;
  }

  /** The input type of {@code list}: {@code TaskQuery}, … */
  public Class<?> queryType() {
    return queryType;
  }

  /** The connector's resource of this kind, or null when its vendor lacks it. */
  public Resource<N, R> resourceOf(Connector connector) {
    return resourceOf.apply(connector);
  }

  public String idOf(R record) {
    return idOf.apply(record);
  }

  /** Finds the {@link ResourceCalls} of one resource on one named connection. */
  @FunctionalInterface
  public interface Lookup {
    /**
     * @throws dev.actionlayer.ActionException {@code INVALID_REQUEST} for an unknown connection,
     *     {@code UNSUPPORTED} when its vendor lacks the resource
     */
    <N, R> ResourceCalls<N, R> calls(String connection, Canonical<N, R> resource);
  }

  @Override
  public String toString() {
    return noun;
  }
}
