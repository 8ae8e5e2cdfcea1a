package dev.actionlayer.internal.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.saga.SagaResult;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
  static final Instant T = Instant.parse("2026-11-25T10:00:00.123456Z");

  @Test
  void everyKindOfEntryRoundTrips() throws IOException {
    for (JournalEntry e : new JournalEntry[] {
        JournalEntry.started("s", T, "onboard", "abc", "agent", 3),
        JournalEntry.stepStarted("s", T, 1, "folder", "archive"),
        JournalEntry.intent("s", T, 1, 0, "drive", "folders", "s-1-0", "{\"name\":\"A\\nB\"}"),
        JournalEntry.done("s", T, 1, 0, "1AbC"),
        JournalEntry.failed("s", T, 1, 0, "OUTCOME_UNKNOWN", "lost"),
        JournalEntry.stepDone("s", T, 1),
        JournalEntry.compensation("s", JournalEntry.Type.COMPENSATION_STARTED, T, 1, -1, null, null, null),
        JournalEntry.compensation("s", JournalEntry.Type.COMPENSATION_FAILED, T, 1, 0, "1AbC", "PERMISSION_DENIED", "no"),
        JournalEntry.ended("s", T, SagaResult.Status.COMPENSATION_FAILED)}) {
      String json = JournalCodec.toJson(e);
      assertThat(json).doesNotContain("\n");
      assertThat(JournalCodec.fromJson(json)).isEqualTo(e);
    }
  }

  @Test
  void aLineWhoseChecksumDoesNotMatchIsNotAnEntry() {
    byte[] line = JournalCodec.line(JournalEntry.stepDone("s", T, 0));
    assertThat(JournalCodec.parseLine(line, 0, line.length - 1)).isNotNull();
    line[12] = (byte) (line[12] == 'a' ? 'b' : 'a');
    assertThat(JournalCodec.parseLine(line, 0, line.length - 1)).isNull();
  }

  @Test
  void garbageIsRefusedWithIoException() {
    assertThatThrownBy(() -> JournalCodec.fromJson("{\"sagaId\":\"s\"}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JournalCodec.fromJson("{\"sagaId\":\"s\",\"type\":\"NOPE\",\"at\":\"x\"}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JournalCodec.fromJson("[1]")).isInstanceOf(IOException.class);
  }

  /** Found by fuzzing (docs/fuzzing.md): recovery threw NullPointerException on such entries. */
  @Test
  void anEntryWithoutWhatRecoveryNeedsOfItsKindIsNoEntry() {
    String at = "\"at\":\"2026-11-25T10:00:00Z\"";
    assertThatThrownBy(() -> JournalCodec.fromJson("{\"sagaId\":\"s\",\"type\":\"STEP_STARTED\"," + at
        + ",\"step\":0}")).isInstanceOf(IOException.class).hasMessageContaining("without stepName");
    assertThatThrownBy(() -> JournalCodec.fromJson("{\"sagaId\":\"s\",\"type\":\"CALL_INTENT\"," + at
        + ",\"step\":0,\"call\":0,\"resource\":\"contacts\"}")).hasMessageContaining("without connection");
    assertThatThrownBy(() -> JournalCodec.fromJson("{\"sagaId\":\"s\",\"type\":\"CALL_INTENT\"," + at
        + ",\"step\":0,\"call\":0,\"connection\":\"sf\"}")).hasMessageContaining("without resource");
  }
}
