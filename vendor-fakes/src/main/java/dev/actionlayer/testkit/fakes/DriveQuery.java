package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Drive's {@code q} language FakeDrive understands: terms {@code appProperties has {
 * key='K' and value='V' }} and {@code trashed = true|false}, joined by {@code and}. String literals
 * are single-quoted, with {@code \'} and {@code \\} as the escapes (Drive's search-terms guide;
 * any other backslash is refused). Operators are case-insensitive, term names are not. Anything
 * else is not parsed, and FakeDrive answers it as Drive answers a query it cannot use.
 *
 * @param appProperties the properties a file must have, all of them
 * @param trashed the trashed state a file must have, or null for either
 */
record DriveQuery(Map<String, String> appProperties, Boolean trashed) {

  /** The query that matches every file: an absent or blank {@code q}. */
  static final DriveQuery ALL = new DriveQuery(Map.of(), null);

  /** Parses {@code q}; null when it is not of the understood forms. */
  static DriveQuery parse(String q) {
    if (q == null || q.isBlank()) return ALL;
    List<String> tokens = tokens(q);
    if (tokens == null) return null;
    return new Parser(tokens).query();
  }

  boolean matches(DriveStore.StoredFile file) {
    if (trashed != null && trashed != file.trashed()) return false;
    for (Map.Entry<String, String> property : appProperties.entrySet()) {
      if (!property.getValue().equals(file.appProperties().get(property.getKey()))) return false;
    }
    return true;
  }

  /**
   * Words, the symbols {@code { } =}, and string literals kept as {@code '} plus their unescaped
   * text; null when a literal is unterminated or uses an escape Drive does not define.
   */
  private static List<String> tokens(String q) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '{' || c == '}' || c == '=') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '\'') {
        StringBuilder text = new StringBuilder("'");
        i++;
        while (true) {
          if (i >= q.length()) return null;
          char d = q.charAt(i++);
          if (d == '\'') break;
          if (d == '\\') {
            if (i >= q.length()) return null;
            char escaped = q.charAt(i++);
            if (escaped != '\'' && escaped != '\\') return null;
            d = escaped;
          }
          text.append(d);
        }
        tokens.add(text.toString());
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < q.length() && Character.isLetterOrDigit(q.charAt(i))) i++;
        tokens.add(q.substring(start, i));
      } else {
        return null; // parentheses, other operators: not a form FakeDrive serves
      }
    }
    return tokens;
  }

  /** Recursive descent over the tokens; every method returns null on anything unexpected. */
  private static final class Parser {
    private final List<String> tokens;
    private int at;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    DriveQuery query() {
      Map<String, String> properties = new LinkedHashMap<>();
      Boolean trashed = null;
      do {
        if (accept("appProperties")) {
          String[] property = property();
          if (property == null) return null;
          properties.put(property[0], property[1]);
        } else if (accept("trashed")) {
          if (!accept("=")) return null;
          if (keyword("true")) {
            trashed = Boolean.TRUE;
          } else if (keyword("false")) {
            trashed = Boolean.FALSE;
          } else {
            return null;
          }
        } else {
          return null;
        }
      } while (keyword("and"));
      return at == tokens.size() ? new DriveQuery(Map.copyOf(properties), trashed) : null;
    }

    /** {@code has { key = 'K' and value = 'V' }}, after the term name. */
    private String[] property() {
      if (!keyword("has") || !accept("{") || !accept("key") || !accept("=")) return null;
      String key = literal();
      if (key == null || !keyword("and") || !accept("value") || !accept("=")) return null;
      String value = literal();
      if (value == null || !accept("}")) return null;
      return new String[] {key, value};
    }

    private String literal() {
      if (at >= tokens.size() || !tokens.get(at).startsWith("'")) return null;
      return tokens.get(at++).substring(1);
    }

    private boolean accept(String exact) {
      if (at < tokens.size() && tokens.get(at).equals(exact)) {
        at++;
        return true;
      }
      return false;
    }

    private boolean keyword(String word) {
      if (at < tokens.size() && !tokens.get(at).startsWith("'")
          && tokens.get(at).toLowerCase(Locale.ROOT).equals(word)) {
        at++;
        return true;
      }
      return false;
    }
  }
}
