package dev.actionlayer.testkit.fake;

import java.util.Objects;

/**
 * Selects the requests a fault rule applies to. Build them with {@link Requests}; the fake is
 * passed in so that vendor-specific notions such as "a create" ({@link FakeVendor#isCreate}) can be
 * answered by the fake that received the call.
 */
@FunctionalInterface
public interface RequestMatcher {

  /** Returns true when {@code call}, received by {@code vendor}, is selected. */
  boolean matches(RecordedCall call, FakeVendor vendor);

  /** Returns a matcher selecting the calls both this matcher and {@code other} select. */
  default RequestMatcher and(RequestMatcher other) {
    Objects.requireNonNull(other, "other == null");
    return (call, vendor) -> matches(call, vendor) && other.matches(call, vendor);
  }

  /** Returns a matcher selecting the calls this matcher or {@code other} selects. */
  default RequestMatcher or(RequestMatcher other) {
    Objects.requireNonNull(other, "other == null");
    return (call, vendor) -> matches(call, vendor) || other.matches(call, vendor);
  }
}
