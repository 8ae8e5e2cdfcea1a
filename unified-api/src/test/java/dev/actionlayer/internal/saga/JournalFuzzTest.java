package dev.actionlayer.internal.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.saga.RecoveryReport;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.VendorResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal reader fuzzed: {@link JournalCodec#parseLine} on any bytes, and a journal file of any
 * content opened ({@link SagaJournal#file}) and recovered ({@link ActionLayer#recover()}). The
 * documented handling: a damaged last line is a torn write and is dropped; a damaged line before
 * another one refuses the file with an {@link IllegalStateException} naming the line; intact lines
 * are sagas that recovery finishes or reports with their residue — nothing else, ever.
 *
 * <p>A line behind a wrong CRC-32 never reaches the JSON reader, so a fuzzer mutating checksummed
 * lines would only ever test the checksum. The first byte of an input chooses: odd, every line of
 * the rest is written behind its correct checksum (the fuzzer then reaches the entry reader and
 * recovery); even, the bytes are the file as they are (checksums, torn tails, garbage).
 */
class JournalFuzzTest {
  /**
   * The connection the seeds' sagas name ({@code sf}): a connector with no resources, so that
   * recovery reaches a connection and finds it cannot undo a step there — residue, reported.
   */
  static final Connector NOWHERE = new Connector() {
    @Override
    public String vendor() {
      return "nowhere";
    }

    @Override
    public URI baseUri() {
      return URI.create("http://127.0.0.1:9/");
    }

    @Override
    public Credentials credentials() {
      return Credentials.bearer("fuzz-token-0123456789");
    }

    @Override
    public ActionError mapError(VendorResponse response) {
      return HttpErrors.byStatus(response).build();
    }
  };

  static Path dir;

  @BeforeAll
  static void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("journal-fuzz");
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aLineWithItsChecksumReadsAsTheEntryItHolds() {
    JournalEntry e = JournalEntry.started("s1", FileJournalTest.T, "onboard", "abc", "agent", 2);
    byte[] line = JournalCodec.line(e);

    assertThat(JournalCodec.parseLine(line, 0, line.length - 1)).isEqualTo(e);
    assertThat(JournalCodec.parseLine(file(new byte[] {1}, JournalCodec.toJson(e).getBytes(StandardCharsets.UTF_8)),
        0, line.length - 1)).isEqualTo(e);
  }

  @FuzzTest
  void readsAnyLine(byte[] data) {
    // Any bytes: an entry or null, never an exception.
    JournalEntry e = JournalCodec.parseLine(data, 0, data.length);
    if (e != null) assertThat(e.sagaId()).isNotNull();
  }

  @FuzzTest
  void opensAndRecoversAnyFile(byte[] data) throws IOException {
    if (data.length == 0) return;
    Path journal = dir.resolve("sagas.journal");
    Files.write(journal, file(data, java.util.Arrays.copyOfRange(data, 1, data.length)));
    SagaJournal opened;
    try {
      opened = SagaJournal.file(journal);
    } catch (IllegalStateException e) {
      assertThat(e.getMessage()).contains(" is damaged at line ");
      return;
    } catch (UncheckedIOException e) {
      throw new AssertionError("only I/O trouble may be an UncheckedIOException", e);
    } finally {
      Files.deleteIfExists(journal.resolveSibling("sagas.journal.tmp"));
    }
    ActionLayer layer;
    try {
      layer = ActionLayer.builder().connection("sf", NOWHERE).journal(opened).build();
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    try (layer) {
      RecoveryReport report = layer.recover();
      assertThat(report).isNotNull();
    } finally {
      Files.deleteIfExists(journal);
    }
  }

  /** The file an input stands for: see the class comment. */
  static byte[] file(byte[] input, byte[] rest) {
    if ((input[0] & 1) == 0) return rest;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int start = 0;
    for (int i = 0; i <= rest.length; i++) {
      if (i == rest.length && start == i) break; // the input ends with a line feed: no torn tail
      if (i == rest.length || rest[i] == '\n') {
        CRC32 crc = new CRC32();
        crc.update(rest, start, i - start);
        out.writeBytes(String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII));
        out.write(rest, start, i - start);
        if (i < rest.length) out.write('\n');
        start = i + 1;
      }
    }
    return out.toByteArray();
  }
}
