package dev.actionlayer.audit;

import java.util.Arrays;

/**
 * The characters of one rendered audit line, in a plain array that grows as needed and can be
 * reused from line to line: appending runs of an escaped string is an array copy, where a {@link
 * StringBuilder} checks every character again. Not thread-safe.
 */
final class JsonLine {
  private char[] chars;
  private int length;

  JsonLine(int capacity) {
    chars = new char[Math.max(16, capacity)];
  }

  void reset() {
    length = 0;
  }

  int length() {
    return length;
  }

  int capacity() {
    return chars.length;
  }

  /** The array holding the line; valid up to {@link #length()}, until the next append. */
  char[] chars() {
    return chars;
  }

  JsonLine append(char c) {
    if (length == chars.length) grow(1);
    chars[length++] = c;
    return this;
  }

  JsonLine append(String s) {
    int n = s.length();
    if (length + n > chars.length) grow(n);
    s.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  JsonLine append(char[] src, int offset, int n) {
    if (length + n > chars.length) grow(n);
    System.arraycopy(src, offset, chars, length, n);
    length += n;
    return this;
  }

  private void grow(int more) {
    chars = Arrays.copyOf(chars, Math.max(length + more, 2 * chars.length));
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
