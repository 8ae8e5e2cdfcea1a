package dev.actionlayer.internal;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the implementation an optional module contributes through {@link ServiceLoader} (the
 * PostgreSQL journal, the PostgreSQL shared state): first with the thread's context class loader,
 * which application servers and plugin hosts set, then with the core's own.
 */
public final class Providers {
  private Providers() {}

  /**
   * The first {@code type} on the class path.
   *
   * @param what names the service in the error when its declaration cannot be loaded
   * @param missing the message when none is found: it names the artifact to add
   * @throws IllegalStateException when none is found, or a declared one cannot be loaded
   */
  public static <T> T first(Class<T> type, String what, String missing) {
    T found = find(type, Thread.currentThread().getContextClassLoader(), what);
    if (found == null) found = find(type, type.getClassLoader(), what);
    if (found == null) throw new IllegalStateException(missing);
    return found;
  }

  private static <T> T find(Class<T> type, ClassLoader loader, String what) {
    if (loader == null) return null;
    try {
      Iterator<T> it = ServiceLoader.load(type, loader).iterator();
      return it.hasNext() ? it.next() : null;
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(what + " on the class path cannot be loaded: " + e.getMessage(), e);
    }
  }
}
