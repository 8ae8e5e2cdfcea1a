package dev.actionlayer.internal;

import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.Tasks;

/**
 * The typed {@link Tasks}/{@link Contacts}/{@link Folders} views over one generic set of
 * operations, so that the plain layer and a saga's step (which journals its creates) present the
 * same interfaces.
 */
public final class Views {
  private Views() {}

  /** create/get/delete of one resource on one connection. */
  public interface Ops<N, R> {
    R create(N input);

    R get(String id);

    void delete(String id);
  }

  public static Tasks tasks(Ops<NewTask, Task> ops) {
    return new Tasks() {
      @Override
      public Task create(NewTask input) {
        return ops.create(input);
      }

      @Override
      public Task get(String id) {
        return ops.get(id);
      }

      @Override
      public void delete(String id) {
        ops.delete(id);
      }
    };
  }

  public static Contacts contacts(Ops<NewContact, Contact> ops) {
    return new Contacts() {
      @Override
      public Contact create(NewContact input) {
        return ops.create(input);
      }

      @Override
      public Contact get(String id) {
        return ops.get(id);
      }

      @Override
      public void delete(String id) {
        ops.delete(id);
      }
    };
  }

  public static Folders folders(Ops<NewFolder, Folder> ops) {
    return new Folders() {
      @Override
      public Folder create(NewFolder input) {
        return ops.create(input);
      }

      @Override
      public Folder get(String id) {
        return ops.get(id);
      }

      @Override
      public void delete(String id) {
        ops.delete(id);
      }
    };
  }
}
