package dev.actionlayer.testkit;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import java.util.Objects;

/**
 * The canonical resource a {@link ConnectorVerification} exercises, with the sample input its
 * creates use: {@code Subject.tasks(new NewTask("PROJ", "Fix login bug", null))}.
 */
public final class Subject {
  private final String noun;
  private final Object sample;

  private Subject(String noun, Object sample) {
    this.noun = noun;
    this.sample = Objects.requireNonNull(sample, "sample == null");
  }

  /** The connector's tasks, created from {@code sample}. */
  public static Subject tasks(NewTask sample) {
    return new Subject("tasks", sample);
  }

  /** The connector's contacts, created from {@code sample}. */
  public static Subject contacts(NewContact sample) {
    return new Subject("contacts", sample);
  }

  /** The connector's folders, created from {@code sample}. */
  public static Subject folders(NewFolder sample) {
    return new Subject("folders", sample);
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

  @Override
  public String toString() {
    return noun + " from " + sample;
  }
}
