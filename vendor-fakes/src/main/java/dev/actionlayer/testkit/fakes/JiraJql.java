package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JQL FakeJira understands: clauses joined by {@code AND}, then an optional {@code ORDER BY}.
 * A clause is {@code field = value}, {@code field ~ value} or {@code field IS [NOT] EMPTY}, on
 * {@code project}, {@code status}, {@code statusCategory}, {@code assignee}, {@code labels},
 * {@code key}, and (with {@code ~}) {@code text}, {@code summary} or {@code description}. Values
 * are bare words or quoted strings with JQL's backslash escapes. {@code OR}, {@code NOT} and
 * parentheses are refused, though Jira runs them: the fake serves what connectors send. A text
 * value holding Lucene's operator characters is refused, as Jira refuses a text query it cannot
 * parse. A text clause matches when every one of its words occurs in the field, ignoring case
 * (Jira also stems words; the fake does not).
 */
final class JiraJql {

  /** A query that Jira would answer with 400; {@code message} is its {@code errorMessages} entry. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** One clause; {@code op} is {@code =}, {@code ~}, {@code empty} or {@code notEmpty}. */
  record Clause(String field, String op, String value) {}

  /** One {@code ORDER BY} item. */
  record Order(String field, boolean ascending) {}

  /** A parsed query. */
  record Query(List<Clause> clauses, List<Order> order) {

    /** The label a {@code labels = x} clause asks for, or null: such searches are the lookups by dedupe label. */
    String label() {
      for (Clause c : clauses) {
        if (c.field().equals("labels") && c.op().equals("=")) return c.value();
      }
      return null;
    }

    boolean matches(JiraStore.Stored stored, JiraStore store) {
      for (Clause c : clauses) {
        if (!JiraJql.matches(c, stored, store)) return false;
      }
      return true;
    }

    /** Jira's order for this query: by id (creation) unless it names {@code created} or {@code key}. */
    Comparator<JiraStore.Stored> comparator() {
      Comparator<JiraStore.Stored> byId = Comparator.comparingLong(s -> Long.parseLong(s.issue().id()));
      if (order.isEmpty()) return byId;
      Order first = order.get(0);
      Comparator<JiraStore.Stored> c = first.field().equals("key")
          ? Comparator.<JiraStore.Stored, String>comparing(s -> s.issue().project()).thenComparing(byId)
          : byId;
      return first.ascending() ? c : c.reversed();
    }
  }

  private static final List<String> FIELDS = List.of("project", "status", "statuscategory", "assignee", "labels",
      "key", "text", "summary", "description", "created");
  private static final Pattern LUCENE = Pattern.compile("[+\\-&|!(){}\\[\\]^~*?\\\\:\"/]");

  private JiraJql() {}

  static Query parse(String jql) throws Invalid {
    List<String> tokens = tokens(jql);
    List<Clause> clauses = new ArrayList<>();
    List<Order> order = new ArrayList<>();
    int i = 0;
    while (i < tokens.size() && !isWord(tokens.get(i), "order")) {
      if (!clauses.isEmpty()) {
        if (!isWord(tokens.get(i), "and")) throw unsupported(tokens.get(i));
        i++;
      }
      if (i + 1 >= tokens.size()) throw new Invalid("Error in the JQL Query: Expecting operator but got the end of the query.");
      String field = field(tokens.get(i++));
      String op = tokens.get(i++);
      if (isWord(op, "is")) {
        boolean not = i < tokens.size() && isWord(tokens.get(i), "not");
        if (not) i++;
        if (i >= tokens.size() || !(isWord(tokens.get(i), "empty") || isWord(tokens.get(i), "null"))) {
          throw new Invalid("Error in the JQL Query: Expecting 'EMPTY' after 'IS'.");
        }
        i++;
        clauses.add(new Clause(field, not ? "notEmpty" : "empty", null));
        continue;
      }
      if (!op.equals("=") && !op.equals("~")) throw unsupported(op);
      if (i >= tokens.size()) throw new Invalid("Error in the JQL Query: Expecting either a value, list or function"
          + " but got the end of the query.");
      String value = value(tokens.get(i++));
      boolean text = field.equals("text") || field.equals("summary") || field.equals("description");
      if (text != op.equals("~")) {
        throw new Invalid("The operator '" + op + "' is not supported by the '" + field + "' field.");
      }
      if (text && LUCENE.matcher(value).find()) {
        throw new Invalid("Error in the JQL Query: The text query '" + value + "' for the field '" + field
            + "' is not valid: probably your query syntax is incorrect.");
      }
      clauses.add(new Clause(field, op, value));
    }
    if (i < tokens.size()) {
      i++;
      if (i >= tokens.size() || !isWord(tokens.get(i), "by")) throw new Invalid("Error in the JQL Query: Expecting 'BY'.");
      i++;
      do {
        if (i >= tokens.size()) throw new Invalid("Error in the JQL Query: Expecting a field name in ORDER BY.");
        String field = field(tokens.get(i++));
        boolean ascending = true;
        if (i < tokens.size() && (isWord(tokens.get(i), "asc") || isWord(tokens.get(i), "desc"))) {
          ascending = isWord(tokens.get(i++), "asc");
        }
        order.add(new Order(field, ascending));
      } while (i < tokens.size() && tokens.get(i).equals(",") && ++i > 0);
      if (i < tokens.size()) throw unsupported(tokens.get(i));
    }
    if (clauses.isEmpty()) {
      throw new Invalid("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
    }
    return new Query(clauses, order);
  }

  private static boolean matches(Clause c, JiraStore.Stored stored, JiraStore store) {
    FakeJira.Issue issue = stored.issue();
    return switch (c.field()) {
      case "project" -> issue.project().equalsIgnoreCase(c.value())
          || store.projectOf(issue.project()).name().equalsIgnoreCase(c.value());
      case "status" -> issue.status().equalsIgnoreCase(c.value());
      case "statuscategory" -> JiraWorkflow.inCategory(JiraWorkflow.status(issue.status()), c.value());
      case "assignee" -> switch (c.op()) {
        case "empty" -> issue.assignee() == null;
        case "notEmpty" -> issue.assignee() != null;
        default -> c.value().equals(issue.assignee());
      };
      case "labels" -> switch (c.op()) {
        case "empty" -> issue.labels().isEmpty();
        case "notEmpty" -> !issue.labels().isEmpty();
        default -> issue.labels().contains(c.value());
      };
      case "key" -> issue.key().equalsIgnoreCase(c.value()) || issue.id().equals(c.value());
      case "summary" -> words(c.value(), issue.summary());
      case "description" -> words(c.value(), issue.descriptionText());
      case "text" -> words(c.value(), issue.summary() + "\n" + issue.descriptionText());
      default -> false;
    };
  }

  /** Whether every word of {@code query} occurs in {@code text}, ignoring case. */
  private static boolean words(String query, String text) {
    if (text == null) return false;
    String haystack = text.toLowerCase(Locale.ROOT);
    for (String word : query.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!word.isEmpty() && !haystack.contains(word)) return false;
    }
    return true;
  }

  private static String field(String token) throws Invalid {
    String field = token.startsWith("\u0000") ? token.substring(1) : token;
    String lower = field.toLowerCase(Locale.ROOT);
    if (!FIELDS.contains(lower)) {
      throw new Invalid("Field '" + field + "' does not exist or you do not have permission to view it.");
    }
    return lower;
  }

  /** A quoted token's text, or a bare word. */
  private static String value(String token) throws Invalid {
    if (token.startsWith("\u0000")) return token.substring(1);
    if (token.length() == 1 && "=~!(),".contains(token)) throw unsupported(token);
    return token;
  }

  private static Invalid unsupported(String token) {
    String shown = token.startsWith("\u0000") ? token.substring(1) : token;
    return new Invalid("Error in the JQL Query: FakeJira understands only clauses joined by AND, got '" + shown + "'.");
  }

  private static boolean isWord(String token, String word) {
    return !token.startsWith("\u0000") && token.equalsIgnoreCase(word);
  }

  /** Words, operators, and quoted strings (marked by a leading NUL, unescaped). */
  private static List<String> tokens(String jql) throws Invalid {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < jql.length()) {
      char c = jql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder text = new StringBuilder("\u0000");
        int start = i++;
        while (true) {
          if (i >= jql.length()) {
            throw new Invalid("Error in the JQL Query: The quoted string starting at character " + start
                + " has not been completed.");
          }
          char d = jql.charAt(i++);
          if (d == c) break;
          if (d == '\\' && i < jql.length()) {
            char e = jql.charAt(i++);
            switch (e) {
              case 'n' -> text.append('\n');
              case 't' -> text.append('\t');
              case 'r' -> text.append('\r');
              case '"', '\'', '\\', ' ' -> text.append(e);
              default -> throw new Invalid("Error in the JQL Query: The escape sequence '\\" + e
                  + "' at character " + (i - 2) + " is not valid.");
            }
          } else {
            text.append(d);
          }
        }
        tokens.add(text.toString());
      } else if (c == '!' && i + 1 < jql.length() && (jql.charAt(i + 1) == '=' || jql.charAt(i + 1) == '~')) {
        tokens.add(jql.substring(i, i + 2));
        i += 2;
      } else if ("=~(),".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < jql.length() && !Character.isWhitespace(jql.charAt(i)) && "=~(),\"'!".indexOf(jql.charAt(i)) < 0) i++;
        if (i == start) {
          tokens.add(String.valueOf(c));
          i++;
        } else {
          tokens.add(jql.substring(start, i));
        }
      }
    }
    return tokens;
  }
}
