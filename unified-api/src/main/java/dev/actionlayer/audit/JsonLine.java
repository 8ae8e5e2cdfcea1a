package dev.actionlayer.audit;

import java.util.Arrays;

/**
 * The characters of one rendered audit line, in a plain array that grows as needed and can be
 * reused from line to line, where a {@link StringBuilder} checks its capacity and coder on every
 * append. Not thread-safe.
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

  /**
   * Appends {@code s} as a JSON string literal, with the escapes of Moshi's {@code JsonWriter}:
   * a backslash before a quote or a backslash, {@code t b n r f} escapes, six-character unicode
   * escapes for the other control characters and for U+2028 and U+2029; a surrogate pair is kept and an unpaired
   * surrogate becomes {@code ?} (what encoding it as UTF-8 makes of it).
   *
   * <p>Most strings need no escape at all (names, ids, codes), so the string is first copied whole
   * and scanned in place; only from the first character that needs one does the rest go through
   * the character-by-character path. That path writes each character straight into the array
   * rather than appending runs: a JSON body alternates short runs and quotes, and a call per run
   * cost more than the copying.
   */
  JsonLine appendQuoted(String s) {
    int n = s.length();
    if (length + n + 2 > chars.length) grow(n + 2);
    char[] a = chars;
    a[length] = '"';
    int from = length + 1;
    int end = from + n;
    s.getChars(0, n, a, from);
    int k = from;
    while (k < end && isPlain(a[k])) k++;
    if (k == end) {
      a[end] = '"';
      length = end + 1;
      return this;
    }
    int rest = end - k;
    if (spare.length < rest) spare = new char[Math.max(rest, 2 * spare.length)];
    char[] src = spare;
    System.arraycopy(a, k, src, 0, rest);
    length = k;
    escapeRest(src, rest);
    if (spare.length > MAX_SPARE) spare = new char[INITIAL_SPARE]; // an unusually long value: not kept
    append('"');
    return this;
  }

  private void escapeRest(char[] src, int n) {
    char[] a = chars;
    int j = length;
    for (int i = 0; i < n; i++) {
      if (a.length - j < 6) { // the longest escape, backslash-u and four hex digits
        length = j;
        grow(Math.max(6, n - i));
        a = chars;
      }
      char c = src[i];
      if (isPlain(c)) {
        a[j++] = c;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(src[i + 1])) {
          a[j++] = c;
          a[j++] = src[++i];
        } else {
          a[j++] = '?';
        }
        continue;
      }
      a[j++] = '\\';
      switch (c) {
        case '"': a[j++] = '"'; break;
        case '\\': a[j++] = '\\'; break;
        case '\t': a[j++] = 't'; break;
        case '\b': a[j++] = 'b'; break;
        case '\n': a[j++] = 'n'; break;
        case '\r': a[j++] = 'r'; break;
        case '\f': a[j++] = 'f'; break;
        default: // the other control characters, U+2028 and U+2029
          a[j++] = 'u';
          a[j++] = HEX[(c >> 12) & 0xf];
          a[j++] = HEX[(c >> 8) & 0xf];
          a[j++] = HEX[(c >> 4) & 0xf];
          a[j++] = HEX[c & 0xf];
      }
    }
    length = j;
  }

  /** Whether {@code c} is written as it is: not a quote, backslash, control character, U+2028/9 or surrogate. */
  private static boolean isPlain(char c) {
    if (c < 0x80) return c >= 0x20 && c != '"' && c != '\\';
    return c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int INITIAL_SPARE = 2048;
  private static final int MAX_SPARE = 32 * 1024;
  /** The rest of a string being escaped, reused from string to string. */
  private char[] spare = new char[INITIAL_SPARE];

  private void grow(int more) {
    chars = Arrays.copyOf(chars, Math.max(length + more, 2 * chars.length));
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
