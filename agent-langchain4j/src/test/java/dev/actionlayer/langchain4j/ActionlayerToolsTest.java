package dev.actionlayer.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolParameter;
import dev.actionlayer.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActionlayerToolsTest {
  FourFakes fakes;
  ToolCatalog catalog;
  ToolProviderResult provided;

  @BeforeEach
  void start() {
    fakes = new FourFakes();
    catalog = fakes.layer.tools();
    provided = ActionlayerTools.from(catalog).provideTools(new ToolProviderRequest("memory-1", UserMessage.from("hi")));
  }

  @AfterEach
  void stop() {
    fakes.close();
  }

  static ToolExecutionRequest call(String tool, String arguments) {
    return ToolExecutionRequest.builder().id("call_1").name(tool).arguments(arguments).build();
  }

  @Test
  void specificationsMirrorTheCatalog_namesDescriptionsParametersEnumsRequired() {
    List<Tool> tools = catalog.tools();
    assertThat(provided.tools().keySet()).extracting(ToolSpecification::name)
        .containsExactlyInAnyOrderElementsOf(tools.stream().map(Tool::name).toList())
        .hasSize(15); // create, get, update, delete and list of each resource
    for (Tool tool : tools) {
      ToolSpecification spec = provided.toolSpecificationByName(tool.name());
      assertThat(spec.description()).isEqualTo(tool.description());
      JsonObjectSchema schema = spec.parameters();
      assertThat(schema.additionalProperties()).isFalse();
      assertThat(schema.properties().keySet())
          .containsExactlyElementsOf(tool.parameters().stream().map(ToolParameter::name).toList());
      assertThat(schema.required())
          .containsExactlyElementsOf(tool.parameters().stream().filter(ToolParameter::required)
              .map(ToolParameter::name).toList());
      for (ToolParameter p : tool.parameters()) {
        JsonSchemaElement property = schema.properties().get(p.name());
        if (p.isBoolean()) {
          assertThat(property).isInstanceOfSatisfying(JsonBooleanSchema.class,
              s -> assertThat(s.description()).isEqualTo(p.description()));
        } else if (p.isInteger()) {
          assertThat(property).isInstanceOfSatisfying(dev.langchain4j.model.chat.request.json.JsonIntegerSchema.class,
              s -> assertThat(s.description()).isEqualTo(p.description()));
        } else if (p.allowed().isEmpty()) {
          assertThat(property).isInstanceOfSatisfying(JsonStringSchema.class,
              s -> assertThat(s.description()).isEqualTo(p.description()));
        } else {
          assertThat(property).isInstanceOfSatisfying(JsonEnumSchema.class, s -> {
            assertThat(s.enumValues()).isEqualTo(p.allowed());
            assertThat(s.description()).isEqualTo(p.description());
          });
        }
      }
    }
    // Spot checks against what the four connections offer.
    JsonObjectSchema contacts = provided.toolSpecificationByName("contacts_create").parameters();
    assertThat(((JsonEnumSchema) contacts.properties().get("connection")).enumValues()).containsExactly("sf", "stripe");
    assertThat(contacts.required()).containsExactly("connection", "lastName");
    assertThat(((JsonEnumSchema) provided.toolSpecificationByName("folders_delete").parameters().properties()
        .get("connection")).enumValues()).containsExactly("drive");
    assertThat(((JsonEnumSchema) provided.toolSpecificationByName("tasks_get").parameters().properties()
        .get("connection")).enumValues()).containsExactly("sf", "jira");
  }

  @Test
  void anExecutorRunsTheCatalogToolAndReturnsItsJson() {
    ToolExecutor executor = provided.toolExecutorByName("folders_create");
    ToolExecutionResult result = executor.executeWithContext(
        call("folders_create", "{\"connection\":\"drive\",\"name\":\"Contracts\"}"), null);

    assertThat(result.isError()).isFalse();
    Map<String, Object> folder = Json.objectOrNull(result.resultText());
    assertThat(folder).containsEntry("name", "Contracts");
    assertThat(fakes.drive.folders()).extracting(f -> f.id()).containsExactly((String) folder.get("id"));
    // The catalog's own result travels along for the application (LangChain4j never sends it to the model).
    assertThat(result.result()).isInstanceOfSatisfying(ToolResult.class,
        r -> assertThat(r.json()).isEqualTo(result.resultText()));
  }

  @Test
  void aFailedCallIsAnErrorResultCarryingTheErrorJson_neverAnException() {
    ToolExecutor executor = provided.toolExecutorByName("folders_get");
    ToolExecutionResult missing = executor.executeWithContext(call("folders_get", "{\"connection\":\"drive\"}"), null);
    assertThat(missing.isError()).isTrue();
    assertThat(Json.object(Json.objectOrNull(missing.resultText()), "error"))
        .containsEntry("code", "INVALID_REQUEST").containsEntry("fieldErrors", Map.of("id", "is required"));

    ToolExecutionResult noArguments = executor.executeWithContext(call("folders_get", null), null);
    assertThat(noArguments.isError()).isTrue();
    assertThat(Json.object(Json.object(Json.objectOrNull(noArguments.resultText()), "error"), "fieldErrors"))
        .containsOnlyKeys("connection", "id");

    ToolExecutionResult gone = executor.executeWithContext(
        call("folders_get", "{\"connection\":\"drive\",\"id\":\"1NoSuchFolderAtAll\"}"), null);
    assertThat(gone.isError()).isTrue();
    assertThat(Json.object(Json.objectOrNull(gone.resultText()), "error")).containsEntry("code", "NOT_FOUND");
    assertThat(fakes.drive.requestCount()).isEqualTo(1);
  }

  @Test
  void thePlainExecuteMethodGivesTheSameJson_forCallersThatIgnoreContexts() {
    String json = provided.toolExecutorByName("contacts_create")
        .execute(call("contacts_create", "{\"connection\":\"stripe\",\"lastName\":\"Hopper\"}"), "memory-1");
    assertThat(Json.objectOrNull(json)).containsKey("id").containsEntry("lastName", "Hopper");
    assertThat(fakes.stripe.customerCount()).isEqualTo(1);
  }

  @Test
  void theToolsAreTheSameForEveryRequest_soTheProviderIsNotDynamic() {
    ActionlayerTools tools = ActionlayerTools.from(fakes.layer);
    assertThat(tools.isDynamic()).isFalse();
    assertThat(tools.toolSpecifications())
        .containsExactlyElementsOf(tools.provideTools(new ToolProviderRequest("m", UserMessage.from("x")))
            .tools().keySet());
    assertThat(tools.toolSpecifications()).extracting(ToolSpecification::name)
        .containsExactlyElementsOf(catalog.tools().stream().map(Tool::name).toList());
  }

  @Test
  void factoriesRejectNull() {
    assertThatNullPointerException().isThrownBy(() -> ActionlayerTools.from((ToolCatalog) null))
        .withMessage("catalog == null");
    assertThatNullPointerException().isThrownBy(() -> ActionlayerTools.from((dev.actionlayer.ActionLayer) null))
        .withMessage("layer == null");
  }

  @Test
  void theModelsToolCallIdGoesToTheCatalog_forTheCallsTrace() {
    List<String> ids = new java.util.ArrayList<>();
    ToolCatalog recording = new ToolCatalog() {
      @Override
      public List<Tool> tools() {
        return catalog.tools();
      }

      @Override
      public java.util.Optional<Tool> tool(String name) {
        return catalog.tool(name);
      }

      @Override
      public ToolResult execute(String name, String jsonArguments) {
        throw new AssertionError("the adapter must pass the tool-call id");
      }

      @Override
      public ToolResult execute(String name, String jsonArguments, String toolCallId) {
        ids.add(toolCallId);
        return new ToolResult("{}", false);
      }
    };
    ToolProviderResult tools = ActionlayerTools.from(recording)
        .provideTools(new ToolProviderRequest("memory-1", UserMessage.from("hi")));
    ToolExecutor executor = tools.toolExecutorByName("tasks_get");

    executor.execute(ToolExecutionRequest.builder().id("call_77").name("tasks_get").arguments("{}").build(), "m");

    assertThat(ids).containsExactly("call_77");
  }
}
