package dev.actionlayer.saga;

/**
 * A multi-step workflow that never leaves half-done work behind: its steps run in order, and when
 * one fails the steps already done are undone in reverse order. Obtained from
 * {@code ActionLayer.saga(name)}; add steps, then {@link #run()} once. Not thread-safe; each
 * {@code run()} is a new saga with its own id.
 *
 * <pre>{@code
 * SagaResult r = layer.saga("onboard-customer")
 *     .step("contact", s -> s.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com")))
 *     .step("folder",  s -> s.folders("drive").create(new NewFolder("Ada Lovelace", null)))
 *     .run();
 * }</pre>
 *
 * <p>A create made through the step's {@link SagaScope} is journaled before and after the call,
 * keyed by saga id and step (so no retry or recovery can make a second record) and undone by
 * deleting it. A step may name a compensation registered with
 * {@code ActionLayer.Builder#compensation} instead.
 */
public interface Saga {
  /**
   * Adds a step whose creates are compensated by deleting them.
   *
   * @param name 1..64 letters, digits, {@code _ . -}; unique within the saga
   */
  Saga step(String name, SagaStep action);

  /**
   * Adds a step compensated by the registered compensation {@code compensation} instead of
   * deletes; the name (not a lambda) is journaled, so {@code recover()} after a restart finds it.
   */
  Saga step(String name, SagaStep action, String compensation);

  /**
   * Runs the steps; on a failure compensates what was done. Never throws for a vendor failure:
   * the result tells what happened.
   *
   * @throws IllegalStateException when the saga has no step or already ran
   */
  SagaResult run();
}
