package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * FakeSalesforce's {@code GET /services/data/vXX.X/query?q=...} for the SOQL connectors send:
 * {@code SELECT f1, f2, Rel.Field FROM Type [WHERE cond AND cond ...] [ORDER BY f [ASC|DESC]]
 * [LIMIT n]}, keywords in any case, where a condition is {@code field op value} with {@code op} one
 * of {@code = != < > <= >= LIKE} and {@code value} a string literal, {@code true}, {@code false}
 * or {@code null}. {@code =} on text ignores case, as SOQL does; {@code LIKE} takes {@code %} and
 * {@code _} (escaped as {@code \%} and {@code \_}). String literals take SOQL's escape sequences
 * ({@code \'}, {@code \\}, {@code \"}, {@code \n}, {@code \r}, {@code \t}, {@code \b},
 * {@code \f}, {@code \\uXXXX}, and in LIKE patterns {@code \%} {@code \_}); any other backslash is
 * an error, as in Salesforce. The answer is {@code {"totalSize","done","records":[...]}}; deleted
 * records are not returned (that is {@code queryAll}'s job). More records than the batch size
 * (2000, or the {@code Sforce-Query-Options: batchSize=} of 200 to 2000) come in batches: {@code
 * done: false} and a {@code nextRecordsUrl} ({@code .../query/<locator>-<offset>}) to GET the next.
 * Errors use Salesforce's message layout: the query, a caret under the offending token, {@code
 * ERROR at Row:1:Column:n} and the reason. {@code OR}, {@code NOT}, parentheses, subqueries and
 * functions are {@code MALFORMED_QUERY}, though Salesforce would run them: the fake serves what
 * connectors send, nothing more.
 */
final class SalesforceQuery {
  private static final String FIELD_HELP = " If you are attempting to use a custom field, be sure to append the"
      + " '__c' after the custom field name. Please reference your WSDL or the describe call for the"
      + " appropriate names.";
  private static final String TYPE_HELP = " If you are attempting to use a custom object, be sure to append the"
      + " '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
  private static final int DEFAULT_BATCH = 2000;
  private static final List<String> OPERATORS = List.of("=", "!=", "<", ">", "<=", ">=");

  /** A lexical token and the 0-based index where it starts; a literal's text is unescaped. */
  private record Token(String text, int at, boolean literal) {}

  /** One condition: the field's API name, the operator, and the value (a literal's text, or null). */
  private record Condition(String field, String op, Object value) {}

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

  /**
   * The API version of a {@code /services/data/vXX.X/query} path (or of a next batch, {@code
   * .../query/<locator>-<offset>}), or null for any other path.
   */
  static String version(RecordedCall call) {
    List<String> segments = segments(call);
    if (segments == null) return null;
    boolean query = (segments.size() == 4 || segments.size() == 5) && segments.get(0).equals("services")
        && segments.get(1).equals("data") && segments.get(2).matches("v\\d{1,3}\\.\\d") && segments.get(3).equals("query");
    return query ? segments.get(2) : null;
  }

  private static List<String> segments(RecordedCall call) {
    HttpUrl url = HttpUrl.parse("http://fake.invalid" + call.pathWithoutQuery());
    if (url == null) return null;
    List<String> segments = new ArrayList<>(url.pathSegments());
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) segments.remove(segments.size() - 1);
    return segments;
  }

  MockResponse answer(RecordedCall call, String version) {
    if (!call.method().equals("GET")) return SalesforceResponses.methodNotAllowed(call.method(), "HEAD,GET");
    List<String> segments = segments(call);
    if (segments.size() == 5) return nextBatch(segments.get(4), version);
    String soql = call.queryParameter("q");
    if (soql == null || soql.isBlank()) {
      return SalesforceResponses.json(400, Json.write(List.of(Json.object(
          "message", "A query string has to be specified", "errorCode", "MALFORMED_QUERY"))));
    }
    try {
      return run(soql, version, batchSize(call.header("Sforce-Query-Options")));
    } catch (Refused r) {
      String caret = " ".repeat(r.at) + "^";
      String message = "\n" + soql + "\n" + caret + "\nERROR at Row:1:Column:" + (r.at + 1) + "\n" + r.reason;
      return SalesforceResponses.json(400, Json.write(List.of(Json.object(
          "message", message, "errorCode", r.errorCode))));
    }
  }

  /** The batch size a {@code Sforce-Query-Options} header asks for, kept within 200 to 2000. */
  private static int batchSize(String options) {
    if (options == null) return DEFAULT_BATCH;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("batchSize=(\\d{1,9})").matcher(options);
    return m.find() ? Math.max(200, Math.min(DEFAULT_BATCH, Integer.parseInt(m.group(1)))) : DEFAULT_BATCH;
  }

  private MockResponse nextBatch(String locatorAndOffset, String version) {
    int dash = locatorAndOffset.lastIndexOf('-');
    SalesforceStore.Batches batches = dash < 0 ? null : store.batches(locatorAndOffset.substring(0, dash));
    String offset = dash < 0 ? "" : locatorAndOffset.substring(dash + 1);
    if (batches == null || !offset.matches("\\d{1,9}") || Integer.parseInt(offset) > batches.records().size()) {
      return SalesforceResponses.json(400, Json.write(List.of(Json.object(
          "message", "invalid query locator", "errorCode", "INVALID_QUERY_LOCATOR"))));
    }
    return page(batches, Integer.parseInt(offset), version);
  }

  private MockResponse page(SalesforceStore.Batches batches, int offset, String version) {
    List<Object> all = batches.records();
    int end = Math.min(all.size(), offset + batches.size());
    Map<String, Object> body = Json.object("totalSize", all.size(), "done", end >= all.size());
    if (end < all.size()) {
      body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + batches.locator() + "-" + end);
    }
    body.put("records", all.subList(offset, end));
    return SalesforceResponses.json(200, Json.write(body));
  }

  private MockResponse run(String soql, String version, int batch) throws Refused {
    List<Token> tokens = tokens(soql);
    int[] at = {0};
    keyword(tokens, at, "SELECT", soql);
    List<Token> columns = new ArrayList<>();
    do {
      columns.add(path(tokens, at, soql));
    } while (symbol(tokens, at, ","));
    keyword(tokens, at, "FROM", soql);
    Token typeName = word(tokens, at, soql);
    List<Token[]> where = new ArrayList<>();
    if (isKeyword(tokens, at[0], "WHERE")) {
      at[0]++;
      do {
        Token field = word(tokens, at, soql);
        Token op = next(tokens, at, soql);
        boolean like = !op.literal() && op.text().equalsIgnoreCase("LIKE");
        if (op.literal() || !(like || OPERATORS.contains(op.text()))) {
          throw new Refused("MALFORMED_QUERY", op.at(), "unexpected token: " + op.text());
        }
        Token value = next(tokens, at, soql);
        boolean word = !value.literal() && value.text().matches("(?i)true|false|null");
        if (!value.literal() && !word) throw new Refused("MALFORMED_QUERY", value.at(), "unexpected token: " + value.text());
        where.add(new Token[] {field, op, value});
      } while (isKeyword(tokens, at[0], "AND") && ++at[0] > 0);
    }
    Token orderBy = null;
    boolean descending = false;
    if (isKeyword(tokens, at[0], "ORDER")) {
      at[0]++;
      keyword(tokens, at, "BY", soql);
      orderBy = word(tokens, at, soql);
      if (isKeyword(tokens, at[0], "ASC") || isKeyword(tokens, at[0], "DESC")) {
        descending = tokens.get(at[0]++).text().equalsIgnoreCase("DESC");
      }
    }
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
    List<Condition> conditions = new ArrayList<>();
    for (Token[] c : where) {
      Object value = c[2].literal() ? c[2].text() : c[2].text().equalsIgnoreCase("null") ? null
          : Boolean.valueOf(c[2].text().toLowerCase(Locale.ROOT));
      conditions.add(new Condition(column(type, c[0]), c[1].text().toUpperCase(Locale.ROOT), value));
    }
    List<SalesforceStore.Stored> matches = new ArrayList<>();
    for (SalesforceStore.Stored stored : store.all(type)) {
      if (conditions.stream().allMatch(c -> holds(c, stored))) matches.add(stored);
    }
    if (orderBy != null) {
      String field = column(type, orderBy);
      Comparator<SalesforceStore.Stored> order = Comparator.comparing(s -> String.valueOf(value(s, field)));
      matches.sort(descending ? order.reversed() : order);
    }
    SalesforcePath path = new SalesforcePath(version, Integer.parseInt(version.substring(1, version.indexOf('.'))),
        type.name(), List.of());
    List<Object> records = new ArrayList<>();
    for (SalesforceStore.Stored stored : matches.subList(0, Math.min(limit, matches.size()))) {
      records.add(SalesforceResponses.recordFields(path, stored, selected, store));
    }
    return page(store.batch(records, batch), 0, version);
  }

  /** Whether {@code stored} satisfies the condition, with SOQL's case-insensitive text comparison. */
  private static boolean holds(Condition c, SalesforceStore.Stored stored) {
    Object actual = value(stored, c.field());
    if (c.op().equals("LIKE")) {
      return actual != null && c.value() != null && like(c.value().toString()).matcher(actual.toString()).matches();
    }
    if (c.value() == null || actual == null) {
      boolean same = c.value() == actual;
      return c.op().equals("=") ? same : c.op().equals("!=") && !same;
    }
    if ((c.value() instanceof Boolean) != (actual instanceof Boolean)) return c.op().equals("!=");
    int cmp = c.value() instanceof Boolean ? Boolean.compare((Boolean) actual, (Boolean) c.value())
        : c.field().equals("Id") || c.field().endsWith("Id") ? actual.toString().compareTo(c.value().toString())
        : actual.toString().compareToIgnoreCase(c.value().toString());
    return switch (c.op()) {
      case "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      case "<" -> cmp < 0;
      case ">" -> cmp > 0;
      case "<=" -> cmp <= 0;
      default -> cmp >= 0;
    };
  }

  private static Object value(SalesforceStore.Stored stored, String field) {
    return SalesforceResponses.value(stored, field);
  }

  /** A LIKE pattern as a case-insensitive regex: {@code %} any text, {@code _} one character, escapes literal. */
  private static java.util.regex.Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE
        | java.util.regex.Pattern.DOTALL);
  }

  private static String column(SalesforceSchema.Type type, Token column) throws Refused {
    int dot = column.text().indexOf('.');
    if (dot >= 0) {
      String relationship = column.text().substring(0, dot);
      if (!relationship.equalsIgnoreCase("Account") || !type.name().equals("Contact")) {
        throw new Refused("INVALID_FIELD", column.at(), "Didn't understand relationship '" + relationship
            + "' in field path. If you are attempting to use a custom relationship, be sure to append the '__r'"
            + " after the custom relationship name. Please reference your WSDL or the describe call for the"
            + " appropriate names.");
      }
      String field = SalesforceHandler.readable(SalesforceSchema.ACCOUNT, column.text().substring(dot + 1));
      if (field == null) {
        throw new Refused("INVALID_FIELD", column.at() + dot + 1, "No such column '" + column.text().substring(dot + 1)
            + "' on entity 'Account'." + FIELD_HELP);
      }
      return "Account." + field;
    }
    String canonical = SalesforceHandler.readable(type, column.text());
    if (canonical == null) {
      throw new Refused("INVALID_FIELD", column.at(), "No such column '" + column.text() + "' on entity '"
          + type.name() + "'." + FIELD_HELP);
    }
    return canonical;
  }

  /** A field, or a relationship's field ({@code Account.Name}), as one token. */
  private static Token path(List<Token> tokens, int[] at, String soql) throws Refused {
    Token first = word(tokens, at, soql);
    if (!symbol(tokens, at, ".")) return first;
    Token second = word(tokens, at, soql);
    return new Token(first.text() + "." + second.text(), first.at(), false);
  }

  private static boolean isKeyword(List<Token> tokens, int index, String keyword) {
    return index < tokens.size() && !tokens.get(index).literal() && tokens.get(index).text().equalsIgnoreCase(keyword);
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
              case '%', '_' -> text.append('\\').append(e); // LIKE's escaped wildcards, read by like()
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
      } else if ((c == '!' || c == '<' || c == '>') && i + 1 < soql.length() && soql.charAt(i + 1) == '=') {
        tokens.add(new Token(soql.substring(i, i + 2), i, false));
        i += 2;
      } else {
        tokens.add(new Token(String.valueOf(c), i, false));
        i++;
      }
    }
    return tokens;
  }
}
