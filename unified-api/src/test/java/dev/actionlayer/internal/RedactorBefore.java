package dev.actionlayer.internal;

// The redactor as it was before its one-pass scanner (commit e0971d6), kept as the oracle of
// RedactorEquivalenceTest: the rewrite must mask everything this one masked.

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
final class RedactorBefore {
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

  private final Supplier<List<String>> secrets;
  private volatile Forms forms;

  private record Forms(List<String> input, List<String> exact, List<String> folded) {}

  /**
   * @param secrets the literal values to remove wherever they appear, asked each time (access
   *     tokens change)
   */
  RedactorBefore(Supplier<List<String>> secrets) {
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
    String lower = text.toLowerCase(Locale.ROOT);
    String out = maskSecrets(text, lower);
    if (out != text) lower = out.toLowerCase(Locale.ROOT);
    // The patterns are costly on every audited body; run each only where its keywords occur in a
    // place the pattern could match (a keyword in prose, "after a password reset", needs no scan).
    boolean exact = lower.length() == out.length(); // else a keyword's neighbours are not where they seem
    int places = exact ? secretWordPlaces(lower) : containsAny(lower, SECRET_WORDS) ? IN_JSON_NAME | IN_FORM_NAME : 0;
    if ((places & IN_JSON_NAME) != 0) {
      out = maskWhereNameIsSecret(JSON_MEMBER, out, m -> "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\"");
    }
    if ((places & IN_FORM_NAME) != 0) out = maskFormFields(out);
    if (exact ? anyBeforeWhitespace(lower, AUTH_WORDS) : containsAny(lower, AUTH_WORDS)) {
      out = replace(AUTH_VALUE, out, "$1 " + MASK);
    }
    if (lower.contains("_live_") || lower.contains("_test_")) out = replace(VENDOR_KEY, out, "$1" + MASK);
    return out;
  }

  private static final int IN_JSON_NAME = 1;
  private static final int IN_FORM_NAME = 2;

  /**
   * Where secret words occur, in one pass over their occurrences: {@link #IN_JSON_NAME} when one
   * sits inside a quoted run of JSON name characters (the only place {@link #JSON_MEMBER} can match
   * a secret name), {@link #IN_FORM_NAME} when one sits in a run of field-name characters that ends
   * at an {@code =} (the only place {@link #maskFormFields} masks). Necessary conditions, checked
   * without a regex; the full scans run when they hold.
   */
  private static int secretWordPlaces(String lower) {
    int places = 0;
    int n = lower.length();
    for (String w : SECRET_WORDS) {
      for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
        int r = i + w.length();
        if ((places & IN_FORM_NAME) == 0) {
          int f = r;
          while (f < n && isNameChar(lower.charAt(f))) f++;
          if (f < n && lower.charAt(f) == '=') places |= IN_FORM_NAME;
        }
        if ((places & IN_JSON_NAME) == 0) {
          int l = i;
          while (l > 0 && isJsonNameChar(lower.charAt(l - 1))) l--;
          int j = r;
          while (j < n && isJsonNameChar(lower.charAt(j))) j++;
          if (l > 0 && lower.charAt(l - 1) == '"' && j < n && lower.charAt(j) == '"') places |= IN_JSON_NAME;
        }
        if (places == (IN_JSON_NAME | IN_FORM_NAME)) return places;
      }
    }
    return places;
  }

  /** Whether one of {@code words} is followed by whitespace, as {@link #AUTH_VALUE} requires. */
  private static boolean anyBeforeWhitespace(String lower, String[] words) {
    for (String w : words) {
      for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
        int r = i + w.length();
        if (r < lower.length() && isRegexSpace(lower.charAt(r))) return true;
      }
    }
    return false;
  }

  private static boolean isJsonNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** {@code \s} of {@link Pattern} without UNICODE_CHARACTER_CLASS. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * Masks every literal secret and every encoding of it a vendor or a connector might echo: the
   * secret itself and its hex and URL-encoded forms in any letter case, and its standard and
   * URL-safe base64 with and without padding (base64 is case-sensitive by nature). Where matches
   * overlap, their union is masked.
   */
  private String maskSecrets(String text, String lower) {
    Forms forms = forms();
    if (forms.folded.isEmpty()) return text;
    List<int[]> hits = null;
    for (String form : forms.exact) hits = find(text, form, hits);
    if (lower.length() == text.length()) {
      for (String form : forms.folded) hits = find(lower, form, hits);
    } else {
      // Lower-casing changed the length (a rare non-ASCII letter): offsets in the lower-cased
      // copy no longer match the text, so compare region by region instead.
      for (String form : forms.folded) hits = findIgnoringCase(text, form, hits);
    }
    return hits == null ? text : mask(text, hits);
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
   * The forms of the current secrets, computed once per list of secrets (access tokens change):
   * {@code exact} compared as is, {@code folded} in lower case against lower-cased text.
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
      folded.add(secret.toLowerCase(Locale.ROOT));
      folded.add(HexFormat.of().formatHex(bytes));
      folded.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
      folded.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20").toLowerCase(Locale.ROOT));
      exact.add(Base64.getEncoder().encodeToString(bytes));
      exact.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      exact.add(Base64.getUrlEncoder().encodeToString(bytes));
      exact.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    forms = new Forms(current, List.copyOf(exact), List.copyOf(folded));
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
