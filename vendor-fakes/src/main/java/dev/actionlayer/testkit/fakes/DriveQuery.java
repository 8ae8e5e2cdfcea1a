package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of Drive's {@code q} language FakeDrive understands, terms joined by {@code and}:
 * {@code appProperties has { key='K' and value='V' }}, {@code trashed = true|false}, {@code 'ID' in
 * parents} ({@code 'root'} names My Drive), {@code mimeType = 'T'} or {@code !=}, {@code name =
 * 'N'} or {@code !=}, and {@code name contains 'N'}. String literals are single-quoted, with
 * {@code \'} and {@code \\} as the escapes (Drive's search-terms guide; any other backslash is
 * refused). Operators are case-insensitive, term names are not. Anything else is not parsed, and
 * FakeDrive answers it as Drive answers a query it cannot use.
 *
 * <p>{@code name contains} is case-insensitive and matches a prefix of the name or of one of its
 * words. Drive documents prefix matching ("a query of name contains 'Hello' returns a result [for
 * HelloWorld], but a query of name contains 'World' doesn't"); that it also matches word prefixes
 * ({@code 'Lovelace'} finds "Ada Lovelace") is an assumption from observed behaviour.
 */
final class DriveQuery {

  /** The query that matches every file: an absent or blank {@code q}. */
  static final DriveQuery ALL = new DriveQuery(List.of());

  private final List<Predicate<DriveStore.StoredFile>> terms;

  private DriveQuery(List<Predicate<DriveStore.StoredFile>> terms) {
    this.terms = List.copyOf(terms);
  }

  /** Parses {@code q}; null when it is not of the understood forms. */
  static DriveQuery parse(String q) {
    if (q == null || q.isBlank()) return ALL;
    List<String> tokens = tokens(q);
    if (tokens == null) return null;
    return new Parser(tokens).query();
  }

  boolean matches(DriveStore.StoredFile file) {
    return terms.stream().allMatch(t -> t.test(file));
  }

  static boolean nameContains(String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    String v = value.toLowerCase(Locale.ROOT);
    if (n.startsWith(v)) return true;
    for (String word : n.split("\\s+")) {
      if (word.startsWith(v)) return true;
    }
    return false;
  }

  /**
   * Words, the symbols {@code { } = !=}, and string literals kept as {@code '} plus their
   * unescaped text; null when a literal is unterminated or uses an escape Drive does not define.
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
      } else if (c == '!' && i + 1 < q.length() && q.charAt(i + 1) == '=') {
        tokens.add("!=");
        i += 2;
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
      List<Predicate<DriveStore.StoredFile>> terms = new ArrayList<>();
      do {
        Predicate<DriveStore.StoredFile> term = term();
        if (term == null) return null;
        terms.add(term);
      } while (keyword("and"));
      return at == tokens.size() ? new DriveQuery(terms) : null;
    }

    private Predicate<DriveStore.StoredFile> term() {
      String parent = literal();
      if (parent != null) {
        if (!keyword("in") || !accept("parents")) return null;
        String id = DriveStore.ROOT_ALIAS.equals(parent) ? FakeDrive.ROOT_ID : parent;
        return f -> id.equals(f.parentId());
      }
      if (accept("appProperties")) {
        String[] property = property();
        if (property == null) return null;
        return f -> property[1].equals(f.appProperties().get(property[0]));
      }
      if (accept("trashed")) {
        if (!accept("=")) return null;
        if (keyword("true")) return DriveStore.StoredFile::trashed;
        if (keyword("false")) return f -> !f.trashed();
        return null;
      }
      if (accept("mimeType")) {
        Boolean equal = equality();
        String type = literal();
        if (equal == null || type == null) return null;
        return f -> type.equals(f.mimeType()) == equal;
      }
      if (accept("name")) {
        if (keyword("contains")) {
          String value = literal();
          return value == null ? null : f -> nameContains(f.name(), value);
        }
        Boolean equal = equality();
        String name = literal();
        if (equal == null || name == null) return null;
        return f -> name.equals(f.name()) == equal;
      }
      return null;
    }

    /** {@code =} is true, {@code !=} false, anything else null. */
    private Boolean equality() {
      if (accept("=")) return Boolean.TRUE;
      if (accept("!=")) return Boolean.FALSE;
      return null;
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
