package dev.actionlayer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spring.ai.ActionlayerToolCallbacks;
import dev.actionlayer.testkit.fakes.FakeJira;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with the starter and the three lines of {@code application-jira.yml},
 * on a fake Jira on loopback: {@code tasks.create} through the pipeline, the application's meter
 * registry and OpenTelemetry fed, and the tools driven by a scripted chat model through
 * {@link ChatClient}.
 */
@SpringBootTest(classes = StarterApplicationTest.App.class,
    properties = "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ActiveProfiles("jira")
class StarterApplicationTest {
  static final String TOKEN = "jira-token-Kq7vX2";
  static final FakeJira JIRA = new FakeJira().requireBearer(TOKEN).projects("PROJ");
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @DynamicPropertySource
  static void vendor(DynamicPropertyRegistry registry) {
    JIRA.start();
    registry.add("fake-jira.url", () -> JIRA.uri().toString());
    registry.add("JIRA_TOKEN", () -> TOKEN);
  }

  @AfterAll
  static void stopVendor() {
    JIRA.close();
  }

  /** The application: nothing of its own but a meter registry and an OpenTelemetry SDK. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean(destroyMethod = "close")
    SdkTracerProvider tracerProvider() {
      return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
    }

    @Bean
    OpenTelemetry openTelemetry(SdkTracerProvider tracerProvider) {
      return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    }
  }

  @Autowired ActionLayer layer;
  @Autowired ActionlayerToolCallbacks tools;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void reset() {
    JIRA.clearFaults();
    SPANS.reset();
  }

  double calls(String outcome) {
    Timer t = meters.find("actionlayer.calls").tag("connection", "jira").tag("operation", "tasks.create")
        .tag("outcome", outcome).timer();
    return t == null ? 0 : t.count();
  }

  @Test
  void threeLinesOfYamlCreateATaskThroughThePipeline_metricsAndSpansMove() {
    double before = calls("SUCCESS");
    Task t = layer.tasks("jira").create(new NewTask("PROJ", "Fix login bug", "500s on /login"));

    assertThat(JIRA.issues()).extracting(FakeJira.Issue::id).contains(t.id());
    assertThat(calls("SUCCESS")).isEqualTo(before + 1);
    List<SpanData> spans = SPANS.getFinishedSpanItems();
    SpanData call = spans.stream().filter(s -> s.getName().equals("tasks.create")).findFirst().orElseThrow();
    assertThat(spans).filteredOn(s -> s.getParentSpanId().equals(call.getSpanId()))
        .singleElement().satisfies(attempt -> assertThat(attempt.getName()).isEqualTo("POST"));
    assertThat(spans.toString()).doesNotContain(TOKEN);
  }

  @Test
  void theToolCallbacksCarryTheCatalogsDefinitions() {
    ToolCallback create = Arrays.stream(tools.getToolCallbacks())
        .filter(c -> c.getToolDefinition().name().equals("tasks_create")).findFirst().orElseThrow();
    assertThat(create.getToolDefinition().description()).isEqualTo(layer.tools().tool("tasks_create").orElseThrow().description());
    assertThat(create.getToolDefinition().inputSchema()).contains("\"connection\"").contains("\"jira\"");
    assertThat(create.getToolMetadata().returnDirect()).isFalse();
  }

  @Test
  void aModelCreatesATaskThroughChatClient_andGetsTheToolResult() {
    int issues = JIRA.issueCount();
    ScriptedChatModel model = new ScriptedChatModel()
        .thenCalls("call-1", "tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\",\"title\":\"From the model\"}")
        .thenSays("Created it.");

    String answer = ChatClient.create(model)
        .prompt("File a ticket").tools(tools).call().content();

    assertThat(answer).isEqualTo("Created it.");
    assertThat(JIRA.issueCount()).isEqualTo(issues + 1);
    FakeJira.Issue created = JIRA.issues().get(JIRA.issues().size() - 1);
    assertThat(created.summary()).isEqualTo("From the model");
    ToolResponseMessage.ToolResponse result = toolResult(model);
    assertThat(result.id()).isEqualTo("call-1");
    assertThat(result.name()).isEqualTo("tasks_create");
    assertThat(result.responseData()).contains(created.id()).doesNotContain("\"error\"");
    assertThat(SPANS.getFinishedSpanItems()).extracting(SpanData::getName).contains("execute_tool tasks_create");
  }

  @Test
  void aVendorsNotFoundComesBackToTheModelAsAResult() {
    ScriptedChatModel model = new ScriptedChatModel()
        .thenCalls("call-2", "tasks_get", "{\"connection\":\"jira\",\"id\":\"PROJ-99999\"}")
        .thenSays("It does not exist.");

    // Tools as a client's defaults, the other way to hand them over.
    String answer = ChatClient.builder(model).defaultTools(tools).build()
        .prompt("Look up PROJ-99999").call().content();

    assertThat(answer).isEqualTo("It does not exist.");
    assertThat(toolResult(model).responseData()).contains("\"error\"").contains("\"code\":\"NOT_FOUND\"")
        .contains("\"hint\"").doesNotContain(TOKEN);
  }

  @Test
  void aBadArgumentComesBackToTheModelAsAResult_andNothingIsSent() {
    int requests = JIRA.requestCount();
    ScriptedChatModel model = new ScriptedChatModel()
        .thenCalls("call-3", "tasks_create", "{\"connection\":\"nowhere\",\"title\":\"x\",\"colour\":\"red\"}")
        .thenSays("I will fix my arguments.");

    String answer = ChatClient.create(model)
        .prompt("File a ticket").tools(tools).call().content();

    assertThat(answer).isEqualTo("I will fix my arguments.");
    assertThat(toolResult(model).responseData()).contains("\"code\":\"INVALID_REQUEST\"").contains("\"fieldErrors\"");
    assertThat(JIRA.requestCount()).isEqualTo(requests);
  }

  /** The one tool result the model was sent on its second call. */
  static ToolResponseMessage.ToolResponse toolResult(ScriptedChatModel model) {
    assertThat(model.prompts).hasSize(2);
    return model.prompts.get(1).getInstructions().stream()
        .filter(m -> m instanceof ToolResponseMessage).map(m -> (ToolResponseMessage) m)
        .flatMap(m -> m.getResponses().stream()).reduce((a, b) -> {
          throw new AssertionError("more than one tool result");
        }).orElseThrow();
  }
}
