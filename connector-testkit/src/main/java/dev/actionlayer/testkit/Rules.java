package dev.actionlayer.testkit;

/**
 * What every rule group needs from the test it runs in: the {@link Kit} of the running rule.
 * The groups are JUnit 5 test interfaces with default methods; {@link ConnectorVerification}
 * implements them all and supplies the kit.
 */
interface Rules {
  /** The kit of the running rule, built before it and closed after it. */
  Kit<?> kit();
}
