package dev.actionlayer.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * Removes secrets from everything that leaves the pipeline (audit, errors, logs): the literal
 * values of the connection's credentials (and their base64, hex and URL encodings, and
 * case-changed echoes), secret-looking headers, JSON members and form fields, bearer tokens and
 * API keys. Thread-safe.
 */
public final class Redactor {
  public static final String MASK = "[REDACTED]";

  /**
   * Every short JSON string member, {@code "name": "value"}: cheap to scan (a non-name string fails
   * at its first space); the name decides in code whether the value is secret.
   */
  private static final Pattern JSON_MEMBER = Pattern.compile(
      // The value loop is unrolled ("normal* (special normal*)*"): an alternation repeated per
      // character makes Java's engine crawl through long values.
      "\"([A-Za-z0-9_-]{1,64})\"(\\s*:\\s*)\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"");
  /** Parts of a member or field name that mark its value secret (matched in lower case). */
  private static final String[] SECRET_NAMES = {
    "token", "secret", "password", "passwd", "api_key", "api-key", "apikey", "authorization",
    "session_id", "session-id", "sessionid", "signature", "credential"
  };
  private static final Pattern AUTH_VALUE = Pattern.compile(
      "\\b(Bearer|Basic|Token|OAuth)\\s+[A-Za-z0-9._~+/=-]{6,}", Pattern.CASE_INSENSITIVE);
  private static final Pattern VENDOR_KEY = Pattern.compile(
      "\\b((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9*]{4,}");

  /** Words one of {@link #SECRET_NAMES} contains: without one, no member needs a look. */
  private static final String[] SECRET_WORDS = {
    "token", "secret", "password", "passwd", "api_key", "api-key", "apikey", "authorization", "session",
    "signature", "credential"
  };
  private static final String[] AUTH_WORDS = {"bearer", "basic", "token", "oauth"};
  /** The marks of {@link #VENDOR_KEY}, found ignoring case (the pattern itself is lower case). */
  private static final String[] VENDOR_WORDS = {"_live_", "_test_"};

  private final Supplier<List<String>> secrets;
  private volatile Forms forms;

  private record Forms(List<String> input, Scanner scanner) {}

  /**
   * @param secrets the literal values to remove wherever they appear, asked each time (access
   *     tokens change)
   */
  public Redactor(Supplier<List<String>> secrets) {
    this.secrets = secrets;
  }

  /** Whether a header of this name carries credentials and must never be shown. */
  public static boolean isSensitiveHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
        || n.equals("set-cookie") || n.equals("x-api-key") || n.equals("api-key")
        || n.contains("token") || n.contains("secret") || n.contains("password")
        || n.contains("session") || n.contains("credential");
  }

  /** The header value as it may be shown. */
  public String header(String name, String value) {
    return isSensitiveHeader(name) ? MASK : text(value);
  }

  /** The text with every secret removed; null stays null. */
  public String text(String text) {
    if (text == null || text.isEmpty()) return text;
    Forms forms = forms();
    // One pass finds the echoes of the secrets and the words the patterns need (an audited body is
    // scanned on every call: a pass per word and per encoded secret cost more than the call).
    Hits hits = forms.scanner.scan(text);
    String out = text;
    if (hits.secrets != null) {
      out = mask(text, hits.secrets);
      hits = WORDS.scan(out); // the words around a masked secret are not where they were
    }
    // The patterns are costly on every audited body; run each only where its keywords occur in a
    // place the pattern could match (a keyword in prose, "after a password reset", needs no scan).
    if ((hits.places & IN_JSON_NAME) != 0) {
      out = maskWhereNameIsSecret(JSON_MEMBER, out, m -> "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\"");
    }
    if ((hits.places & IN_FORM_NAME) != 0) out = maskFormFields(out);
    if ((hits.places & BEFORE_WHITESPACE) != 0) out = replace(AUTH_VALUE, out, "$1 " + MASK);
    if ((hits.places & VENDOR_MARK) != 0) out = replace(VENDOR_KEY, out, "$1" + MASK);
    return out;
  }

  /** A secret word inside a quoted run of JSON name characters: {@link #JSON_MEMBER} may mask. */
  private static final int IN_JSON_NAME = 1;
  /** A secret word in a run of field-name characters ending at {@code =}: {@link #maskFormFields} may mask. */
  private static final int IN_FORM_NAME = 2;
  /** An {@link #AUTH_WORDS} word followed by whitespace: {@link #AUTH_VALUE} may match. */
  private static final int BEFORE_WHITESPACE = 4;
  /** {@code _live_} or {@code _test_}: {@link #VENDOR_KEY} may match. */
  private static final int VENDOR_MARK = 8;

  /** What one scan found: where the pattern words sit ({@code places}) and the secrets' echoes. */
  private static final class Hits {
    int places;
    List<int[]> secrets;
  }

  private static final Scanner WORDS = new Scanner(List.of(), List.of());

  /**
   * Finds, in one pass, every occurrence of the pattern words (ignoring case) and of the secrets'
   * forms (folded ones ignoring case, exact ones as they are). A bitmap of hashes of every
   * needle's case-folded first four characters lets almost every position go by with one lookup; a
   * position whose last four characters hash into it is compared with the needles that begin with
   * those four, case-insensitively as {@link
   * String#regionMatches(boolean, int, String, int, int)} compares (which folds more than
   * lower-casing the text did: it masks a superset). Needles shorter than four characters or with
   * one of their first four folding outside Latin-1 are searched the slow way. Immutable.
   */
  private static final class Scanner {
    private static final int SECRET_WORD = 1;
    private static final int AUTH_WORD = 2;
    private static final int VENDOR_WORD = 4;
    private static final int FOLDED_SECRET = 8;
    private static final int EXACT_SECRET = 16;
    private static final int BUCKETS = 128;
    /** Not a byte: a character that folds outside Latin-1 (so is in no needle's first four). */
    private static final int NONE = 0x10000;
    private static final char[] FOLD = new char[256];
    /** {@link #FOLD}, with {@link #NONE} for the few Latin-1 characters that fold outside it (µ). */
    private static final int[] LATIN1_FOLD = new int[256];
    /** Each thread's copy of the text being scanned, reused (one per audit writer or caller thread). */
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[4096]);
    private static final int MAX_SCRATCH = 16 * 1024;

    static {
      for (int c = 0; c < 256; c++) {
        FOLD[c] = (char) fold((char) c);
        LATIN1_FOLD[c] = FOLD[c] < 256 ? FOLD[c] : NONE;
      }
    }

    private final String[] needles;
    /** Each needle's characters folded (surrogates as they are). */
    private final char[][] foldedNeedles;
    private final int[] kinds;
    /** Each needle's first four characters folded, one byte each ({@link #quad}). */
    private final int[] quads;
    /** One bit per hash of four folded characters ({@link #bit}), set for every needle's first four. */
    private final long[] quadBits = new long[1024];
    private final int[][] buckets = new int[BUCKETS][];
    /**
     * Secret forms shorter than four characters or with one of their first four folding outside
     * Latin-1; searched one by one.
     */
    private final List<String> slowFolded = new ArrayList<>();
    private final List<String> slowExact = new ArrayList<>();

    Scanner(List<String> folded, List<String> exact) {
      List<String> all = new ArrayList<>();
      List<Integer> kindList = new ArrayList<>();
      java.util.Map<String, Integer> words = new java.util.LinkedHashMap<>();
      for (String w : SECRET_WORDS) words.merge(w, SECRET_WORD, (a, b) -> a | b);
      for (String w : AUTH_WORDS) words.merge(w, AUTH_WORD, (a, b) -> a | b);
      for (String w : VENDOR_WORDS) words.merge(w, VENDOR_WORD, (a, b) -> a | b);
      words.forEach((w, k) -> {
        if (!scannable(w)) throw new AssertionError("a pattern word the scan cannot find: " + w);
        all.add(w);
        kindList.add(k);
      });
      for (String f : folded) {
        if (!scannable(f)) slowFolded.add(f); else { all.add(f); kindList.add(FOLDED_SECRET); }
      }
      for (String e : exact) {
        if (!scannable(e)) slowExact.add(e); else { all.add(e); kindList.add(EXACT_SECRET); }
      }
      needles = all.toArray(new String[0]);
      foldedNeedles = new char[needles.length][];
      for (int i = 0; i < needles.length; i++) {
        char[] f = needles[i].toCharArray();
        for (int j = 0; j < f.length; j++) {
          if (!Character.isSurrogate(f[j])) f[j] = (char) fold(f[j]);
        }
        foldedNeedles[i] = f;
      }
      kinds = new int[needles.length];
      quads = new int[needles.length];
      int[] counts = new int[BUCKETS];
      for (int i = 0; i < needles.length; i++) {
        kinds[i] = kindList.get(i);
        quads[i] = quad(needles[i]);
        int bit = bit(quads[i]);
        quadBits[bit >>> 6] |= 1L << bit;
        counts[bucket(quads[i])]++;
      }
      for (int b = 0; b < BUCKETS; b++) buckets[b] = new int[counts[b]];
      int[] filled = new int[BUCKETS];
      for (int i = 0; i < needles.length; i++) {
        int b = bucket(quads[i]);
        buckets[b][filled[b]++] = i;
      }
    }

    /**
     * The case fold {@link String#regionMatches(boolean, int, String, int, int)} compares by: two
     * characters match when their folds are equal.
     */
    private static int fold(char c) {
      return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** {@link #fold}, from the table for a Latin-1 character. */
    private static int folded(char c) {
      return c < 256 ? FOLD[c] : fold(c);
    }

    /** The fold of {@code c} when it is in Latin-1 (a byte of a quad), or {@link #NONE}. */
    private static int latin1Fold(char c) {
      if (c < 256) return LATIN1_FOLD[c]; // one load per character of a scanned text
      int f = fold(c);
      return f < 256 ? f : NONE;
    }

    /** Whether the scan can find {@code s}: four characters or more, the first four folding into Latin-1. */
    private static boolean scannable(String s) {
      if (s.length() < 4) return false;
      for (int i = 0; i < 4; i++) {
        if (latin1Fold(s.charAt(i)) == NONE) return false;
      }
      return true;
    }

    /** The folded first four characters of a {@link #scannable} {@code s}, a byte each. */
    private static int quad(String s) {
      int q = 0;
      for (int i = 0; i < 4; i++) q = q << 8 | latin1Fold(s.charAt(i));
      return q;
    }

    /** The bit of {@link #quadBits} for a quad: the top 16 bits of a multiplicative hash. */
    private static int bit(int quad) {
      return (quad * 0x9E3779B1) >>> 16;
    }

    private static int bucket(int quad) {
      return (quad * 0x9E3779B1) >>> 25; // the top 7 bits of the same hash: 128 buckets
    }

    Hits scan(String text) {
      int n = text.length();
      char[] chars = SCRATCH.get();
      if (chars.length < n) {
        chars = new char[n];
        if (n <= MAX_SCRATCH) SCRATCH.set(chars);
      }
      text.getChars(0, n, chars, 0); // a plain array: String.charAt checks its coder on every call
      long[] bits = quadBits;
      Hits hits = new Hits();
      // The last four characters folded, a byte each; a character that folds outside Latin-1 starts
      // the run again (no needle's first four contain one). A filter on four characters lets far
      // fewer positions through than one on two did: JSON is full of "se"lf, "ap"i, "pa"ragraph.
      int quad = 0;
      int run = 0;
      for (int i = 0; i < n; i++) {
        int f = latin1Fold(chars[i]);
        if (f == NONE) {
          run = 0;
          continue;
        }
        quad = quad << 8 | f;
        if (++run >= 4) {
          int bit = bit(quad);
          if ((bits[bit >>> 6] & (1L << bit)) != 0) candidate(text, chars, i - 3, quad, hits);
        }
      }
      for (String f : slowFolded) hits.secrets = findIgnoringCase(text, f, hits.secrets);
      for (String e : slowExact) hits.secrets = find(text, e, hits.secrets);
      return hits;
    }

    /** Compares the needles of the folded {@code quad} with the text at {@code start}. */
    private void candidate(String text, char[] chars, int start, int quad, Hits hits) {
      int n = text.length();
      for (int k : buckets[bucket(quad)]) {
        if (quads[k] != quad) continue;
        String needle = needles[k];
        int kind = kinds[k];
        boolean found = kind == EXACT_SECRET ? text.startsWith(needle, start)
            : matchesFolded(text, chars, start, foldedNeedles[k]);
        if (!found) continue;
        int end = start + needle.length();
        if ((kind & (FOLDED_SECRET | EXACT_SECRET)) != 0) {
          if (hits.secrets == null) hits.secrets = new ArrayList<>();
          hits.secrets.add(new int[] {start, end});
          continue;
        }
        if ((kind & SECRET_WORD) != 0) hits.places |= wordPlaces(text, start, end);
        if ((kind & AUTH_WORD) != 0 && end < n && isRegexSpace(text.charAt(end))) hits.places |= BEFORE_WHITESPACE;
        if ((kind & VENDOR_WORD) != 0) hits.places |= VENDOR_MARK;
      }
    }
    /**
     * Whether the text at {@code start} matches a needle ignoring case, as {@link
     * String#regionMatches(boolean, int, String, int, int)} would say, by comparing folds (its
     * per-character case mapping is most of a scan's time otherwise). A surrogate on either side
     * leaves the decision to {@code regionMatches}, which folds supplementary letters as code points.
     */
    private static boolean matchesFolded(String text, char[] chars, int start, char[] needle) {
      int length = needle.length;
      if (start + length > text.length()) return false;
      for (int j = 0; j < length; j++) {
        char c = chars[start + j];
        char w = needle[j];
        if (c == w) continue;
        if (Character.isSurrogate(c) || Character.isSurrogate(w)) {
          return text.regionMatches(true, start, new String(needle), 0, length);
        }
        if (folded(c) != w) return false;
      }
      return true;
    }

    /**
     * Where a secret word at {@code [start, end)} sits: {@link #IN_JSON_NAME} when inside a quoted
     * run of JSON name characters (the only place {@link #JSON_MEMBER} can match a secret name),
     * {@link #IN_FORM_NAME} when in a run of field-name characters that ends at an {@code =} (the
     * only place {@link #maskFormFields} masks). Necessary conditions of each scan.
     */
    private static int wordPlaces(String text, int start, int end) {
      int places = 0;
      int n = text.length();
      int f = end;
      while (f < n && isNameChar(text.charAt(f))) f++;
      if (f < n && text.charAt(f) == '=') places |= IN_FORM_NAME;
      int l = start;
      while (l > 0 && isJsonNameChar(text.charAt(l - 1))) l--;
      int j = end;
      while (j < n && isJsonNameChar(text.charAt(j))) j++;
      if (l > 0 && text.charAt(l - 1) == '"' && j < n && text.charAt(j) == '"') places |= IN_JSON_NAME;
      return places;
    }
  }

  private static boolean isJsonNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** {@code \s} of {@link Pattern} without UNICODE_CHARACTER_CLASS. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static List<int[]> find(String in, String form, List<int[]> hits) {
    for (int i = in.indexOf(form); i >= 0; i = in.indexOf(form, i + 1)) {
      if (hits == null) hits = new ArrayList<>();
      hits.add(new int[] {i, i + form.length()});
    }
    return hits;
  }

  private static List<int[]> findIgnoringCase(String in, String form, List<int[]> hits) {
    for (int i = 0; i + form.length() <= in.length(); i++) {
      if (in.regionMatches(true, i, form, 0, form.length())) {
        if (hits == null) hits = new ArrayList<>();
        hits.add(new int[] {i, i + form.length()});
      }
    }
    return hits;
  }

  private static String mask(String in, List<int[]> hits) {
    hits.sort(Comparator.comparingInt(h -> h[0]));
    StringBuilder out = new StringBuilder(in.length());
    int pos = 0;
    for (int i = 0; i < hits.size(); ) {
      int start = hits.get(i)[0];
      int end = hits.get(i)[1];
      for (i++; i < hits.size() && hits.get(i)[0] <= end; i++) end = Math.max(end, hits.get(i)[1]);
      out.append(in, pos, start).append(MASK);
      pos = end;
    }
    return out.append(in, pos, in.length()).toString();
  }

  /**
   * The scanner of the current secrets' forms, built once per list of secrets (access tokens
   * change): base64 forms compared as they are, the others ignoring case.
   */
  private Forms forms() {
    List<String> current = secrets.get();
    Forms cached = forms;
    if (cached != null && cached.input == current) return cached;
    Set<String> exact = new LinkedHashSet<>();
    Set<String> folded = new LinkedHashSet<>();
    for (String secret : current) {
      if (secret == null || secret.length() < 4) continue;
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      // As typed, compared by case fold: a secret whose lower case is longer ("İ" lower-cases to
      // two characters) is matched by neither its lower-cased form nor the text's.
      folded.add(secret);
      folded.add(secret.toLowerCase(Locale.ROOT));
      folded.add(HexFormat.of().formatHex(bytes));
      folded.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
      folded.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20").toLowerCase(Locale.ROOT));
      exact.add(Base64.getEncoder().encodeToString(bytes));
      exact.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      exact.add(Base64.getUrlEncoder().encodeToString(bytes));
      exact.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    forms = new Forms(current, exact.isEmpty() && folded.isEmpty() ? WORDS
        : new Scanner(List.copyOf(folded), List.copyOf(exact)));
    return forms;
  }

  private static boolean containsAny(String lower, String[] words) {
    for (String w : words) {
      if (lower.contains(w)) return true;
    }
    return false;
  }

  private static String maskWhereNameIsSecret(Pattern p, String in,
      java.util.function.Function<java.util.regex.MatchResult, String> masked) {
    Matcher m = p.matcher(in);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (!containsAny(m.group(1).toLowerCase(Locale.ROOT), SECRET_NAMES)) continue;
      if (out == null) out = new StringBuilder(in.length());
      out.append(in, last, m.start()).append(masked.apply(m.toMatchResult()));
      last = m.end();
    }
    return out == null ? in : out.append(in, last, in.length()).toString();
  }

  /**
   * Masks the value of every {@code name=value} form or query field whose name is secret. Done by
   * hand from each {@code =}: a pattern tried at every position costs more than the whole call.
   */
  private static String maskFormFields(String in) {
    StringBuilder out = null;
    int last = 0;
    for (int eq = in.indexOf('='); eq >= 0; eq = in.indexOf('=', eq + 1)) {
      int start = eq;
      while (start > 0 && isNameChar(in.charAt(start - 1))) start--;
      int end = eq + 1;
      while (end < in.length() && !isValueEnd(in.charAt(end))) end++;
      if (start == eq || end == eq + 1 || eq - start > 64 || start < last) continue;
      if (!containsAny(in.substring(start, eq).toLowerCase(Locale.ROOT), SECRET_NAMES)) continue;
      if (out == null) out = new StringBuilder(in.length());
      out.append(in, last, eq + 1).append(MASK);
      last = end;
    }
    return out == null ? in : out.append(in, last, in.length()).toString();
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '[' || c == ']';
  }

  private static boolean isValueEnd(char c) {
    return c == '&' || c == '"' || Character.isWhitespace(c);
  }

  private static String replace(Pattern p, String in, String replacement) {
    Matcher m = p.matcher(in);
    return m.find() ? m.replaceAll(replacement) : in;
  }
}
