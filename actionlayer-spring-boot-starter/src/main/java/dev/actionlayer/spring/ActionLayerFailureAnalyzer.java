package dev.actionlayer.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link ActionLayerConfigurationException} into Spring Boot's start-up report: the
 * setting and what is wrong in the description, what to change in the action; no stack trace and no
 * value.
 */
public final class ActionLayerFailureAnalyzer extends AbstractFailureAnalyzer<ActionLayerConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ActionLayerConfigurationException cause) {
    return new FailureAnalysis("Actionlayer could not be configured: " + cause.getMessage(),
        "Change " + cause.key() + " in the application's configuration (application.yml or"
            + " application.properties); every actionlayer.* key is described in docs/spring-boot.md.",
        cause);
  }
}
