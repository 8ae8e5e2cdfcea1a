package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The broker's principals file fuzzed ({@link PrincipalsFile#parse}): any bytes give principals or
 * an {@link IllegalArgumentException} listing the problems — never another exception — and no
 * message quotes a value, which may be a key pasted by mistake. The seeds plant {@code PLANTED!}
 * in values; {@code !} is no character of a principal name, the only thing a message may name.
 */
class PrincipalsFileFuzzTest {
  @FuzzTest
  void anyFileIsReadOrRefusedWithoutQuotingAValue(byte[] data) {
    List<PrincipalsFile.Entry> entries;
    try {
      entries = PrincipalsFile.parse(data, "principals.properties");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("principals.properties ").doesNotContain("PLANTED!");
      return;
    }
    for (PrincipalsFile.Entry e : entries) {
      assertThat(e.principal().name()).matches(PrincipalsFile.NAME);
      assertThat(e.keyHash()).hasSize(32);
    }
  }
}
