package dev.actionlayer.internal.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
  static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
  @TempDir Path dir;

  Path file() {
    return dir.resolve("sagas.journal");
  }

  static List<JournalEntry> unfinishedSaga(String id) {
    return List.of(
        JournalEntry.started(id, T, "onboard", "4bf92f3577b34da6a3ce929d0e0e4736", "agent-7", 2),
        JournalEntry.stepStarted(id, T, 0, "contact", null),
        JournalEntry.intent(id, T, 0, 0, "sf", "contacts", id + "-0-0",
            "{\"firstName\":\"Ada\",\"lastName\":\"Lö \\\"velace\\\"\\n\",\"email\":\"ada@example.com\"}"));
  }

  private void write(String... sagaIds) {
    try (FileJournal j = FileJournal.open(file())) {
      for (String id : sagaIds) unfinishedSaga(id).forEach(j::append);
    }
  }

  @Test
  void entriesSurviveReopeningExactly() {
    write("s1");
    try (FileJournal j = FileJournal.open(file())) {
      List<List<JournalEntry>> claimed = j.claimUnfinished(10);
      assertThat(claimed).containsExactly(unfinishedSaga("s1"));
      assertThat(j.claimUnfinished(10)).as("claimed once").isEmpty();
    }
  }

  @Test
  void aTornLastLineIsDroppedAndTheRestKept() throws IOException {
    write("s1", "s2");
    byte[] all = Files.readAllBytes(file());
    // A crash in the middle of writing the last line: cut it in half.
    int lastLineStart = new String(all, StandardCharsets.UTF_8).lastIndexOf('\n', all.length - 2) + 1;
    Files.write(file(), java.util.Arrays.copyOf(all, lastLineStart + (all.length - lastLineStart) / 2));
    try (FileJournal j = FileJournal.open(file())) {
      List<List<JournalEntry>> claimed = j.claimUnfinished(10);
      assertThat(claimed).hasSize(2);
      assertThat(claimed.get(0)).isEqualTo(unfinishedSaga("s1"));
      assertThat(claimed.get(1)).isEqualTo(unfinishedSaga("s2").subList(0, 2));
    }
    // And the file is whole again: appending after the repair leaves a readable journal.
    try (FileJournal j = FileJournal.open(file())) {
      j.append(JournalEntry.ended("s1", T, SagaResult.Status.COMPENSATED));
    }
    try (FileJournal j = FileJournal.open(file())) {
      assertThat(j.claimUnfinished(10)).hasSize(1);
    }
  }

  @Test
  void aLastLineWithoutItsNewlineCountsAsTorn() throws IOException {
    write("s1");
    byte[] all = Files.readAllBytes(file());
    Files.write(file(), java.util.Arrays.copyOf(all, all.length - 1));
    try (FileJournal j = FileJournal.open(file())) {
      assertThat(j.claimUnfinished(10).get(0)).hasSize(2);
    }
  }

  @Test
  void damageBeforeTheLastLineRefusesToOpen() throws IOException {
    write("s1", "s2");
    byte[] all = Files.readAllBytes(file());
    all[20] ^= 0x01; // flip a bit in the first line
    Files.write(file(), all);
    assertThatThrownBy(() -> SagaJournal.file(file()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged at line 1");
    // Refusing must not have changed the file or left it locked.
    assertThat(Files.readAllBytes(file())).isEqualTo(all);
  }

  @Test
  void finishedSagasAreDroppedWhenOpened() throws IOException {
    try (FileJournal j = FileJournal.open(file())) {
      unfinishedSaga("done").forEach(j::append);
      j.append(JournalEntry.ended("done", T, SagaResult.Status.COMPLETED));
      unfinishedSaga("open").forEach(j::append);
    }
    long before = Files.size(file());
    try (FileJournal j = FileJournal.open(file())) {
      assertThat(j.claimUnfinished(10)).extracting(l -> l.get(0).sagaId()).containsExactly("open");
    }
    assertThat(Files.size(file())).isLessThan(before);
    assertThat(Files.readAllLines(file())).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"open\""));
  }

  @Test
  void aSecondOpenerIsRefused() {
    try (FileJournal j = FileJournal.open(file())) {
      assertThatThrownBy(() -> SagaJournal.file(file()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("open in another");
    }
    SagaJournal.file(file()).close(); // released on close
  }

  @Test
  void sagasThisProcessRunsAreNotClaimed() {
    try (FileJournal j = FileJournal.open(file())) {
      unfinishedSaga("mine").forEach(j::append);
      assertThat(j.claimUnfinished(10)).isEmpty();
    }
  }

  @Test
  void concurrentAppendsAreAllDurableAndIntact() throws Exception {
    int threads = 8;
    int sagasPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (FileJournal j = FileJournal.open(file())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < sagasPerThread; i++) unfinishedSaga("t" + thread + "-" + i).forEach(j::append);
        }));
      }
      for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(Files.readAllLines(file())).hasSize(threads * sagasPerThread * 3);
    try (FileJournal j = FileJournal.open(file())) {
      List<List<JournalEntry>> all = j.claimUnfinished(10_000);
      assertThat(all).hasSize(threads * sagasPerThread)
          .allSatisfy(entries -> assertThat(entries).isEqualTo(unfinishedSaga(entries.get(0).sagaId())));
    }
  }

  @Test
  void aFragmentAppendedWithoutItsNewlineIsTorn() throws IOException {
    write("s1");
    Files.write(file(), "0000 {torn".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    try (FileJournal j = FileJournal.open(file())) {
      assertThat(j.claimUnfinished(10).get(0)).hasSize(3);
    }
  }
}
