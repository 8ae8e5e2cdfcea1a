package dev.actionlayer.langchain4j;

import dev.actionlayer.spi.Json;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat model that plays a script instead of calling a provider: each turn reads the request the
 * AI service sent (above all the tool results it carries) and answers with tool calls or text, as
 * a model would. Every request is kept, so a test can assert on exactly what the model was shown.
 */
final class ScriptedChatModel implements ChatModel {

  /** One answer of the model, decided from what it has seen so far. */
  @FunctionalInterface
  interface Turn {
    AiMessage answer(Seen seen);
  }

  /** A tool call the model made and the result it got back, with the result's JSON parsed. */
  record Outcome(ToolExecutionRequest call, ToolExecutionResultMessage message, Map<String, Object> json) {
    boolean isError() {
      return Boolean.TRUE.equals(message.isError());
    }

    Map<String, Object> error() {
      return Json.object(json, "error");
    }

    Map<String, Object> arguments() {
      return Json.objectOrNull(call.arguments());
    }
  }

  private final Deque<Turn> turns = new ArrayDeque<>();
  private final AtomicInteger callIds = new AtomicInteger();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  ScriptedChatModel(Turn... turns) {
    this.turns.addAll(List.of(turns));
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    Turn turn = turns.poll();
    if (turn == null) {
      throw new IllegalStateException("the script has no turn " + requests.size() + "; the model was sent "
          + request.messages());
    }
    return ChatResponse.builder().aiMessage(turn.answer(new Seen(request))).build();
  }

  /** Every request the AI service sent, in order. */
  List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every tool call of the conversation with its result, as the model was last shown them. */
  List<Outcome> outcomes() {
    return requests.isEmpty() ? List.of() : new Seen(requests.get(requests.size() - 1)).all();
  }

  /** One request, read as the model reads it. */
  final class Seen {
    private final ChatRequest request;

    Seen(ChatRequest request) {
      this.request = request;
    }

    /** A new tool call with a fresh id. */
    ToolExecutionRequest call(String tool, String jsonArguments) {
      return ToolExecutionRequest.builder().id("call_" + callIds.incrementAndGet()).name(tool)
          .arguments(jsonArguments).build();
    }

    /** The results of the model's last turn of tool calls. */
    List<Outcome> latest() {
      List<Outcome> all = all();
      List<ChatMessage> messages = request.messages();
      int last = 0;
      for (int i = messages.size() - 1; i >= 0; i--) {
        if (messages.get(i) instanceof AiMessage) {
          last = i;
          break;
        }
      }
      int since = (int) messages.subList(last, messages.size()).stream()
          .filter(ToolExecutionResultMessage.class::isInstance).count();
      return all.subList(all.size() - since, all.size());
    }

    /** Every tool call so far with its result, in order. */
    List<Outcome> all() {
      List<Outcome> out = new ArrayList<>();
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (ChatMessage m : request.messages()) {
        if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) calls.addAll(ai.toolExecutionRequests());
        if (m instanceof ToolExecutionResultMessage r) {
          ToolExecutionRequest call = calls.stream().filter(c -> c.id().equals(r.id())).findFirst()
              .orElseThrow(() -> new IllegalStateException("a result for a call never made: " + r));
          out.add(new Outcome(call, r, Json.objectOrNull(r.text())));
        }
      }
      return out;
    }
  }
}
