package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * FakeSalesforce's {@code GET /services/data/vXX.X/query?q=...} for one SOQL shape, the lookup of
 * a record by a field's value: {@code SELECT f1, f2 FROM Type WHERE field = 'value' [LIMIT n]}
 * (keywords in any case). String literals take SOQL's escape sequences ({@code \'}, {@code \\},
 * {@code \"}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, {@code \\uXXXX}); any
 * other backslash is an error, as in Salesforce. The answer is {@code {"totalSize","done":true,
 * "records":[...]}}; deleted records are not returned (that is {@code queryAll}'s job). Errors
 * use Salesforce's message layout: the query, a caret under the offending token, {@code ERROR at
 * Row:1:Column:n} and the reason. A query of any other shape is {@code MALFORMED_QUERY}, though
 * Salesforce would run many of them: the fake serves what connectors send, nothing more.
 */
final class SalesforceQuery {
  private static final String FIELD_HELP = " If you are attempting to use a custom field, be sure to append the"
      + " '__c' after the custom field name. Please reference your WSDL or the describe call for the"
      + " appropriate names.";
  private static final String TYPE_HELP = " If you are attempting to use a custom object, be sure to append the"
      + " '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

  /** A lexical token and the 0-based index where it starts; a literal's text is unescaped. */
  private record Token(String text, int at, boolean literal) {}

  /** A query that cannot be answered: the token it failed at and the reason. */
  private static final class Refused extends Exception {
    final String errorCode;
    final int at;
    final String reason;

    Refused(String errorCode, int at, String reason) {
      super(reason, null, false, false);
      this.errorCode = errorCode;
      this.at = at;
      this.reason = reason;
    }
  }

  private final SalesforceStore store;
  private final Map<String, String> externalIdFields;

  SalesforceQuery(SalesforceStore store, Map<String, String> externalIdFields) {
    this.store = store;
    this.externalIdFields = externalIdFields;
  }

  /** The API version of a {@code /services/data/vXX.X/query} path, or null for any other path. */
  static String version(RecordedCall call) {
    HttpUrl url = HttpUrl.parse("http://fake.invalid" + call.pathWithoutQuery());
    if (url == null) return null;
    List<String> segments = new ArrayList<>(url.pathSegments());
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) segments.remove(segments.size() - 1);
    boolean query = segments.size() == 4 && segments.get(0).equals("services") && segments.get(1).equals("data")
        && segments.get(2).matches("v\\d{1,3}\\.\\d") && segments.get(3).equals("query");
    return query ? segments.get(2) : null;
  }

  MockResponse answer(RecordedCall call, String version) {
    if (!call.method().equals("GET")) return SalesforceResponses.methodNotAllowed(call.method(), "HEAD,GET");
    String soql = call.queryParameter("q");
    if (soql == null || soql.isBlank()) {
      return SalesforceResponses.json(400, Json.write(List.of(Json.object(
          "message", "A query string has to be specified", "errorCode", "MALFORMED_QUERY"))));
    }
    try {
      return run(soql, version);
    } catch (Refused r) {
      String caret = " ".repeat(r.at) + "^";
      String message = "\n" + soql + "\n" + caret + "\nERROR at Row:1:Column:" + (r.at + 1) + "\n" + r.reason;
      return SalesforceResponses.json(400, Json.write(List.of(Json.object(
          "message", message, "errorCode", r.errorCode))));
    }
  }

  private MockResponse run(String soql, String version) throws Refused {
    List<Token> tokens = tokens(soql);
    int[] at = {0};
    keyword(tokens, at, "SELECT", soql);
    List<Token> columns = new ArrayList<>();
    do {
      columns.add(word(tokens, at, soql));
    } while (symbol(tokens, at, ","));
    keyword(tokens, at, "FROM", soql);
    Token typeName = word(tokens, at, soql);
    keyword(tokens, at, "WHERE", soql);
    Token filter = word(tokens, at, soql);
    if (!symbol(tokens, at, "=")) throw unexpected(tokens, at[0], soql);
    Token value = next(tokens, at, soql);
    if (!value.literal()) throw new Refused("MALFORMED_QUERY", value.at(), "unexpected token: " + value.text());
    int limit = Integer.MAX_VALUE;
    if (at[0] < tokens.size()) {
      keyword(tokens, at, "LIMIT", soql);
      Token n = next(tokens, at, soql);
      if (n.literal() || !n.text().matches("\\d{1,9}")) {
        throw new Refused("MALFORMED_QUERY", n.at(), "unexpected token: " + n.text());
      }
      limit = Integer.parseInt(n.text());
    }
    if (at[0] < tokens.size()) throw unexpected(tokens, at[0], soql);

    SalesforceSchema.Type base = SalesforceSchema.type(typeName.text());
    if (base == null) {
      throw new Refused("INVALID_TYPE", typeName.at(), "sObject type '" + typeName.text() + "' is not supported."
          + TYPE_HELP);
    }
    String ext = externalIdFields.get(base.name());
    SalesforceSchema.Type type = ext == null ? base : base.withExternalId(ext);
    List<String> selected = new ArrayList<>();
    for (Token column : columns) selected.add(column(type, column));
    String field = column(type, filter);
    List<SalesforceStore.Stored> matches = field.equals("Id")
        ? single(store.find(type, value.text()))
        : store.byField(type, field, value.text());
    SalesforcePath path = new SalesforcePath(version, Integer.parseInt(version.substring(1, version.indexOf('.'))),
        type.name(), List.of());
    List<Object> records = new ArrayList<>();
    for (SalesforceStore.Stored stored : matches.subList(0, Math.min(limit, matches.size()))) {
      records.add(SalesforceResponses.recordFields(path, stored, selected));
    }
    return SalesforceResponses.json(200, Json.write(Json.object("totalSize", records.size(), "done", true,
        "records", records)));
  }

  private static String column(SalesforceSchema.Type type, Token column) throws Refused {
    String canonical = SalesforceHandler.readable(type, column.text());
    if (canonical == null) {
      throw new Refused("INVALID_FIELD", column.at(), "No such column '" + column.text() + "' on entity '"
          + type.name() + "'." + FIELD_HELP);
    }
    return canonical;
  }

  private static List<SalesforceStore.Stored> single(SalesforceStore.Stored stored) {
    return stored == null ? List.of() : List.of(stored);
  }

  private static void keyword(List<Token> tokens, int[] at, String keyword, String soql) throws Refused {
    Token t = next(tokens, at, soql);
    if (t.literal() || !t.text().toUpperCase(Locale.ROOT).equals(keyword)) {
      throw new Refused("MALFORMED_QUERY", t.at(), "unexpected token: " + t.text());
    }
  }

  private static Token word(List<Token> tokens, int[] at, String soql) throws Refused {
    Token t = next(tokens, at, soql);
    if (t.literal() || !t.text().matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new Refused("MALFORMED_QUERY", t.at(), "unexpected token: " + t.text());
    }
    return t;
  }

  private static boolean symbol(List<Token> tokens, int[] at, String symbol) {
    if (at[0] < tokens.size() && !tokens.get(at[0]).literal() && tokens.get(at[0]).text().equals(symbol)) {
      at[0]++;
      return true;
    }
    return false;
  }

  private static Token next(List<Token> tokens, int[] at, String soql) throws Refused {
    if (at[0] >= tokens.size()) throw new Refused("MALFORMED_QUERY", soql.length(), "unexpected token: <EOF>");
    return tokens.get(at[0]++);
  }

  private static Refused unexpected(List<Token> tokens, int index, String soql) {
    if (index >= tokens.size()) return new Refused("MALFORMED_QUERY", soql.length(), "unexpected token: <EOF>");
    Token t = tokens.get(index);
    return new Refused("MALFORMED_QUERY", t.at(), "unexpected token: " + t.text());
  }

  /** Words and numbers, the symbols {@code , = ( ) < >}, and quoted literals (unescaped). */
  private static List<Token> tokens(String soql) throws Refused {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int start = i++;
        StringBuilder text = new StringBuilder();
        while (true) {
          if (i >= soql.length()) {
            throw new Refused("MALFORMED_QUERY", start, "line 1:" + start + " mismatched character '<EOF>' expecting '''");
          }
          char d = soql.charAt(i++);
          if (d == '\'') break;
          if (d == '\\') {
            if (i >= soql.length()) continue; // the loop reports the unterminated literal
            int escapeAt = i - 1;
            char e = soql.charAt(i++);
            switch (e) {
              case 'n', 'N' -> text.append('\n');
              case 'r', 'R' -> text.append('\r');
              case 't', 'T' -> text.append('\t');
              case 'b', 'B' -> text.append('\u0007');
              case 'f', 'F' -> text.append('\f');
              case '"', '\'', '\\' -> text.append(e);
              case 'u' -> {
                if (i + 4 > soql.length() || !soql.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                  throw new Refused("MALFORMED_QUERY", escapeAt, "Invalid string literal: illegal escape sequence");
                }
                text.append((char) Integer.parseInt(soql.substring(i, i + 4), 16));
                i += 4;
              }
              default -> throw new Refused("MALFORMED_QUERY", escapeAt,
                  "Invalid string literal: illegal escape sequence \\" + e);
            }
          } else {
            text.append(d);
          }
        }
        tokens.add(new Token(text.toString(), start, true));
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < soql.length() && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == '_')) i++;
        tokens.add(new Token(soql.substring(start, i), start, false));
      } else {
        tokens.add(new Token(String.valueOf(c), i, false));
        i++;
      }
    }
    return tokens;
  }
}
