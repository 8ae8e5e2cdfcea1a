package dev.actionlayer.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.mcp.MessageCheck.Answer;
import dev.actionlayer.mcp.MessageCheck.Dispatch;
import dev.actionlayer.mcp.MessageCheck.Drop;
import dev.actionlayer.mcp.MessageCheck.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server's reading of stdin, fuzzed: {@link LineReader} on any bytes in any chunks (huge
 * lines, no newline, invalid UTF-8) gives exactly the input's lines, none longer than its cap and
 * the buffer never beyond it; {@link MessageCheck} gives every line an outcome — pass on, an
 * error response that is a JSON-RPC error, or a logged drop — and never throws.
 */
class StdioInputFuzzTest {
  static final MessageCheck CHECK = new MessageCheck(Set.of("tasks_create", "tasks_get"));

  /** A stream that hands out at most {@code chunks[i]} bytes per read, as a pipe does. */
  static final class Chunked extends InputStream {
    private final byte[] data;
    private final int[] chunks;
    private int position;
    private int reads;

    Chunked(byte[] data, int[] chunks) {
      this.data = data;
      this.chunks = chunks;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= data.length) return -1;
      int n = Math.min(Math.min(len, data.length - position), chunks.length == 0 ? len : chunks[reads++ % chunks.length]);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }

  /** One line as {@link LineReader} returns it: the bytes kept and whether any were dropped. */
  record Read(byte[] bytes, boolean truncated) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Read r && Arrays.equals(bytes, r.bytes) && truncated == r.truncated;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return (truncated ? "truncated " : "") + Arrays.toString(bytes);
    }
  }

  static List<Read> readAll(InputStream in, int cap) throws IOException {
    LineReader reader = new LineReader(in, cap);
    List<Read> out = new ArrayList<>();
    while (reader.next()) {
      assertThat(reader.length()).isBetween(0, cap);
      assertThat(reader.bytes().length).as("the line buffer").isLessThanOrEqualTo(Math.max(8 * 1024, cap));
      out.add(new Read(Arrays.copyOf(reader.bytes(), reader.length()), reader.truncated()));
    }
    return out;
  }

  /**
   * The lines by the reader's documented rule: split at {@code \n}; a last line without one still
   * counts; a line over the cap keeps its first {@code cap} bytes; a {@code \r} before the
   * {@code \n} of a line within the cap is not part of it.
   */
  static List<Read> expected(byte[] data, int cap) {
    List<Read> out = new ArrayList<>();
    int start = 0;
    while (start < data.length) {
      int end = start;
      while (end < data.length && data[end] != '\n') end++;
      int length = end - start;
      boolean truncated = length > cap;
      if (truncated) length = cap;
      else if (end < data.length && length > 0 && data[end - 1] == '\r') length--;
      out.add(new Read(Arrays.copyOfRange(data, start, start + length), truncated));
      start = end + 1;
    }
    return out;
  }

  @Test
  void readsCrlfLinesALastLineWithoutNewlineAndCutsLongOnes() throws IOException {
    byte[] data = "ab\r\n\nlong line\nend".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(readAll(new Chunked(data, new int[] {1, 3}), 4)).containsExactly(
        new Read(new byte[] {'a', 'b'}, false), new Read(new byte[0], false),
        new Read(new byte[] {'l', 'o', 'n', 'g'}, true), new Read(new byte[] {'e', 'n', 'd'}, false));
  }

  @FuzzTest
  void linesAreExactAndBounded(FuzzedDataProvider data) throws IOException {
    int cap = data.consumeInt(1, 300);
    int[] chunks = new int[data.consumeInt(0, 4)];
    for (int i = 0; i < chunks.length; i++) chunks[i] = data.consumeInt(1, 70_000);
    // Now and then a line longer than the reader's 64 KiB buffer, without the fuzzer writing it.
    int padding = data.consumeBoolean() ? data.consumeInt(0, 200_000) : 0;
    byte[] tail = data.consumeRemainingAsBytes();
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write(new byte[padding], 0, padding);
    input.write(tail, 0, tail.length);
    byte[] bytes = input.toByteArray();

    assertThat(readAll(new Chunked(bytes, chunks), cap)).isEqualTo(expected(bytes, cap));
  }

  @FuzzTest
  void everyLineGetsAnOutcome(byte[] line) {
    // A line as LineReader hands it over: never with a line feed in it.
    for (byte b : line) if (b == '\n') return;
    boolean truncated = line.length > 0 && line[0] == 0x7f; // a marker byte the seeds do not hold
    MessageCheck.Line checked = CHECK.check(line, line.length, truncated);

    assertThat(checked).isNotNull();
    for (Outcome outcome : checked.outcomes()) {
      if (outcome instanceof Answer answer) {
        JsonNode response = answer.response();
        assertThat(response.get("jsonrpc").stringValue()).isEqualTo("2.0");
        assertThat(response.has("id")).as("an error response carries an id, null when unknown").isTrue();
        assertThat(response.get("error").get("code").isInt()).isTrue();
        assertThat(response.get("error").get("message").stringValue()).isNotBlank().doesNotContain("\n");
        CHECK.write(response); // the server writes it: it must serialise
      } else if (outcome instanceof Dispatch dispatch) {
        assertThat(dispatch.message().get("jsonrpc").stringValue()).isEqualTo("2.0");
        CHECK.write(dispatch.message());
      } else {
        assertThat(((Drop) outcome).reason()).isNotBlank();
      }
    }
  }
}
