package dev.actionlayer.saga;

/**
 * The action of one saga step: canonical calls made through the {@link SagaScope}. Its return
 * value is the step's output, readable by later steps with {@link SagaScope#output}. A thrown
 * {@link dev.actionlayer.ActionException} fails the saga with that error; any other exception
 * fails it as {@code INTERNAL}.
 */
@FunctionalInterface
public interface SagaStep {
  Object run(SagaScope scope);
}
