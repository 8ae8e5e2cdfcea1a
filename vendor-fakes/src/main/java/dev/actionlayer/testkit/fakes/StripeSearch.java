package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of Stripe's search query language (docs.stripe.com/search) FakeStripe understands for
 * customers: clauses {@code field:"value"} (exact match: the record's value holds the query's
 * words, in the same order, case-insensitive) and {@code field~"value"} (case-insensitive
 * substring, at least 3 characters) on {@code name}, {@code email} and {@code phone}, and {@code
 * metadata["key"]:"value"}; values in double or single quotes, where a backslash escapes a quote;
 * clauses joined by spaces or {@code AND}. Anything else ({@code OR}, negation, other fields, an
 * unterminated or unknown escape) is refused with a 400, whose wording is unverified.
 */
final class StripeSearch {
  private final List<Predicate<FakeStripe.Customer>> clauses;

  private StripeSearch(List<Predicate<FakeStripe.Customer>> clauses) {
    this.clauses = clauses;
  }

  boolean matches(FakeStripe.Customer customer) {
    return clauses.stream().allMatch(c -> c.test(customer));
  }

  /** The parsed query, or the message of Stripe's 400 for one it cannot run. */
  static Object parse(String query) {
    if (query == null || query.isBlank()) return "Missing required param: query.";
    List<Predicate<FakeStripe.Customer>> clauses = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      while (i < query.length() && query.charAt(i) == ' ') i++;
      if (i >= query.length()) break;
      if (!clauses.isEmpty() && query.regionMatches(true, i, "AND ", 0, 4)) {
        i += 4;
        continue;
      }
      int op = i;
      while (op < query.length() && query.charAt(op) != ':' && query.charAt(op) != '~') op++;
      if (op >= query.length() || op + 1 >= query.length()) return invalid(query);
      String field = query.substring(i, op);
      char operator = query.charAt(op);
      char quote = query.charAt(op + 1);
      if (quote != '"' && quote != '\'') return invalid(query);
      StringBuilder value = new StringBuilder();
      int j = op + 2;
      while (true) {
        if (j >= query.length()) return invalid(query);
        char c = query.charAt(j++);
        if (c == quote) break;
        if (c == '\\') {
          if (j >= query.length() || (query.charAt(j) != '"' && query.charAt(j) != '\'')) return invalid(query);
          c = query.charAt(j++);
        }
        value.append(c);
      }
      Predicate<FakeStripe.Customer> clause = clause(field, operator, value.toString());
      if (clause == null) return invalid(query);
      if (operator == '~' && value.length() < 3) {
        return "Substring search (~) requires a value of at least 3 characters.";
      }
      clauses.add(clause);
      i = j;
      if (i < query.length() && query.charAt(i) != ' ') return invalid(query);
    }
    return clauses.isEmpty() ? invalid(query) : new StripeSearch(clauses);
  }

  private static Predicate<FakeStripe.Customer> clause(String field, char operator, String value) {
    if (field.startsWith("metadata[") && field.endsWith("]") && operator == ':') {
      String key = field.substring("metadata[".length(), field.length() - 1);
      if (key.length() < 2 || (key.charAt(0) != '"' && key.charAt(0) != '\'') || key.charAt(key.length() - 1) != key.charAt(0)) {
        return null;
      }
      String k = key.substring(1, key.length() - 1);
      return c -> value.equalsIgnoreCase(c.metadata().get(k));
    }
    java.util.function.Function<FakeStripe.Customer, String> of = switch (field) {
      case "name" -> FakeStripe.Customer::name;
      case "email" -> FakeStripe.Customer::email;
      case "phone" -> FakeStripe.Customer::phone;
      default -> null;
    };
    if (of == null) return null;
    String v = value.toLowerCase(Locale.ROOT);
    if (operator == '~') return c -> of.apply(c) != null && of.apply(c).toLowerCase(Locale.ROOT).contains(v);
    return c -> of.apply(c) != null && words(of.apply(c)).contains(words(value));
  }

  /** The value's words, space-joined and wrapped in spaces, so containment is a word sequence. */
  private static String words(String text) {
    return " " + String.join(" ", text.toLowerCase(Locale.ROOT).trim().split("\\s+")) + " ";
  }

  private static String invalid(String query) {
    return "Invalid search query: " + (query.length() > 100 ? query.substring(0, 100) + "…" : query)
        + ". See https://stripe.com/docs/search#search-query-language for the supported syntax.";
  }
}
