package dev.actionlayer.internal;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.Page;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.Contacts;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.Tasks;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The typed {@link Tasks}/{@link Contacts}/{@link Folders} views over one generic set of
 * operations, so that the plain layer, a saga's step (which journals its creates) and a
 * compensation present the same interfaces. A new operation is added once here: to {@link Ops},
 * {@link #direct} and {@link View}.
 */
public final class Views {
  private Views() {}

  /** The canonical operations of one resource on one connection. */
  public interface Ops<N, R> {
    R create(N input);

    R get(String id);

    /** {@code changes} is the resource's changes type. */
    R update(String id, Object changes);

    void delete(String id);

    /** {@code query} is the resource's query type. */
    Page<R> list(Object query);
  }

  /** Each operation straight through the pipeline, for {@code principal} with audit {@code context}. */
  public static <N, R> Ops<N, R> direct(ResourceCalls<N, R> calls, String principal,
      Map<String, String> context) {
    return new Ops<>() {
      @Override
      public R create(N input) {
        return calls.create(input, principal, context);
      }

      @Override
      public R get(String id) {
        return calls.get(id, principal, context);
      }

      @Override
      public R update(String id, Object changes) {
        return calls.update(id, changes, principal, context);
      }

      @Override
      public void delete(String id) {
        calls.delete(id, principal, context);
      }

      @Override
      public Page<R> list(Object query) {
        return calls.list(query, principal, context);
      }
    };
  }

  /** {@code ops} with its create and update replaced (a saga journals them, to undo them). */
  public static <N, R> Ops<N, R> journaled(Ops<N, R> ops, Function<N, R> create,
      BiFunction<String, Object, R> update) {
    return new Ops<>() {
      @Override
      public R create(N input) {
        return create.apply(input);
      }

      @Override
      public R get(String id) {
        return ops.get(id);
      }

      @Override
      public R update(String id, Object changes) {
        return update.apply(id, changes);
      }

      @Override
      public void delete(String id) {
        ops.delete(id);
      }

      @Override
      public Page<R> list(Object query) {
        return ops.list(query);
      }
    };
  }

  public static Tasks tasks(Ops<NewTask, Task> ops) {
    return new TaskView(ops);
  }

  public static Contacts contacts(Ops<NewContact, Contact> ops) {
    return new ContactView(ops);
  }

  public static Folders folders(Ops<NewFolder, Folder> ops) {
    return new FolderView(ops);
  }

  /** One implementation of every resource interface's methods; the subclasses only name the types. */
  private static class View<N, R> {
    private final Ops<N, R> ops;

    View(Ops<N, R> ops) {
      this.ops = ops;
    }

    public R create(N input) {
      return ops.create(input);
    }

    public R get(String id) {
      return ops.get(id);
    }

    public void delete(String id) {
      ops.delete(id);
    }

    R change(String id, Object changes) {
      return ops.update(id, changes);
    }

    Page<R> page(Object query) {
      return ops.list(query);
    }
  }

  private static final class TaskView extends View<NewTask, Task> implements Tasks {
    TaskView(Ops<NewTask, Task> ops) {
      super(ops);
    }

    @Override
    public Task update(String id, TaskChanges changes) {
      return change(id, changes);
    }

    @Override
    public Page<Task> list(TaskQuery query) {
      return page(query);
    }
  }

  private static final class ContactView extends View<NewContact, Contact> implements Contacts {
    ContactView(Ops<NewContact, Contact> ops) {
      super(ops);
    }

    @Override
    public Contact update(String id, ContactChanges changes) {
      return change(id, changes);
    }

    @Override
    public Page<Contact> list(ContactQuery query) {
      return page(query);
    }
  }

  private static final class FolderView extends View<NewFolder, Folder> implements Folders {
    FolderView(Ops<NewFolder, Folder> ops) {
      super(ops);
    }

    @Override
    public Folder update(String id, FolderChanges changes) {
      return change(id, changes);
    }

    @Override
    public Page<Folder> list(FolderQuery query) {
      return page(query);
    }
  }
}
