package dev.actionlayer.spring;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that answers from a script instead of a network: each call takes the next scripted
 * assistant message and records the prompt it was given, so a test can read what the model saw
 * (the tool results Spring AI sent back).
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AssistantMessage> script = new ConcurrentLinkedDeque<>();
  final List<Prompt> prompts = new ArrayList<>();

  /** The next answer: a call of {@code tool} with {@code arguments} (JSON). */
  ScriptedChatModel thenCalls(String id, String tool, String arguments) {
    script.add(AssistantMessage.builder().content("")
        .toolCalls(List.of(new AssistantMessage.ToolCall(id, "function", tool, arguments))).build());
    return this;
  }

  /** The next answer: plain text. */
  ScriptedChatModel thenSays(String text) {
    script.add(new AssistantMessage(text));
    return this;
  }

  /** Like every tool-capable model's: Spring AI's tool loop runs only for tool-calling options. */
  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  @Override
  public synchronized ChatResponse call(Prompt prompt) {
    prompts.add(prompt);
    AssistantMessage next = script.poll();
    if (next == null) throw new AssertionError("the model was called more often than scripted");
    return new ChatResponse(List.of(new Generation(next)));
  }
}
