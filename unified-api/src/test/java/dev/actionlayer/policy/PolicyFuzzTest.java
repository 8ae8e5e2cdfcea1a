package dev.actionlayer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * {@link Policy#parse} on any text: a policy, or an {@link IllegalArgumentException} whose message
 * is one line naming where the problem is — never another exception, and never a value from the
 * document. The seeds ({@code PolicyFuzzTestInputs}) plant {@code PLANTED!} as values, keys and
 * names, so that the fuzzer moves it everywhere a message could echo it. A message names keys
 * that look like names ({@code principals.triage-bot.allow[0]}: the location), never one with a
 * {@code !}, so {@code PLANTED!} in a message is a value or an odd key repeated.
 */
class PolicyFuzzTest {
  @FuzzTest
  void anyDocumentIsAPolicyOrAPreciseError(byte[] data) {
    String json = new String(data, StandardCharsets.UTF_8);
    try {
      assertThat(Policy.parse(json)).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("PLANTED!").doesNotContain("\n").doesNotContain("\r");
    }
  }
}
