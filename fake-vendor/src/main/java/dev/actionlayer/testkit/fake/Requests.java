package dev.actionlayer.testkit.fake;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Factories for the {@link RequestMatcher}s used by the fault DSL, e.g.
 * {@code fake.on(Requests.creates().and(Requests.pathStartsWith("/rest/api/3/issue")))}.
 */
public final class Requests {

  private Requests() {}

  /** Selects every request. */
  public static RequestMatcher any() {
    return (call, vendor) -> true;
  }

  /** Selects the requests that create a resource, as defined by {@link FakeVendor#isCreate}. */
  public static RequestMatcher creates() {
    return (call, vendor) -> vendor.isCreate(call);
  }

  /** Selects the requests that read, as defined by {@link FakeVendor#isRead} (GETs by default). */
  public static RequestMatcher gets() {
    return (call, vendor) -> vendor.isRead(call);
  }

  /** Selects the requests that delete, as defined by {@link FakeVendor#isDelete} (DELETEs by default). */
  public static RequestMatcher deletes() {
    return (call, vendor) -> vendor.isDelete(call);
  }

  /** Selects requests with the given HTTP method (case-insensitive). */
  public static RequestMatcher method(String method) {
    Objects.requireNonNull(method, "method == null");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method is blank");
    }
    String wanted = method.toUpperCase(Locale.ROOT);
    return (call, vendor) -> call.method().equals(wanted);
  }

  /** Selects requests whose path (query included) starts with {@code prefix}. */
  public static RequestMatcher pathStartsWith(String prefix) {
    Objects.requireNonNull(prefix, "prefix == null");
    return (call, vendor) -> call.path().startsWith(prefix);
  }

  /** Adapts a plain predicate over the recorded call, for selections the factories do not cover. */
  public static RequestMatcher where(Predicate<RecordedCall> predicate) {
    Objects.requireNonNull(predicate, "predicate == null");
    return (call, vendor) -> predicate.test(call);
  }
}
