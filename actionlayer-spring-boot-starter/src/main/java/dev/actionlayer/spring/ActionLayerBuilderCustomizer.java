package dev.actionlayer.spring;

import dev.actionlayer.ActionLayer;

/**
 * A bean that adjusts the starter's {@link ActionLayer.Builder} after the {@code actionlayer.*}
 * settings are applied and before the layer is built: register saga compensations, set a clock,
 * per-layer limits, a shared state, anything the settings do not cover. Applied in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface ActionLayerBuilderCustomizer {
  /** Adjusts {@code builder}; an exception thrown here fails start-up. */
  void customize(ActionLayer.Builder builder);
}
