package dev.actionlayer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.spring.ai.ActionLayerSpringAiAutoConfiguration;
import dev.actionlayer.spring.ai.ActionlayerToolCallbacks;
import dev.actionlayer.testkit.fakes.FakeJira;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How the starter plugs into Spring Boot: registrations, metadata, and what depends on the class path. */
@ExtendWith(OutputCaptureExtension.class)
class WiringTest {
  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ActionLayerAutoConfiguration.class, ActionLayerSpringAiAutoConfiguration.class));

  static String resource(String name) throws Exception {
    try (InputStream in = WiringTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void springsBomsDoNotChangeTheCoresLibraries() {
    // Spring Boot's BOM manages OkHttp 4 and older OpenTelemetry; this module re-imports the
    // parent's first (see its pom), so the pipeline runs on what it is built and tested with.
    assertThat(okhttp3.OkHttp.VERSION).startsWith("5.");
    assertThat(io.opentelemetry.api.OpenTelemetry.class.getPackage().getImplementationVersion())
        .as("opentelemetry-api").isNotNull().doesNotStartWith("1.5");
  }

  @Test
  void bothAutoConfigurationsAreRegistered() throws Exception {
    assertThat(resource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
        .contains(ActionLayerAutoConfiguration.class.getName())
        .contains(ActionLayerSpringAiAutoConfiguration.class.getName());
  }

  /** An application with the starter and nothing else. */
  @SpringBootConfiguration
  @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
  static class App {}

  @Test
  void aBadSettingStopsStartUpWithSpringBootsReport_namingTheKeyNotTheValue(CapturedOutput output) {
    String secret = "Xw4-pasted-token-Xw4";
    SpringApplication app = new SpringApplication(App.class);
    app.setDefaultProperties(Map.of(
        "actionlayer.connections.jira.vendor", "jira",
        "actionlayer.connections.jira.base-url", "http://jira.example.com",
        "actionlayer.connections.jira.credentials.token", secret));
    assertThatThrownBy(app::run).hasRootCauseInstanceOf(ActionLayerConfigurationException.class);
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("actionlayer.connections.jira.base-url: must be https")
        .contains("Change actionlayer.connections.jira.base-url")
        .doesNotContain(secret).doesNotContain("jira.example.com");
  }

  @Test
  void configurationMetadataDescribesTheKeysAndHintsTheirValues() throws Exception {
    String metadata = resource("META-INF/spring-configuration-metadata.json");
    assertThat(metadata).contains("\"name\": \"actionlayer.journal.type\"", "\"name\": \"actionlayer.audit.path\"",
        "\"name\": \"actionlayer.connections\"", "\"name\": \"actionlayer.journal.recover-on-startup\"",
        "books lost with the process", "\"value\": \"async-json-lines\"", "\"value\": \"jdbc\"");
  }

  @Test
  void toolCallbacksExistWithSpringAi_andNotWithoutIt() {
    try (FakeJira jira = new FakeJira()) {
      jira.start();
      ApplicationContextRunner withJira = runner.withPropertyValues("actionlayer.connections.jira.vendor=jira",
          "actionlayer.connections.jira.base-url=" + jira.uri(), "actionlayer.connections.jira.credentials.token=t");
      withJira.run(context -> assertThat(context).hasSingleBean(ActionlayerToolCallbacks.class));
      withJira.withClassLoader(new FilteredClassLoader(ToolCallbackProvider.class))
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ActionlayerToolCallbacks.class));
    }
  }
}
