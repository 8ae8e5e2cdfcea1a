package dev.actionlayer.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited lines as bytes, keeping at most {@code cap} bytes of any one line: the
 * rest of a longer line is read and dropped, so memory stays bounded whatever a client sends. The
 * bytes are left undecoded for the JSON parser, which reports malformed UTF-8 itself. Not
 * thread-safe: one reader thread.
 */
final class LineReader {
  private final InputStream in;
  private final int cap;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[8 * 1024];
  private int length;
  private boolean truncated;

  LineReader(InputStream in, int cap) {
    this.in = in;
    this.cap = cap;
  }

  /**
   * Reads the next line, without its {@code \n} or a {@code \r} before it; false once the input
   * has ended (a last line without a newline still counts as a line).
   */
  boolean next() throws IOException {
    length = 0;
    truncated = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') position++;
      keep(start, position - start);
      if (position < limit) {
        position++; // the newline
        if (!truncated && length > 0 && line[length - 1] == '\r') length--;
        return true;
      }
    }
  }

  private void keep(int from, int count) {
    int room = cap - length;
    if (count > room) {
      truncated = true;
      count = room;
    }
    if (count <= 0) return;
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(cap, Math.max(length + count, line.length * 2)));
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  /** The line's bytes, valid up to {@link #length()} until the next call to {@link #next()}. */
  byte[] bytes() {
    return line;
  }

  /** How many bytes of the line were kept: all of it, unless {@link #truncated()}. */
  int length() {
    return length;
  }

  /** Whether the line was longer than the cap: only its first {@code cap} bytes were kept. */
  boolean truncated() {
    return truncated;
  }
}
