package dev.actionlayer.spring.ai;

import dev.actionlayer.spring.ActionLayerAutoConfiguration;
import dev.actionlayer.tools.ToolCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * When Spring AI is on the class path: the layer's tool catalog as a {@code ToolCallbackProvider}
 * bean ({@link ActionlayerToolCallbacks}), for {@code chatClient.prompt(…).tools(callbacks)}.
 */
@AutoConfiguration(after = ActionLayerAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.ai.tool.ToolCallbackProvider")
@ConditionalOnBean(ToolCatalog.class)
public class ActionLayerSpringAiAutoConfiguration {
  /** The catalog's tools as Spring AI tool callbacks. */
  @Bean
  @ConditionalOnMissingBean
  public ActionlayerToolCallbacks actionLayerToolCallbacks(ToolCatalog catalog) {
    return new ActionlayerToolCallbacks(catalog);
  }
}
