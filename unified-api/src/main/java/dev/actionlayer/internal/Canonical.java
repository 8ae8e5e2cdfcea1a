package dev.actionlayer.internal;

import dev.actionlayer.Contact;
import dev.actionlayer.Folder;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
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
  public static final Canonical<NewTask, Task> TASKS =
      new Canonical<>("tasks", NewTask.class, Connector::tasks, Task::id);
  public static final Canonical<NewContact, Contact> CONTACTS =
      new Canonical<>("contacts", NewContact.class, Connector::contacts, Contact::id);
  public static final Canonical<NewFolder, Folder> FOLDERS =
      new Canonical<>("folders", NewFolder.class, Connector::folders, Folder::id);
  private static final List<Canonical<?, ?>> ALL = List.of(TASKS, CONTACTS, FOLDERS);

  final String noun;
  final Class<N> inputType;
  final Function<Connector, Resource<N, R>> resourceOf;
  final Function<R, String> idOf;

  private Canonical(String noun, Class<N> inputType, Function<Connector, Resource<N, R>> resourceOf,
      Function<R, String> idOf) {
    this.noun = noun;
    this.inputType = inputType;
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
