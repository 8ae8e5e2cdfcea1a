package dev.actionlayer.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.langchain4j.ScriptedChatModel.Outcome;
import dev.actionlayer.langchain4j.ScriptedChatModel.Seen;
import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeStripe;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider driven by a real LangChain4j AI service, with a scripted model in place of a
 * provider: the model acts across the four vendors' fakes, gets errors back as JSON results and
 * acts on them the way their hints say.
 */
class AiServiceAcrossFourVendorsTest {

  /** The agent's own interface, as an application would declare it. */
  interface Assistant {
    Result<String> chat(String request);
  }

  FourFakes fakes;

  @BeforeEach
  void start() {
    fakes = new FourFakes();
  }

  @AfterEach
  void stop() {
    fakes.close();
  }

  Assistant assistant(ScriptedChatModel model) {
    return AiServices.builder(Assistant.class).chatModel(model)
        .toolProvider(ActionlayerTools.from(fakes.layer)).build();
  }

  /** What the scripted model "knows" when a result names a field it got wrong. */
  static final Map<String, String> FIXES = Map.of("connection", "sf", "lastName", "Lovelace");

  /**
   * The model's reaction to its last results, driven only by the error JSON: a retryable error is
   * waited out for {@code retryAfterSeconds} on the layer's clock and repeated with the same
   * arguments; an {@code INVALID_REQUEST} is repeated with each field named in {@code fieldErrors}
   * fixed.
   */
  AiMessage actOnErrors(Seen seen) {
    List<ToolExecutionRequest> next = new ArrayList<>();
    for (Outcome o : seen.latest()) {
      if (!o.isError()) continue;
      Map<String, Object> error = o.error();
      if (Boolean.TRUE.equals(error.get("retryable"))) {
        Number after = (Number) error.get("retryAfterSeconds");
        fakes.time.advance(Duration.ofSeconds(after == null ? 1 : after.longValue()));
        next.add(seen.call(o.call().name(), o.call().arguments()));
      } else if ("INVALID_REQUEST".equals(error.get("code")) && error.get("fieldErrors") != null) {
        Map<String, Object> args = new LinkedHashMap<>(o.arguments());
        Json.object(error, "fieldErrors").keySet().forEach(field -> args.put(field, FIXES.get(field)));
        next.add(seen.call(o.call().name(), Json.write(args)));
      }
    }
    return next.isEmpty() ? AiMessage.from("Nothing left to fix.") : AiMessage.from(next);
  }

  /** The id each successful create returned, by connection. */
  static Map<String, String> createdIds(Seen seen) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Outcome o : seen.all()) {
      if (o.call().name().endsWith("_create") && !o.isError()) {
        ids.put((String) o.arguments().get("connection"), (String) o.json().get("id"));
      }
    }
    return ids;
  }

  @Test
  void aModelCreatesReadsAndDeletesAcrossFourVendors_fixingBadArgumentsAndWaitingOutARateLimit() {
    // Stripe refuses the first create for longer than the layer may wait on its own (MAX_WAIT).
    fakes.stripe.on(Requests.creates()).nth(1)
        .respond(FakeStripe.rateLimited429("global-rate").header("Retry-After", "30"));
    ScriptedChatModel model = new ScriptedChatModel(
        seen -> AiMessage.from(List.of(
            // wrong connection name, no lastName: refused before anything is sent
            seen.call("contacts_create",
                "{\"connection\":\"salesforce\",\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}"),
            seen.call("contacts_create", "{\"connection\":\"stripe\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"email\":\"ada@example.com\",\"idempotencyKey\":\"onboard-ada-billing\"}"),
            seen.call("folders_create", "{\"connection\":\"drive\",\"name\":\"Ada Lovelace\"}"),
            seen.call("tasks_create",
                "{\"connection\":\"jira\",\"project\":\"ONB\",\"title\":\"Welcome Ada Lovelace\"}"))),
        this::actOnErrors,
        seen -> {
          Map<String, String> ids = createdIds(seen);
          return AiMessage.from(List.of(
              seen.call("contacts_get", "{\"connection\":\"stripe\",\"id\":\"" + ids.get("stripe") + "\"}"),
              seen.call("folders_delete", "{\"connection\":\"drive\",\"id\":\"" + ids.get("drive") + "\"}")));
        },
        seen -> AiMessage.from("Ada Lovelace is in Salesforce, Stripe and Jira; her Drive folder was removed."));

    Result<String> result = assistant(model).chat("Onboard Ada Lovelace (ada@example.com) everywhere,"
        + " then check her billing record and drop her Drive folder.");

    assertThat(result.content()).startsWith("Ada Lovelace is in Salesforce");
    // Exactly one record per create at each vendor; the refused call never reached Salesforce.
    assertThat(fakes.salesforce.contacts()).singleElement()
        .satisfies(c -> assertThat(c.lastName()).isEqualTo("Lovelace"));
    assertThat(fakes.salesforce.requestCount(fakes.salesforce::isCreate)).isEqualTo(1);
    assertThat(fakes.stripe.customerCount()).isEqualTo(1);
    assertThat(fakes.stripe.createCount()).isEqualTo(1);
    assertThat(fakes.stripe.requestCount(fakes.stripe::isCreate)).isEqualTo(2);
    assertThat(fakes.jira.issueCount()).isEqualTo(1);
    assertThat(fakes.jira.createCount()).isEqualTo(1);
    assertThat(fakes.drive.createCount()).isEqualTo(1);
    assertThat(fakes.drive.folderCount()).isZero();
    // The layer gave the 30 s wait back to the model instead of sleeping through it.
    assertThat(fakes.time.slept()).isLessThan(FourFakes.MAX_WAIT);

    List<Outcome> seen = model.outcomes();
    assertThat(seen).extracting(o -> o.call().name()).containsExactly(
        "contacts_create", "contacts_create", "folders_create", "tasks_create",
        "contacts_create", "contacts_create",
        "contacts_get", "folders_delete");
    assertThat(seen).extracting(Outcome::isError)
        .containsExactly(true, true, false, false, false, false, false, false);

    Map<String, Object> invalid = seen.get(0).error();
    assertThat(invalid).containsEntry("code", "INVALID_REQUEST").containsEntry("retryable", false);
    assertThat(Json.object(invalid, "fieldErrors")).containsOnlyKeys("connection", "lastName");
    assertThat((String) Json.object(invalid, "fieldErrors").get("connection")).contains("sf", "stripe");
    assertThat((String) invalid.get("hint")).contains("fieldErrors");

    Map<String, Object> limited = seen.get(1).error();
    assertThat(limited).containsEntry("code", "RATE_LIMITED").containsEntry("retryable", true)
        .containsEntry("retryAfterSeconds", 30.0);
    assertThat((String) limited.get("hint")).contains("Wait retryAfterSeconds");

    assertThat(seen.get(4).arguments()).containsEntry("connection", "sf").containsEntry("lastName", "Lovelace");
    assertThat(seen.get(5).call().arguments()).isEqualTo(seen.get(1).call().arguments());
    String stripeId = (String) seen.get(5).json().get("id");
    assertThat(fakes.stripe.customers()).extracting(FakeStripe.Customer::id).containsExactly(stripeId);
    assertThat(seen.get(6).json()).containsEntry("id", stripeId).containsEntry("email", "ada@example.com");
    assertThat(seen.get(7).json()).containsEntry("deleted", true);

    // The AI service saw the same verdicts: two failed executions, each kept with the catalog's result.
    assertThat(result.toolExecutions()).extracting(ToolExecution::hasFailed)
        .containsExactly(true, true, false, false, false, false, false, false);
  }

  @Test
  void noCredentialReachesTheModel_notEvenInAVendorErrorThatEchoesIt() {
    fakes.stripe.on(Requests.creates()).nth(1)
        .respond(FakeStripe.rateLimited429(null).header("Retry-After", "30"));
    // A vendor error page that echoes the token back: the model must get the error, not the token.
    fakes.jira.on(Requests.gets()).always().respond(Fault.status(400).body(
        "{\"errorMessages\":[\"token " + FourFakes.JIRA_TOKEN + " may not read ONB-1\"]}", "application/json"));
    ScriptedChatModel model = new ScriptedChatModel(
        seen -> AiMessage.from(List.of(
            seen.call("contacts_create", "{\"connection\":\"sf\",\"lastName\":\"Lovelace\"}"),
            seen.call("contacts_create", "{\"connection\":\"stripe\",\"lastName\":\"Lovelace\"}"),
            seen.call("folders_create", "{\"connection\":\"drive\",\"name\":\"Ada\"}"),
            seen.call("tasks_get", "{\"connection\":\"jira\",\"id\":\"ONB-1\"}"))),
        seen -> AiMessage.from("done"));

    assistant(model).chat("Onboard Ada.");

    assertThat(model.outcomes()).hasSize(4);
    StringBuilder everything = new StringBuilder();
    for (ChatRequest r : model.requests()) {
      everything.append(r.messages()).append('\n');
      r.toolSpecifications().stream().map(ToolSpecification::toString).forEach(everything::append);
    }
    assertThat(model.outcomes()).extracting(o -> o.isError() ? o.error().get("code") : "ok")
        .containsExactly("ok", "RATE_LIMITED", "ok", "INVALID_REQUEST");
    // The vendor's words did reach the model, with the token cut out of them.
    assertThat((String) model.outcomes().get(3).error().get("message")).contains("may not read ONB-1");
    for (String secret : FourFakes.SECRETS) assertThat(everything).doesNotContain(secret);
  }
}
